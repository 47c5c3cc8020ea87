"""What a root list costs the database: about the page and what the filter reaches, never the
whole label (issue 11: at 100x the data, a name-ordered, theme-filtered list with
`totalCount` read every organisation twice).

The subqueries of a compiled statement do not show in Neo4j's plan (they are expressions of
one projection), so each statement is re-run under PROFILE and its database hits are held
against the sizes that matter, read with plain Cypher.
"""

from __future__ import annotations

from typing import Any

import pytest

from graph_api.graphql import compiler
from graph_api.network.filters import ORGANISATION_FILTERS
from tests.conftest import GraphQL

THEME = "armoede"


@pytest.fixture(scope="module")
def organisations(run_cypher: Any) -> int:
    return int(run_cypher("MATCH (o:Organisation) RETURN count(o) AS n")[0]["n"])


def test_a_filtered_count_reads_what_the_filter_reaches(profiled: Any, organisations: int) -> None:
    data, hits = profiled(f'{{ organisations(filter: {{themes: ["{THEME}"]}}) {{ totalCount }} }}')
    matches = data["organisations"]["totalCount"]
    assert 0 < 3 * matches < organisations, "the theme must be a real narrowing for this test"
    # From the theme: about one relationship and one node per match. Testing every
    # organisation for the theme costs over ten hits per organisation.
    assert hits <= 3 * matches + 20, (hits, matches, organisations)


@pytest.mark.parametrize(
    "document",
    [
        "{ organisations(first: 10) { edges { node { id } } } }",
        "{ organisations(last: 10) { edges { node { id } } } }",
        "{ coalitions(first: 10) { edges { node { id } } } }",
        "{ municipalities(first: 10, sort: CODE) { edges { node { code } } } }",
        "{ municipalities(first: 10, sort: NAME) { edges { node { code } } } }",
    ],
)
def test_a_first_page_in_name_order_costs_the_page(profiled: Any, document: str) -> None:
    # In index order the read stops after 11 entries; sorting reads every node of the label
    # (342 municipalities, some 2,000 organisations and 400 coalitions at scale 1).
    _, hits = profiled(document)
    assert hits <= 40, hits


def test_a_filtered_first_page_stops_early(profiled: Any, organisations: int) -> None:
    _, hits = profiled(
        f'{{ organisations(first: 10, filter: {{themes: ["{THEME}"]}}) '
        "{ edges { node { id } } } }"
    )
    # Read in name order and tested until ten match: a fraction of the organisations.
    assert hits < organisations, (hits, organisations)


@pytest.fixture(scope="module")
def themes_by_size(run_cypher: Any) -> list[tuple[str, int]]:
    rows = run_cypher(
        "MATCH (t:Theme) RETURN t.slug AS slug, COUNT { (t)<-[:WORKS_ON]-() } AS n ORDER BY n, slug"
    )
    return [(row["slug"], row["n"]) for row in rows]


@pytest.fixture(scope="module")
def rarest_theme(themes_by_size: list[tuple[str, int]]) -> tuple[str, int]:
    return themes_by_size[0]


@pytest.fixture(scope="module")
def largest_theme(themes_by_size: list[tuple[str, int]]) -> tuple[str, int]:
    return themes_by_size[-1]


def test_a_rare_filter_starts_from_its_own_nodes(
    profiled: Any, organisations: int, rarest_theme: tuple[str, int]
) -> None:
    theme, reach = rarest_theme
    assert reach * compiler.ANCHOR_SHARE < organisations, "the theme must count as rare"
    data, hits = profiled(
        f'{{ organisations(first: 10, filter: {{themes: ["{theme}"], inLocalCoalition: true}}) '
        "{ edges { node { id } } } }"
    )
    assert data["organisations"]["edges"], "the filter must match something"
    # From the theme: its organisations, each tested and sorted (about 20 hits each; 762
    # for 40 at scale 1). In name order, organisations on the theme and in a local coalition
    # are so few that the walk reads most of the label (35,369 hits at scale 1).
    assert hits <= 25 * reach + 100, (hits, reach, organisations)


@pytest.mark.parametrize("scopes", [None, ["LOCAL"]])
def test_one_themes_first_page_is_read_in_name_order_from_its_index(
    profiled: Any, largest_theme: tuple[str, int], scopes: list[str] | None
) -> None:
    # The theme's organisations come from the relationship index in name order and are
    # tested until ten match: about ten entries, each with its organisation's scope, and the
    # maintained per-scope count. From the theme they would all be read and sorted (over
    # 1,000 hits at scale 1), or walked in name order over the whole label.
    theme, reach = largest_theme
    f = f'themes: ["{theme}"]' + (f", scopes: [{', '.join(scopes)}]" if scopes else "")
    selection = "{ totalCount edges { node { id } } }"
    data, hits = profiled(f"{{ organisations(first: 10, filter: {{{f}}}) {selection} }}")
    assert len(data["organisations"]["edges"]) == 10 and reach > 200, reach
    assert hits <= 80, (hits, reach)


