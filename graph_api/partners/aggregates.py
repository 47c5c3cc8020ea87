"""Maintained aggregates: counts that `coverage`, `coalitionFigures` and `bestConnected` read
from a property (or, per province and theme, a relationship) instead of walking the graph at
read time, and each organisation's profile that `suggestCollaborators` scores candidates by
(`PROFILE`).

Each is defined once here as the Cypher that computes it from scratch (`DEFINITIONS`). The
writes that change one keep it up to date in the same transaction, by adding a delta with
`SET n.x = n.x + d` (a property read on the right-hand side makes Cypher take the node's
write lock before reading, so concurrent deltas are not lost): the network's in
`network.write_cypher`, the practices' below (`PRACTICE_CONTRIBUTION`). Seeding and
`graph-api migrate` recompute them all (`recompute`); `mismatches` compares the maintained
values with the definitions (the consistency test uses it).

Lock order, so that writers never wait on each other in a cycle: practice, organisations
(by id), coalitions (by id), municipalities, provinces and themes (each by key).
"""

from __future__ import annotations

from typing import Any, LiteralString

from neo4j import Driver

from graph_api.graph_names import REL_ORDERS, Label, Rel, RelOrder
from graph_api.network.enums import Scope

PUBLISHED = "'PUBLISHED'"
BATCH_ROWS = 2000


def scope_count(scope: str) -> str:
    """The theme property counting its organisations of this scope (`localOrganisations`)."""
    return f"{scope.lower()}Organisations"


# Per node, counting starts at the node. The test is written so that no index can serve it:
# with `x.status = 'PUBLISHED'`, right after seeding (index statistics still those of the
# empty graph) Neo4j planned each organisation's count from the practices' status index,
# and the recompute at scale 10 ran past the 60 s transaction timeout.
IS_PUBLISHED = "coalesce(x.status, '') = 'PUBLISHED'"

# Each theme and target group has a flag, a distinct power of two (themes from 2^0, target
# groups from 2^THEME_FLAGS, each in slug order), so that an organisation's themes and groups
# together are one integer (`topicMask`): `suggestCollaborators` reads that one number per
# candidate and tests the source's flags with integer arithmetic. Two lists of slugs cost
# twice the reads and, decoded as strings, 1 ms more of its 7 ms at scale 100. There are 12
# themes and 9 groups; tests/partners/test_suggestions.py checks they fit.
THEME_FLAGS = 31
TOPIC_FLAGS = 62  # a signed 64-bit integer, with room to spare


def _flag(label: Label, offset: int) -> str:
    return f"toInteger(2.0 ^ ({offset} + COUNT {{ (x:{label}) WHERE x.slug < n.slug }}))"


FLAGS: dict[Label, dict[str, str]] = {
    Label.THEME: {"flag": _flag(Label.THEME, 0)},
    Label.TARGET_GROUP: {"flag": _flag(Label.TARGET_GROUP, THEME_FLAGS)},
}


# The ids of an organisation's coalitions, in id order: `suggestCollaborators` counts the
# coalitions a candidate shares from this, whichever way the candidate came in. Kept by the
# writes of memberships (`network.write_cypher`).
def coalition_ids(n: str) -> str:
    return (
        f"COLLECT {{ MATCH ({n})-[:{Rel.MEMBER_OF}]->(x:{Label.COALITION}) "
        "RETURN x.id ORDER BY x.id }"
    )


# An organisation's themes and target groups (`topicMask`, the sum of their flags), home
# location and coalitions as properties of its own: `suggestCollaborators` scores hundreds of
# candidates at scale 100, and reading each one's relationships walked its whole
# relationship chain (about 12 database hits each, half of the statement's). Kept by the
# writes that change them (`ORGANISATION_PROFILE`, and the memberships' own).
PROFILE: dict[str, str] = {
    "topicMask": (
        "reduce(m = 0, f IN COLLECT { "
        f"MATCH (n)-[:{Rel.WORKS_ON}|{Rel.SERVES}]->(x:{Label.THEME}|{Label.TARGET_GROUP}) "
        "RETURN DISTINCT x.flag } | m + f)"
    ),
    "homeLocation": (
        f"COLLECT {{ MATCH (n)-[:{Rel.BASED_IN}]->(x:{Label.MUNICIPALITY}) "
        "RETURN x.location ORDER BY x.code LIMIT 1 }[0]"
    ),
    "coalitionIds": coalition_ids("n"),
}

