"""`suggestCollaborators`: organisations worth meeting, ranked, with the reasons why.

Candidates come only from the organisation's neighbourhood, never from the whole graph:
co-members of its coalitions (up to COALITION_CANDIDATES of each), partners of its partners,
and the NEARBY_CANDIDATES nearest organisations based within CANDIDATE_RADIUS_KM (found
through the point index on Municipality.location; only the nearest municipalities whose
organisations make up that many are read, see `nearby.reach_call`). Each is scored

    2.0 x shared themes + 1.5 x shared target groups + 3.0 x shared coalitions
    + 1.5 x partners in common + 3.0 x (1 - km / 50) for home municipalities under 50 km apart

rounded to 4 decimals, ties broken by organisation id, so the same graph gives the same list.
Existing partners, the organisation itself and its own branches or parent are left out.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from graph_api.graph_names import MEMBER_OF_ORDER, Label, Rel
from graph_api.graphql.compiler import Compiler, Selection
from graph_api.locale import Locale
from graph_api.network.enums import MemberRole
from graph_api.partners.nearby import based_in, reach_call
from graph_api.partners.projection import cypher_map, selected
from graph_api.partners.types import SuggestionReasonKind

CANDIDATE_RADIUS_KM = 15.0
# Of the organisations based within the radius, the nearest this many (by home, then name and
# id, each municipality's read in that order from the index of homes, `nearby.based_in`) are
# scored: all of them in the real data (at most 122 around any municipality, checked by
# tests/partners/test_suggestions.py), a bounded share in a city of the benchmark's scale 100
# (2,600 around some), where scoring them cost most of the statement. At scale 100, for 150
# random organisations, 500 took p50 13 ms and p95 33 ms, 200 took 8.3 and 17 ms, and 84 % of
# the top ten stayed (their summed score 2.4 % lower); at scale 1 all 400 lists were the same.
NEARBY_CANDIDATES = 125
# Of each coalition the organisation shares, this many members are candidates: those that
# follow it in name order (itself first, then wrapping round to the start), read from the
# index of members (`MEMBER_OF_ORDER`), so each member has the same chance whatever its name.
# All of them in the real data (at most 46 in a coalition, checked by the same tests); at the
# benchmark's scale 100 coalitions have some 400 members and the candidates grew with them.
# With both bounds (125 and 100, from 200 and none), the statement alone for the benchmark's
# 64 organisations at scale 100 took p50 3.9 instead of 4.4 ms and p95 7.5 instead of 8.5
# (the tail being organisations in the largest coalitions); 61 % of the top ten stayed, their
# summed score 3.5 % lower (near ties among hundreds of co-members); at scale 1 all 64 lists
# were the same.
COALITION_CANDIDATES = 100
NEARNESS_SCALE_KM = 50.0
WEIGHTS = {"theme": 2.0, "group": 1.5, "coalition": 3.0, "mutual": 1.5, "near": 3.0}


def suggestions_cypher(
    c: Compiler,
    org_id: str,
    first: int,
    conditions: Sequence[str],
    selections: Iterable[Selection],
    radius_km: float | None = None,
) -> str:
    """One row whose `result` is the ranked list, or no row if the organisation is unknown.

    `conditions` are filter conditions over `{m}` (from network.filters); they narrow the
    candidates before scoring. With `radius_km`, only candidates based within that distance
    of the organisation's home remain.
    """
    w = {k: c.param(v) for k, v in WEIGHTS.items()}
    scale = c.param(NEARNESS_SCALE_KM)
    narrowed = " AND ".join(["excluded = 0", *(x.replace("{m}", "cand") for x in conditions)])
    item = cypher_map(_entries(c, selected(c, "CollaboratorSuggestion", selections)))
    within = "" if radius_km is None else f"WHERE km <= {c.param(radius_km)}"
    # Only the nearest municipalities whose organisations make up the nearby candidates.
    radius, nearby = c.param(CANDIDATE_RADIUS_KM * 1000), c.param(NEARBY_CANDIDATES)
    per_coalition = c.param(COALITION_CANDIDATES)
    limit = c.param(first)
    # Each candidate source tags its rows, so counting the tags per candidate gives the
    # partners in common without expanding each candidate again; the organisation itself, its
    # partners and its family come in tagged as excluded.
    return f"""