def test_one_provinces_first_page_is_read_in_name_order_from_its_index(
    profiled: Any, run_cypher: Any
) -> None:
    # Homes carry their province and the organisation's name (`BASED_IN_ORDER`): the first
    # page of a province's organisations in a local coalition is read in name order, tested
    # until full, instead of walking every organisation in name order and testing its home's
    # province (two hops) and its memberships.
    row = run_cypher(
        "MATCH (p:Province)<-[:IN_PROVINCE]-(:Municipality)<-[:BASED_IN]-(o:Organisation) "
        "RETURN p.code AS code, count(o) AS n ORDER BY n, code LIMIT 1"
    )[0]
    data, hits = profiled(
        f'{{ organisations(first: 10, filter: {{provinces: ["{row["code"]}"], '
        "inLocalCoalition: true}) { edges { node { id } } } }"
    )
    assert len(data["organisations"]["edges"]) == 10, row
    # At most the province's organisations, each tested (300 hits at scale 1 for 35 of
    # them); walking the label in name order cost 36,704.
    assert hits <= 20 * row["n"] + 100, (hits, row)


IN_ORDER = {
    name: f for name, f in ORGANISATION_FILTERS.fields.items() if getattr(f, "in_order", None)
}


@pytest.mark.parametrize("name", sorted(IN_ORDER))
def test_an_in_order_relationship_reaches_each_organisation_once_per_value(
    name: str, run_cypher: Any
) -> None:
    # What `Reaches.in_order` promises: read from the index, no organisation comes twice
    # for one value (a second home in the same province would list it twice).
    order = IN_ORDER[name].in_order
    row = run_cypher(
        f"MATCH (o)-[w:{order.rel}]->() WITH o, w.{order.key} AS key, count(*) AS n "
        "RETURN count(*) AS pairs, sum(CASE WHEN n > 1 THEN 1 ELSE 0 END) AS repeated"
    )[0]
    assert row["pairs"] > 0 and row["repeated"] == 0, (name, row)


# Filters that can be read both ways: a rare theme (its size known from the degree), a
# province (two hops: no size, so walked first) and both.
READINGS = {
    "as configured": (compiler.ANCHOR_SHARE, compiler.WALK_BUDGET, True),
    "walk": (10**9, 10**9, False),
    "from the filter's nodes": (0, 10**9, False),
    "walk cut short": (10**9, 2, False),
}