# Label -> property -> its value for the node `n`, computed from scratch, in this order (the
# flags before the profiles made of them). Degree counts leave the far node's label out so
# Neo4j reads them from the degree store.
DEFINITIONS: dict[Label, dict[str, str]] = {
    **FLAGS,
    Label.ORGANISATION: {
        **PROFILE,
        "degree": (
            f"COUNT {{ (n)-[:{Rel.PARTNERS_WITH}]-() }} + COUNT {{ (n)-[:{Rel.MEMBER_OF}]->() }}"
            f" + COUNT {{ (n)-[:{Rel.BRANCH_OF}]-() }}"
        ),
        "publishedPractices": (
            f"COUNT {{ (n)<-[:{Rel.BY}]-(x:{Label.PRACTICE}) WHERE {IS_PUBLISHED} }}"
        ),
    },
    Label.COALITION: {
        # Each partnership is stored once, so the directed pattern counts each pair once.
        "partnershipsAmongMembers": (
            f"COUNT {{ (n)<-[:{Rel.MEMBER_OF}]-(:{Label.ORGANISATION})"
            f"-[:{Rel.PARTNERS_WITH}]->(:{Label.ORGANISATION})-[:{Rel.MEMBER_OF}]->(n) }}"
        ),
        "publishedPractices": (
            f"COUNT {{ (n)<-[:{Rel.MEMBER_OF}]-(:{Label.ORGANISATION})"
            f"<-[:{Rel.BY}]-(x:{Label.PRACTICE}) WHERE {IS_PUBLISHED} }}"
        ),
    },
    Label.MUNICIPALITY: {
        "publishedPractices": (
            f"COUNT {{ (n)<-[:{Rel.APPLIED_IN}]-(x:{Label.PRACTICE}) WHERE {IS_PUBLISHED} }}"
        ),
    },
    # A practice applied in two municipalities of a province counts once there.
    Label.PROVINCE: {
        "publishedPractices": (
            f"COUNT {{ MATCH (n)<-[:{Rel.IN_PROVINCE}]-(:{Label.MUNICIPALITY})"
            f"<-[:{Rel.APPLIED_IN}]-(x:{Label.PRACTICE}) WHERE {IS_PUBLISHED} "
            "RETURN DISTINCT x }"
        ),
    },
    Label.THEME: {
        **FLAGS[Label.THEME],
        "publishedPractices": (
            f"COUNT {{ (n)<-[:{Rel.ADDRESSES}]-(x:{Label.PRACTICE}) WHERE {IS_PUBLISHED} }}"
        ),
        # Per scope, the organisations working on the theme: a list filtered on one theme
        # and scopes counts from these (`filtering.CountsBy`) instead of testing each.
        **{
            scope_count(scope.value): (
                f"COUNT {{ (n)<-[:{Rel.WORKS_ON}]-(x:{Label.ORGANISATION}) "
                f"WHERE x.scope = '{scope.value}' }}"
            )
            for scope in Scope
        },
    },
}

# One aggregate lives on relationships: `(pv:Province)-[r:PUBLISHED_ON]->(t:Theme)` with
# `r.practices`, the published practices applied in the province (each once) that address the
# theme, so a province's `coverage` tells its themes without a practice from at most 144
# relationships instead of every practice of every theme. A count that falls to 0 keeps its
# relationship.
_PROVINCE_THEMES: LiteralString = f"""
  MATCH (pv:{Label.PROVINCE})<-[:{Rel.IN_PROVINCE}]-(:{Label.MUNICIPALITY})
        <-[:{Rel.APPLIED_IN}]-(x:{Label.PRACTICE})-[:{Rel.ADDRESSES}]->(t:{Label.THEME})
  WHERE x.status = {PUBLISHED}
  WITH pv, t, count(DISTINCT x) AS n"""
RECOMPUTE_PROVINCE_THEMES: tuple[LiteralString, ...] = (
    f"MATCH (:{Label.PROVINCE})-[r:{Rel.PUBLISHED_ON}]->(:{Label.THEME}) DELETE r",
    f"{_PROVINCE_THEMES}\n  MERGE (pv)-[r:{Rel.PUBLISHED_ON}]->(t) SET r.practices = n",
)
MISMATCHED_PROVINCE_THEMES: LiteralString = f"""
CALL () {{{_PROVINCE_THEMES}
  RETURN collect([pv.code + ' ' + t.slug, n]) AS want
}}
CALL () {{
  MATCH (pv:{Label.PROVINCE})-[r:{Rel.PUBLISHED_ON}]->(t:{Label.THEME}) WHERE r.practices <> 0
  RETURN collect([pv.code + ' ' + t.slug, r.practices]) AS held
}}
UNWIND [w IN want | w[0]] + [h IN held | h[0]] AS key
WITH DISTINCT key, want, held
WITH key, [w IN want WHERE w[0] = key | w[1]][0] AS w, [h IN held WHERE h[0] = key | h[1]][0] AS h
WHERE coalesce(w, 0) <> coalesce(h, 0)
RETURN '{Rel.PUBLISHED_ON}' AS label, key, w AS want, h AS held ORDER BY key"""