MATCH (src:{Label.ORGANISATION} {{id: {c.param(org_id)}}})
WITH src,
  COLLECT {{ MATCH (src)-[:{Rel.BASED_IN}]->(sh:{Label.MUNICIPALITY}) RETURN sh LIMIT 1 }}[0]
    AS home,
  COLLECT {{ MATCH (src)-[:{Rel.WORKS_ON}]->(st:{Label.THEME}) RETURN st }} AS srcThemes,
  COLLECT {{ MATCH (src)-[:{Rel.SERVES}]->(sg:{Label.TARGET_GROUP}) RETURN sg }} AS srcGroups,
  COLLECT {{ MATCH (src)-[:{Rel.MEMBER_OF}]->(sc:{Label.COALITION}) RETURN sc }} AS srcCoalitions,
  COLLECT {{ MATCH (src)-[:{Rel.PARTNERS_WITH}]-(sp:{Label.ORGANISATION}) RETURN DISTINCT sp }}
    AS srcPartners,
  COLLECT {{ MATCH (src)-[:{Rel.BRANCH_OF}]-(sf:{Label.ORGANISATION}) RETURN sf }} AS srcFamily
{reach_call("home", radius, nearby)}
// Read once here, not once for each candidate below.
WITH *, [t IN srcThemes | t.flag] AS srcThemeFlags, [g IN srcGroups | g.flag] AS srcGroupFlags,
  [sc IN srcCoalitions | sc.id] AS srcCoalitionIds, home.location AS homeAt