@pytest.mark.parametrize("reading", list(READINGS))
def test_filtered_pages_are_the_same_whichever_way_they_are_read(
    reading: str,
    gql: GraphQL,
    run_cypher: Any,
    monkeypatch: pytest.MonkeyPatch,
    rarest_theme: tuple[str, int],
) -> None:
    share, budget, in_order = READINGS[reading]
    monkeypatch.setattr(compiler, "ANCHOR_SHARE", share)
    monkeypatch.setattr(compiler, "WALK_BUDGET", budget)
    if not in_order:  # one theme's page otherwise comes from the relationship index
        monkeypatch.setattr(compiler.Compiler, "_in_order", lambda *args: None)
    theme, _ = rarest_theme
    # The province with the most organisations on the theme.
    province = run_cypher(
        "MATCH (:Theme {slug: $theme})<-[:WORKS_ON]-(:Organisation)-[:BASED_IN]->"
        "(:Municipality)-[:IN_PROVINCE]->(p:Province) "
        "RETURN p.code AS code, count(*) AS n ORDER BY n DESC, code LIMIT 1",
        theme=theme,
    )[0]["code"]
    filters = [
        ({"themes": [theme], "inLocalCoalition": True}, 4),
        ({"provinces": [province]}, 25),
        ({"provinces": [province], "themes": [theme]}, 2),
        ({"themes": [theme], "scopes": ["LOCAL"]}, 3),
    ]
    query = """query($f: OrganisationFilter, $first: Int, $after: String, $last: Int,
                     $before: String) {
      organisations(filter: $f, first: $first, after: $after, last: $last, before: $before) {
        edges { node { id } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } }"""
    for f, size in filters:
        expected = expected_organisations(run_cypher, f)
        assert len(expected) > size, (f, len(expected))
        for backward in (False, True):
            seen: list[list[str]] = []
            cursor: str | None = None
            for _ in range(len(expected) // size + 2):  # a page repeated is not paged forever
                page = (
                    {"last": size, "before": cursor}
                    if backward
                    else {"first": size, "after": cursor}
                )
                conn = gql.ok(query, {"f": f, **page})["organisations"]
                seen.append([e["node"]["id"] for e in conn["edges"]])
                info = conn["pageInfo"]
                if not (info["hasPreviousPage"] if backward else info["hasNextPage"]):
                    break
                assert len(seen[-1]) == size
                cursor = info["startCursor"] if backward else info["endCursor"]
            if backward:
                seen.reverse()
            assert [i for ids in seen for i in ids] == expected, (reading, f, backward)


def expected_organisations(run_cypher: Any, f: dict[str, Any]) -> list[str]:
    """The filtered list in name order, in plain Cypher."""
    conditions = []
    if "themes" in f:
        conditions.append("EXISTS { (m)-[:WORKS_ON]->(t:Theme) WHERE t.slug IN $themes }")
    if "provinces" in f:
        conditions.append(
            "EXISTS { (m)-[:BASED_IN]->(:Municipality)-[:IN_PROVINCE]->(p:Province) "
            "WHERE p.code IN $provinces }"
        )
    if "scopes" in f:
        conditions.append("m.scope IN $scopes")
    if f.get("inLocalCoalition"):
        conditions.append("EXISTS { (m)-[:MEMBER_OF]->(c:Coalition) WHERE c.kind = 'LOCAL' }")
    rows = run_cypher(
        f"MATCH (m:Organisation) WHERE {' AND '.join(conditions)} "
        "RETURN m.id AS id ORDER BY m.name, m.id",
        themes=f.get("themes", []),
        provinces=f.get("provinces", []),
        scopes=f.get("scopes", []),
    )
    return [f"Organisation:{row['id']}" for row in rows]


SOLE = {name: f for name, f in ORGANISATION_FILTERS.fields.items() if getattr(f, "sole", None)}


@pytest.mark.parametrize("name", sorted(SOLE))
def test_a_sole_relationship_reaches_each_organisation_once(name: str, run_cypher: Any) -> None:
    # What `Reaches.sole` promises, checked on the graph (after whatever the other tests
    # wrote): only organisations have the relationship, and at most one per pair.
    f = SOLE[name]
    path = f"(x){f.path}(y:{f.label})"
    row = run_cypher(
        f"MATCH {path} WITH x, y, count(*) AS links "
        "RETURN count(*) AS pairs, sum(CASE WHEN NOT x:Organisation THEN 1 ELSE 0 END) AS "
        "others, sum(CASE WHEN links > 1 THEN 1 ELSE 0 END) AS repeated"
    )[0]
    assert row["pairs"] > 0 and row["others"] == 0 and row["repeated"] == 0, (name, row)


ONE_VALUE = {
    "themes": "MATCH (t:Theme) RETURN t.slug AS v ORDER BY v",
    "targetGroups": "MATCH (t:TargetGroup) RETURN t.slug AS v ORDER BY v LIMIT 4",
    "municipalities": "MATCH (m:Municipality) RETURN m.code AS v ORDER BY "
    "COUNT { (m)<-[:BASED_IN]-() } DESC, v LIMIT 4",
    "coalitions": "MATCH (c:Coalition) RETURN 'Coalition:' + c.id AS v ORDER BY "
    "COUNT { (c)<-[:MEMBER_OF]-() } DESC, v LIMIT 4",
}
PLAIN = {
    "themes": "(m)-[:WORKS_ON]->(:Theme {slug: $v})",
    "targetGroups": "(m)-[:SERVES]->(:TargetGroup {slug: $v})",
    "municipalities": "(m)-[:BASED_IN]->(:Municipality {code: $v})",
    "coalitions": "(m)-[:MEMBER_OF]->(:Coalition {id: substring($v, 10)})",
}


@pytest.mark.parametrize("field", sorted(ONE_VALUE))
def test_counts_on_one_value_are_exact(field: str, gql: GraphQL, run_cypher: Any) -> None:
    # One value of a sole relationship is counted from the filter node's degree, or without
    # DISTINCT when another condition follows: both must equal a plain count.
    query = """query($f: OrganisationFilter) { organisations(filter: $f) { totalCount } }"""
    values = [r["v"] for r in run_cypher(ONE_VALUE[field])]
    assert values
    for v in values:
        # One scope or several, repeated: a theme counts from its per-scope counts.
        for scopes in (None, ["LOCAL"], ["NATIONAL", "LOCAL", "NATIONAL"]):
            f: dict[str, Any] = {field: [v, v]}  # a repeated value is still one value
            where = f"EXISTS {{ {PLAIN[field]} }}"
            if scopes:
                f["scopes"] = scopes
                where += " AND m.scope IN $scopes"
            want = run_cypher(
                f"MATCH (m:Organisation) WHERE {where} RETURN count(m) AS n", v=v, scopes=scopes
            )[0]["n"]
            got = gql.ok(query, {"f": f})["organisations"]["totalCount"]
            assert got == want, (field, v, scopes)


def test_a_count_on_one_theme_reads_its_degree(
    profiled: Any, rarest_theme: tuple[str, int]
) -> None:
    theme, reach = rarest_theme
    data, hits = profiled(f'{{ organisations(filter: {{themes: ["{theme}"]}}) {{ totalCount }} }}')
    assert data["organisations"]["totalCount"] == reach > 5
    assert hits <= 10, hits  # one index seek and a degree, however many organisations


def test_counts_on_several_values_count_each_organisation_once(
    gql: GraphQL, run_cypher: Any
) -> None:
    # Organisations on both themes are reached twice; the degrees would count them twice.
    pair = run_cypher(
        "MATCH (a:Theme)<-[:WORKS_ON]-(:Organisation)-[:WORKS_ON]->(b:Theme) WHERE a.slug < b.slug "
        "RETURN [a.slug, b.slug] AS pair, count(*) AS n ORDER BY n DESC LIMIT 1"
    )[0]["pair"]
    want = run_cypher(
        "MATCH (m:Organisation) WHERE EXISTS { (m)-[:WORKS_ON]->(t:Theme) WHERE t.slug IN $p } "
        "RETURN count(m) AS n",
        p=pair,
    )[0]["n"]
    query = """query($f: OrganisationFilter) { organisations(filter: $f) { totalCount } }"""
    assert gql.ok(query, {"f": {"themes": pair}})["organisations"]["totalCount"] == want


# -- a coalition's members: read from the MEMBER_OF index in name order (`RelOrder`) ---------
@pytest.fixture(scope="module")
def largest_coalition(run_cypher: Any) -> tuple[str, int]:
    row = run_cypher(
        "MATCH (c:Coalition) RETURN c.id AS id, COUNT { (c)<-[:MEMBER_OF]-() } AS n "
        "ORDER BY n DESC, id LIMIT 1"
    )[0]
    return row["id"], row["n"]


def test_a_coalitions_first_members_cost_the_page(
    profiled: Any, largest_coalition: tuple[str, int]
) -> None:
    # Five members from the index: about six entries and their organisations. Sorted, every
    # membership of the coalition is read with its organisation's name and id.
    coalition, members = largest_coalition
    data, hits = profiled(
        f'{{ coalition(id: "Coalition:{coalition}") {{ members(first: 5) '
        "{ edges { role node { id } } } } }"
    )
    assert len(data["coalition"]["members"]["edges"]) == 5 and members > 40, members
    assert hits <= 40, (hits, members)


@pytest.mark.parametrize("in_order", [True, False])
@pytest.mark.parametrize("role", [None, "MEMBER"])
def test_member_pages_are_the_same_whichever_way_they_are_read(
    in_order: bool,
    role: str | None,
    gql: GraphQL,
    run_cypher: Any,
    monkeypatch: pytest.MonkeyPatch,
    largest_coalition: tuple[str, int],
) -> None:
    if not in_order:
        monkeypatch.setattr(compiler.Compiler, "_members_in_order", lambda *args: None)
    coalition, _ = largest_coalition
    expected = [
        f"Organisation:{r['id']}"
        for r in run_cypher(
            "MATCH (:Coalition {id: $c})<-[r:MEMBER_OF]-(m:Organisation) "
            "WHERE $role IS NULL OR r.role = $role RETURN m.id AS id ORDER BY m.name, m.id",
            c=coalition,
            role=role,
        )
    ]
    size = 7
    assert len(expected) > 2 * size
    query = """query($c: ID!, $role: MemberRole, $first: Int, $after: String, $last: Int,
                     $before: String) { coalition(id: $c) {
      members(role: $role, first: $first, after: $after, last: $last, before: $before) {
        edges { node { id } }
        pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } } }"""
    for backward in (False, True):
        seen: list[list[str]] = []
        cursor: str | None = None
        for _ in range(len(expected) // size + 2):
            page = {"last": size, "before": cursor} if backward else {"first": size}
            if cursor and not backward:
                page["after"] = cursor
            variables = {"c": f"Coalition:{coalition}", "role": role, **page}
            conn = gql.ok(query, variables)["coalition"]["members"]
            seen.append([e["node"]["id"] for e in conn["edges"]])
            info = conn["pageInfo"]
            if not (info["hasPreviousPage"] if backward else info["hasNextPage"]):
                break
            cursor = info["startCursor"] if backward else info["endCursor"]
        if backward:
            seen.reverse()
        assert [i for ids in seen for i in ids] == expected, (in_order, role, backward)