# What a published practice adds to (delta 1) or takes from (delta -1) the aggregates: its
# organisation and that organisation's coalitions, the municipalities it is applied in, their
# provinces (each once), its themes, and each pair of those provinces and themes. Run while it
# is published, before a change that withdraws it or moves its links (delta -1) and after one
# that publishes it or has moved them (delta 1). Nodes are updated in key order, in the lock
# order above.
PRACTICE_CONTRIBUTION: LiteralString = f"""
MATCH (p:{Label.PRACTICE}) WHERE p.id = $id
CALL (p) {{
  MATCH (p)-[:{Rel.BY}]->(o:{Label.ORGANISATION})
  SET o.publishedPractices = coalesce(o.publishedPractices, 0) + $delta
  WITH o
  MATCH (o)-[:{Rel.MEMBER_OF}]->(c:{Label.COALITION})
  WITH c ORDER BY c.id
  SET c.publishedPractices = coalesce(c.publishedPractices, 0) + $delta
}}
CALL (p) {{
  MATCH (p)-[:{Rel.APPLIED_IN}]->(m:{Label.MUNICIPALITY})
  WITH m ORDER BY m.code
  SET m.publishedPractices = coalesce(m.publishedPractices, 0) + $delta
}}
CALL (p) {{
  MATCH (p)-[:{Rel.APPLIED_IN}]->(:{Label.MUNICIPALITY})-[:{Rel.IN_PROVINCE}]->(pv:{Label.PROVINCE})
  WITH DISTINCT pv ORDER BY pv.code
  SET pv.publishedPractices = coalesce(pv.publishedPractices, 0) + $delta
}}
CALL (p) {{
  MATCH (p)-[:{Rel.ADDRESSES}]->(t:{Label.THEME})
  WITH t ORDER BY t.slug
  SET t.publishedPractices = coalesce(t.publishedPractices, 0) + $delta
}}
CALL (p) {{
  MATCH (p)-[:{Rel.APPLIED_IN}]->(:{Label.MUNICIPALITY})-[:{Rel.IN_PROVINCE}]->(pv:{Label.PROVINCE})
  WITH DISTINCT pv
  MATCH (p)-[:{Rel.ADDRESSES}]->(t:{Label.THEME})
  WITH pv, t ORDER BY pv.code, t.slug
  // Both ends are locked already (above), so concurrent MERGEs of one pair cannot both create.
  MERGE (pv)-[r:{Rel.PUBLISHED_ON}]->(t)
  SET r.practices = coalesce(r.practices, 0) + $delta
}}
"""

# After a write that changes an organisation's themes, target groups or home (it is locked).
ORGANISATION_PROFILE: LiteralString = (
    f"MATCH (n:{Label.ORGANISATION}) WHERE n.id = $id SET "
    + ", ".join(f"n.`{prop}` = {expr}" for prop, expr in PROFILE.items())
)

# What an organisation adds to (delta 1) or takes from (delta -1) its themes' per-scope
# counts: run before a change of its scope or themes (-1) and after it (+1), with the
# organisation locked; the themes are updated in key order, in the lock order above.
ORGANISATION_CONTRIBUTION: LiteralString = f"""
MATCH (o:{Label.ORGANISATION}) WHERE o.id = $id
MATCH (o)-[:{Rel.WORKS_ON}]->(t:{Label.THEME})
WITH o, t ORDER BY t.slug
SET {
    ", ".join(
        f"t.{scope_count(s.value)} = coalesce(t.{scope_count(s.value)}, 0)"
        f" + CASE o.scope WHEN '{s.value}' THEN $delta ELSE 0 END"
        for s in Scope
    )
}
"""


def set_copies(orders: RelOrder | tuple[RelOrder, ...], start: str, rel: str, end: str) -> str:
    """A SET clause giving the relationship `rel` from `start` to `end` the copies its
    `RelOrder`s say it carries (at its creation, or after its start node's keys change)."""
    copied: dict[str, str] = {}
    for order in orders if isinstance(orders, tuple) else (orders,):
        copied |= _copied(order, start, end)
    return "SET " + ", ".join(f"{rel}.{p} = {v}" for p, v in copied.items())


def _copied(order: RelOrder, start: str, end: str) -> dict[str, str]:
    """Relationship property -> its value, as Cypher over the two ends."""
    return {
        order.key: order.key_of(end),
        **{prop: f"{start}.{node}" for node, prop in order.copies},
    }