RETURN COLLECT {{
  // Counted and collected in subqueries of their own: aggregated here, each group would also
  // hold every variable in scope (seven lists among them), compared for each row.
  CALL (src, homeAt, reach, srcCoalitions, srcPartners, srcFamily, srcThemeFlags, srcGroupFlags,
        srcCoalitionIds) {{
  CALL (src, homeAt, reach, srcCoalitions, srcPartners, srcFamily) {{
  CALL (src, homeAt, reach, srcCoalitions, srcPartners, srcFamily) {{
      UNWIND srcCoalitions AS sc
      {co_members("sc", "src", per_coalition)}
      RETURN cand, null AS viaPartner, null AS ex
    UNION ALL
      // Only organisations are partners (graph_names.SOLE_ENDS): no label test.
      UNWIND srcPartners AS sp MATCH (sp)-[:{Rel.PARTNERS_WITH}]-(cand)
      RETURN cand, sp AS viaPartner, null AS ex
    UNION ALL
      MATCH (near:{Label.MUNICIPALITY})
      WHERE point.distance(near.location, homeAt) <= reach
      WITH near, point.distance(near.location, homeAt) AS d
      {based_in("near", "cand", nearby)}
      WITH cand, d ORDER BY d, cand_name, cand_id LIMIT {nearby}
      RETURN cand, null AS viaPartner, null AS ex
    UNION ALL
      UNWIND [src] + srcPartners + srcFamily AS cand
      RETURN cand, null AS viaPartner, 1 AS ex
  }}
  // One path for each partner in common (graph_names.ONE_PER_PAIR).
  WITH cand, count(viaPartner) AS nMutual, count(ex) AS excluded
  WHERE {narrowed}
  RETURN cand, nMutual
  }}
  // The candidate's profile (partners.aggregates.PROFILE), not its relationships: its mask
  // read once, then each of the source's flags tested as a bit of it; its coalitions, so a
  // coalition in common counts whichever way the candidate came in.
  WITH cand, nMutual, cand.topicMask AS topics,
    point.distance(cand.homeLocation, homeAt) / 1000.0 AS km,
    size([x IN coalesce(cand.coalitionIds, []) WHERE x IN srcCoalitionIds]) AS nCoalitions
  WITH cand, nMutual, km,
    {w["theme"]} * size([f IN srcThemeFlags WHERE topics / f % 2 = 1])
      + {w["group"]} * size([f IN srcGroupFlags WHERE topics / f % 2 = 1])
      + {w["coalition"]} * nCoalitions + {w["mutual"]} * nMutual AS shared
  {within}
  WITH cand, nMutual, km,
    round(shared + CASE WHEN km IS NULL OR km >= {scale} THEN 0.0
                        ELSE {w["near"]} * (1.0 - km / {scale}) END, 4) AS score
  RETURN collect([score, cand, nMutual, km]) AS scored
  }}
  // The page's lowest score first, ordered by score alone; then only the candidates that
  // reach it are ordered by id as well. Comparing ids among the hundreds that tie at scale
  // cost more than the scoring.
  CALL (scored) {{
    UNWIND scored AS x WITH x[0] AS s ORDER BY s DESC LIMIT {limit} RETURN min(s) AS lowest
  }}
  UNWIND [x IN scored WHERE x[0] >= lowest] AS x
  WITH x[1] AS cand, x[2] AS nMutual, x[3] AS km, x[0] AS score
  ORDER BY score DESC, cand.id
  LIMIT {limit}
  WITH cand, nMutual, km, score,
    COLLECT {{ MATCH (cand)-[:{Rel.BASED_IN}]->(h:{Label.MUNICIPALITY}) RETURN h LIMIT 1 }}[0]
      AS candHome
  RETURN {item}
}} AS result
"""


def co_members(coalition: str, src: str, limit: str) -> str:
    """A subquery giving `cand`: the first `limit` members of `coalition` counted from `src`
    in name order (members named as `src` or after it, then from the start), each read from
    the index of members in that order."""
    order, r = MEMBER_OF_ORDER, "cm"
    (name, name_copy), _ = order.copies
    props = ", ".join(order.props)
    by = ", ".join(f"{r}.{p}" for p in order.props)

    def seek(compare: str, lap: int) -> str:
        # Only organisations are members (graph_names.SOLE_ENDS): no label test.
        return (
            f"MATCH (cand)-[{r}:{Rel.MEMBER_OF}]->() USING INDEX {r}:{Rel.MEMBER_OF}({props}) "
            f"WHERE {r}.{order.key} = {coalition}.{order.end_key} "
            f"AND {r}.{name_copy} {compare} {src}.{name} "
            + "".join(f"AND {r}.{p} IS NOT NULL " for p in order.props[2:])
            + f"RETURN cand, {lap} AS lap, {r}.{name_copy} AS n, {r}.{order.props[-1]} AS i "
            f"ORDER BY {by} LIMIT {limit}"
        )

    return (
        f"CALL ({coalition}, {src}) {{ CALL ({coalition}, {src}) {{ {seek('>=', 0)} "
        f"UNION ALL {seek('<', 1)} }} WITH cand ORDER BY lap, n, i LIMIT {limit} RETURN cand }}"
    )


# The partners in common and roles a reason names: enough to introduce, short to read.
NAMED_PARTNERS = 3
NAMED_ROLES = 3
_LEAD = MemberRole.LEAD.value
# The index of memberships by coalition and role (`graph_api.db.migrations`).
_BY_ROLE = f"{MEMBER_OF_ORDER.key}, role"


def _entries(c: Compiler, sel: dict[str, list[Selection]]) -> dict[str, str]:
    # The facts behind the reasons are always read (a handful of names for `first` rows):
    # the reasons are worded in Python from them.
    entries = {
        "score": "score",
        "mutual_partners": "nMutual",
        "distance_km": "round(km, 3)",
        "_themes": _shared_names(f"(cand)-[:{Rel.WORKS_ON}]->(x:{Label.THEME})", "srcThemes"),
        "_groups": _shared_names(f"(cand)-[:{Rel.SERVES}]->(x:{Label.TARGET_GROUP})", "srcGroups"),
        "_coalitions": (
            f"COLLECT {{ MATCH (cand)-[:{Rel.MEMBER_OF}]->(x:{Label.COALITION}) "
            "WHERE x IN srcCoalitions WITH x ORDER BY x.name, x.id "
            "RETURN {id: x.id, name: x.name, lead: COLLECT { "
            # From the (coalition, role) index: at scale 100 a coalition has about 400
            # members, and testing each one's role cost ten rows 8,000 database hits.
            f"CALL (x) {{ MATCH (l:{Label.ORGANISATION})-[lr:{Rel.MEMBER_OF}]->() "
            f"USING INDEX lr:{Rel.MEMBER_OF}({_BY_ROLE}) "
            f"WHERE lr.{MEMBER_OF_ORDER.key} = x.{MEMBER_OF_ORDER.end_key} AND lr.role = '{_LEAD}' "
            f"RETURN l ORDER BY l.name, l.id LIMIT 1 }} RETURN {_introducer('l')} }}[0]}} }}"
        ),
        "_partners": (
            f"COLLECT {{ MATCH (cand)-[:{Rel.PARTNERS_WITH}]-(p:{Label.ORGANISATION}) "
            "WHERE p IN srcPartners WITH DISTINCT p ORDER BY p.name, p.id "
            f"LIMIT {NAMED_PARTNERS} RETURN {_introducer('p')} }}"
        ),
        "_home": "candHome.displayName",
        "_same_home": "candHome = home",
    }
    if "organisation" in sel:
        entries["organisation"] = c.project("Organisation", "cand", sel["organisation"])
    shared = {
        "shared_themes": (Rel.WORKS_ON, Label.THEME, "Theme", "srcThemes", "slug"),
        "shared_target_groups": (
            Rel.SERVES,
            Label.TARGET_GROUP,
            "TargetGroup",
            "srcGroups",
            "slug",
        ),
        "shared_coalitions": (Rel.MEMBER_OF, Label.COALITION, "Coalition", "srcCoalitions", "id"),
    }
    for key, (rel, label, type_name, among, unique) in shared.items():
        if key in sel:
            m = c.var("m")
            body = c.project(type_name, m, sel[key])
            entries[key] = (
                f"COLLECT {{ MATCH (cand)-[:{rel}]->({m}:{label}) WHERE {m} IN {among} "
                f"WITH {m} ORDER BY {m}.name, {m}.{unique} RETURN {body} }}"
            )
    if "partners_in_common" in sel:
        m = c.var("m")
        body = c.project("Organisation", m, sel["partners_in_common"])
        entries["partners_in_common"] = (
            f"COLLECT {{ MATCH (cand)-[:{Rel.PARTNERS_WITH}]-({m}:{Label.ORGANISATION}) "
            f"WHERE {m} IN srcPartners WITH DISTINCT {m} ORDER BY {m}.name, {m}.id "
            f"LIMIT {NAMED_PARTNERS} RETURN {body} }}"
        )
    return entries


def _introducer(v: str) -> str:
    """An organisation a link runs through, with its roles in the coalitions of either side
    (kartrekker first), as a map the reasons are worded from."""
    return (
        f"{{id: {v}.id, name: {v}.name, roles: COLLECT {{ "
        f"MATCH ({v})-[vr:{Rel.MEMBER_OF}]->(vc:{Label.COALITION}) "
        f"WHERE vc IN srcCoalitions OR EXISTS {{ (cand)-[:{Rel.MEMBER_OF}]->(vc) }} "
        f"WITH vr, vc ORDER BY CASE vr.role WHEN '{_LEAD}' THEN 0 "
        f"WHEN '{MemberRole.CORE.value}' THEN 1 ELSE 2 END, vc.name, vc.id "
        f"LIMIT {NAMED_ROLES} RETURN {{id: vc.id, name: vc.name, role: vr.role}} }}}}"
    )


def _shared_names(pattern: str, among: str) -> str:
    return f"COLLECT {{ MATCH {pattern} WHERE x IN {among} RETURN x.name ORDER BY x.name }}"


_PRIVATE = ("_themes", "_groups", "_coalitions", "_partners", "_home", "_same_home")


def finish(items: list[dict[str, Any]], locale: Locale) -> list[dict[str, Any]]:
    """Word the reasons in `locale` and drop the private facts they came from."""
    for item in items:
        details = reasons(item, locale)
        item["reason_details"] = details
        item["reasons"] = [d["text"] for d in details]
        for key in _PRIVATE:
            item.pop(key, None)
    return items


# Sentences per language. Being "not yet a partner" is true of every suggestion, so it is
# no reason.
_WORDS: dict[Locale, dict[str, str]] = {
    Locale.NL: {
        "coalition": "Beide zijn lid van {coalition}",
        "coalition_lead": "Beide zijn lid van {coalition} (kartrekker: {lead})",
        "partners_1": "1 gemeenschappelijke partner: {names}",
        "partners_all": "{n} gemeenschappelijke partners: {names}",
        "partners_some": "{n} gemeenschappelijke partners, onder wie {names}",
        "lead_of": "{name} (kartrekker van {coalition})",
        "themes_1": "Werkt ook aan het thema {names}",
        "themes": "Werkt ook aan de thema's {names}",
        "groups_1": "Richt zich ook op de doelgroep {names}",
        "groups": "Richt zich ook op de doelgroepen {names}",
        "same_home": "Ook gevestigd in {home}",
        "near": "Gevestigd in {home}, op {km} km afstand",
        "and": " en ",
        "decimal": ",",
    },
    Locale.EN: {
        "coalition": "Both are members of {coalition}",
        "coalition_lead": "Both are members of {coalition} (kartrekker: {lead})",
        "partners_1": "1 partner in common: {names}",
        "partners_all": "{n} partners in common: {names}",
        "partners_some": "{n} partners in common, including {names}",
        "lead_of": "{name} (kartrekker of {coalition})",
        "themes_1": "Works on the same theme: {names}",
        "themes": "Works on the same themes: {names}",
        "groups_1": "Serves the same target group: {names}",
        "groups": "Serves the same target groups: {names}",
        "same_home": "Based in the same municipality, {home}",
        "near": "Based {km} km away, in {home}",
        "and": " and ",
        "decimal": ".",
    },
}


def reasons(item: dict[str, Any], locale: Locale) -> list[dict[str, Any]]:
    """The reasons for one suggestion, each a sentence with what it says as data."""
    w = _WORDS[locale]
    out: list[dict[str, Any]] = []

    def add(
        kind: SuggestionReasonKind,
        text: str,
        values: list[str],
        count: int,
        organisations: list[dict[str, Any]] | None = None,
    ) -> None:
        out.append(
            {
                "kind": kind.value,
                "text": text,
                "values": values,
                "count": count,
                "organisations": [_organisation(o) for o in organisations or []],
            }
        )

    for coalition in item["_coalitions"]:
        lead = coalition["lead"]
        if lead is None:
            text = w["coalition"].format(coalition=coalition["name"])
            add(SuggestionReasonKind.SHARED_COALITION, text, [coalition["name"]], 1)
        else:
            text = w["coalition_lead"].format(coalition=coalition["name"], lead=lead["name"])
            values = [coalition["name"], lead["name"]]
            add(SuggestionReasonKind.SHARED_COALITION, text, values, 1, [lead])
    mutual: int = item["mutual_partners"]
    named: list[dict[str, Any]] = item["_partners"]
    if mutual and named:
        shown = [_with_lead(p, w) for p in named]
        if mutual == 1:
            form = "partners_1"
        else:
            form = "partners_all" if mutual == len(named) else "partners_some"
        text = w[form].format(n=mutual, names=_and(shown, w["and"]))
        values = [p["name"] for p in named]
        add(SuggestionReasonKind.PARTNERS_IN_COMMON, text, values, mutual, named)
    for kind, key, form in (
        (SuggestionReasonKind.SHARED_THEMES, "_themes", "themes"),
        (SuggestionReasonKind.SHARED_TARGET_GROUPS, "_groups", "groups"),
    ):
        names: list[str] = item[key]
        if names:
            text = w[form + "_1" if len(names) == 1 else form].format(names=_and(names, w["and"]))
            add(kind, text, names, len(names))
    km: float | None = item["distance_km"]
    home: str | None = item["_home"]
    if home is not None and item["_same_home"]:
        add(SuggestionReasonKind.SAME_MUNICIPALITY, w["same_home"].format(home=home), [home], 1)
    elif home is not None and km is not None and km < NEARNESS_SCALE_KM:
        shown_km = f"{km:.1f}".replace(".", w["decimal"])
        add(SuggestionReasonKind.NEARBY, w["near"].format(km=shown_km, home=home), [home], 1)
    return out


def _with_lead(partner: dict[str, Any], w: dict[str, str]) -> str:
    """A partner's name, marked as kartrekker of the first coalition it leads."""
    led = [r["name"] for r in partner["roles"] if r["role"] == _LEAD]
    return w["lead_of"].format(name=partner["name"], coalition=led[0]) if led else partner["name"]


def _organisation(raw: dict[str, Any]) -> dict[str, Any]:
    return {
        "organisation_id": f"Organisation:{raw['id']}",
        "name": raw["name"],
        "roles": [
            {"coalition_id": f"Coalition:{r['id']}", "coalition_name": r["name"], "role": r["role"]}
            for r in raw["roles"]
        ],
    }


def _and(values: list[str], word: str) -> str:
    return values[0] if len(values) == 1 else ", ".join(values[:-1]) + word + values[-1]