def _copies(order: RelOrder) -> tuple[str, str, str]:
    """The organisation's copies, all copies recomputed where stale, and the stale ones."""
    copied = _copied(order, "o", "t")
    matched = f"MATCH (o:{order.start})-[w:{order.rel}]->(t:{order.end})"
    held = " AND ".join(f"w.{p} = {v}" for p, v in copied.items())
    stale = f"WHERE NOT coalesce({held}, false)"
    sets = set_copies(order, "o", "w", "t")
    return (
        f"{matched} WHERE o.id = $id {sets}",
        f"{matched} {stale} CALL (o, t, w) {{ {sets} }} IN TRANSACTIONS OF {BATCH_ROWS} ROWS",
        f"{matched} {stale} RETURN '{order.rel}' AS label, "
        f"o.id + ' ' + coalesce({order.key_of('t')}, '?') AS key, "
        + "{"
        + ", ".join(f"`{p}`: {v}" for p, v in copied.items())
        + "} AS want, {"
        + ", ".join(f"`{p}`: w.{p}" for p in copied)
        + "} AS held ORDER BY key LIMIT 100",
    )


_COPIES = [_copies(order) for order in REL_ORDERS]
# After a write that changes an organisation's themes, memberships or name (it is locked).
ORGANISATION_COPIES: list[LiteralString] = [c[0] for c in _COPIES]
RECOMPUTE_COPIES: list[LiteralString] = [c[1] for c in _COPIES]
MISMATCHED_COPIES: list[LiteralString] = [c[2] for c in _COPIES]

# The practice links that feed the aggregates: changing them on a published practice moves
# its contribution.
PRACTICE_LINKS = frozenset({"municipalities", "themes"})

KEYS = {
    Label.ORGANISATION: "id",
    Label.COALITION: "id",
    Label.MUNICIPALITY: "code",
    Label.PROVINCE: "code",
    Label.THEME: "slug",
    Label.TARGET_GROUP: "slug",
}


def recompute_statements() -> list[LiteralString]:
    """One statement per label, in batches of its own transactions (at scale 100 a single
    transaction would hold every node's lock and a lot of memory)."""
    out: list[LiteralString] = []
    for label, props in DEFINITIONS.items():
        sets = ", ".join(f"n.`{prop}` = {expr}" for prop, expr in props.items())
        # Built from the fixed definitions above: no value ever reaches the text.
        out.append(
            f"MATCH (n:{label}) CALL (n) {{ SET {sets} }} IN TRANSACTIONS OF {BATCH_ROWS} ROWS"
        )
    return out


def mismatch_statements() -> list[LiteralString]:
    """Per label, the nodes whose maintained values differ from the definitions."""
    out: list[LiteralString] = []
    for label, props in DEFINITIONS.items():
        key = KEYS[label]
        # A missing value (never computed) differs from every count, list and location; a
        # value that is rightly missing (an organisation without a home) is missing on both.
        wanted = ", ".join(f"`{prop}`: coalesce({expr}, -1)" for prop, expr in props.items())
        held = ", ".join(f"`{prop}`: coalesce(n.`{prop}`, -1)" for prop in props)
        out.append(
            f"MATCH (n:{label}) WITH n, {{{wanted}}} AS want, {{{held}}} AS held "
            f"WHERE want <> held RETURN '{label}' AS label, n.{key} AS key, want, held "
            f"ORDER BY key"
        )
    return out


def recompute(driver: Driver, database: str, copies: bool = True) -> None:
    """Every aggregate from scratch (seeding, `graph-api migrate`, tests that write the graph
    directly). `CALL ... IN TRANSACTIONS` needs an auto-commit transaction: `session.run`.
    Without `copies` the relationships' copies are left as they are: for a graph whose every
    such relationship was written with them (a seed into an empty graph; 3 s at scale 100)."""
    with driver.session(database=database) as session:
        # Plans cached while the graph was empty (`migrate` before `seed`) would be reused
        # after seeding: at scale 10 one started each organisation's count from the practices'
        # status index and ran past the timeout. Planned afresh, they start from the node.
        session.run("CALL db.clearQueryCaches()").consume()
        for statement in recompute_statements():
            session.run(statement).consume()
        for statement in RECOMPUTE_PROVINCE_THEMES:
            session.run(statement).consume()
        for statement in RECOMPUTE_COPIES if copies else []:
            session.run(statement).consume()


def mismatches(driver: Driver, database: str) -> list[dict[str, Any]]:
    """Maintained values that differ from a recomputation (empty when all agree)."""
    out: list[dict[str, Any]] = []
    for statement in [*mismatch_statements(), MISMATCHED_PROVINCE_THEMES, *MISMATCHED_COPIES]:
        records, _, _ = driver.execute_query(statement, database_=database)
        out.extend(r.data() for r in records)
    return out
