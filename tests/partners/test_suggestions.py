"""suggestCollaborators against a brute-force ranking computed in Python from the graph."""

from __future__ import annotations

from typing import Any

import pytest

from tests.conftest import GraphQL
from tests.partners.conftest import Graph

QUERY = """query($id: ID!, $first: Int, $filter: SuggestionFilter) {
  suggestCollaborators(organisationId: $id, first: $first, filter: $filter) {
    score reasons mutualPartners distanceKm
    organisation { id name kind homeMunicipality { code } }
    sharedThemes { slug name } sharedTargetGroups { slug name } sharedCoalitions { id name }
  } }"""

RADIUS_KM = 15.0


def expected(
    graph: Graph,
    run_cypher: Any,
    src_id: str,
    first: int,
    kinds: set[str] | None = None,
    provinces: set[str] | None = None,
    themes: set[str] | None = None,
) -> list[tuple[str, float]]:
    """The documented ranking, computed without the API's Cypher."""
    src = graph.orgs[src_id]
    # Distances from the source's home as Neo4j measures them (the API ranks on these).
    km = {
        r["code"]: r["d"] / 1000
        for r in run_cypher(
            """MATCH (h:Municipality {code: $home}), (m:Municipality)
               RETURN m.code AS code, point.distance(h.location, m.location) AS d""",
            home=src.home,
        )
    }
    near = {o.id for o in graph.orgs.values() if o.home and km[o.home] <= RADIUS_KM}
    co_members = {o for c in src.coalitions for o in graph.members[c]}
    partners_of_partners = {o for p in src.partners for o in graph.orgs[p].partners}
    candidates = (near | co_members | partners_of_partners) - {src_id} - src.partners - src.family
    ranked = []
    for cid in candidates:
        o = graph.orgs[cid]
        if kinds and o.kind not in kinds:
            continue
        if provinces and (o.home is None or graph.places[o.home].province not in provinces):
            continue
        if themes and not o.themes & themes:
            continue
        d = km[o.home] if o.home else None
        score = (
            2.0 * len(o.themes & src.themes)
            + 1.5 * len(o.groups & src.groups)
            + 3.0 * len(o.coalitions & src.coalitions)
            + 1.5 * len(o.partners & src.partners)
            + (3.0 * (1 - d / 50) if d is not None and d < 50 else 0.0)
        )
        ranked.append((cid, round(score, 4)))
    ranked.sort(key=lambda t: (-t[1], t[0]))
    return ranked[:first]


@pytest.fixture(scope="module")
def sources(run_cypher: Any) -> list[str]:
    """A spread of organisations: well-connected local ones, a branch whose parent is near
    (so leaving out family matters), a national partner and a municipality."""
    local = run_cypher("""MATCH (o:Organisation)-[:MEMBER_OF]->(:Coalition {kind: 'LOCAL'})
                          WHERE COUNT { (o)-[:PARTNERS_WITH]-() } >= 3
                          RETURN DISTINCT o.id AS id ORDER BY id LIMIT 3""")
    branch = run_cypher("""MATCH (b:Organisation)-[:BRANCH_OF]->(p:Organisation),
                                 (b)-[:BASED_IN]->(m1), (p)-[:BASED_IN]->(m2)
                           WHERE point.distance(m1.location, m2.location) <= 15000
                           RETURN b.id AS id ORDER BY id LIMIT 1""")
    # A generated national partner: sourced ones have no home to measure distance from.
    national = run_cypher("""MATCH (o:Organisation {scope: 'NATIONAL', demo: true})
                             RETURN o.id AS id ORDER BY id LIMIT 1""")
    return [r["id"] for r in local + branch + national] + ["gemeente-utrecht"]


def suggest(gql: GraphQL, org_id: str, first: int = 20, filter_: Any = None) -> list[Any]:
    result = gql(QUERY, {"id": f"Organisation:{org_id}", "first": first, "filter": filter_})
    assert not result.errors, result.errors
    assert result.extensions["cypherRoundTrips"] == 1
    items: list[Any] = result.data["suggestCollaborators"]
    return items


def key(global_id: str) -> str:
    return global_id.split(":", 1)[1]


def test_ranking_matches_the_documented_score(
    gql: GraphQL, graph: Graph, run_cypher: Any, sources: list[str]
) -> None:
    assert len(sources) == 6
    for src_id in sources:
        items = suggest(gql, src_id)
        got = [(key(i["organisation"]["id"]), i["score"]) for i in items]
        want = expected(graph, run_cypher, src_id, 20)
        assert len(got) == 20
        assert [g[0] for g in got] == [w[0] for w in want], src_id
        assert all(abs(g[1] - w[1]) < 1e-3 for g, w in zip(got, want, strict=True))


def test_each_suggestion_states_true_facts(gql: GraphQL, graph: Graph, sources: list[str]) -> None:
    for src_id in sources:
        src = graph.orgs[src_id]
        items = suggest(gql, src_id)
        scores = [(-i["score"], i["organisation"]["id"]) for i in items]
        assert scores == sorted(scores), "best first, ties by ID"
        for item in items:
            o = graph.orgs[key(item["organisation"]["id"])]
            assert o.id != src_id and o.id not in src.partners and o.id not in src.family
            assert {t["slug"] for t in item["sharedThemes"]} == o.themes & src.themes
            assert {g["slug"] for g in item["sharedTargetGroups"]} == o.groups & src.groups
            assert {key(c["id"]) for c in item["sharedCoalitions"]} == o.coalitions & src.coalitions
            assert item["mutualPartners"] == len(o.partners & src.partners)
            home = item["organisation"]["homeMunicipality"]
            assert (home["code"] if home else None) == o.home
            assert src.home
            if o.home:  # sourced partners have a home only where a source gives one
                assert abs(item["distanceKm"] - graph.km(src.home, o.home)) < 0.1
            else:
                assert item["distanceKm"] is None
            names = [t["name"] for t in item["sharedThemes"]]
            assert names == sorted(names)
            reasons = " | ".join(item["reasons"])
            assert all(name in reasons for name in names)
            assert all(c["name"] in reasons for c in item["sharedCoalitions"])
            assert ("in common" in reasons) == (item["mutualPartners"] > 0)
            assert item["reasons"][-1] == "Not yet a partner"


def test_family_and_partners_are_left_out(
    gql: GraphQL, graph: Graph, sources: list[str], run_cypher: Any
) -> None:
    branch = graph.orgs[sources[3]]
    (parent,) = branch.family
    # The parent is near enough to be a candidate, so only the family rule keeps it out.
    assert graph.km(branch.home or "", graph.orgs[parent].home or "") <= RADIUS_KM
    ids = {key(i["organisation"]["id"]) for i in suggest(gql, branch.id, first=100)}
    assert parent not in ids and not ids & branch.partners
    assert len(ids) == min(100, len(expected(graph, run_cypher, branch.id, 100)))


def test_the_same_graph_gives_the_same_list(gql: GraphQL, sources: list[str]) -> None:
    assert suggest(gql, sources[0], first=50) == suggest(gql, sources[0], first=50)


@pytest.mark.parametrize(
    "filter_",
    [
        {"kinds": ["CARE_AND_WELFARE", "CIVIL_SOCIETY"]},
        {"provinces": ["PV26", "PV27"]},
        {"themes": ["mantelzorg"]},
        # All three together; broad enough that the seeded graph leaves candidates.
        {
            "kinds": ["CARE_AND_WELFARE", "CIVIL_SOCIETY", "COMPANY"],
            "themes": ["gezondheid", "wonen", "participatie", "sociale-cohesie"],
            "provinces": ["PV26"],
        },
    ],
)
def test_filters_narrow_the_candidates(
    gql: GraphQL, graph: Graph, run_cypher: Any, filter_: dict[str, Any]
) -> None:
    kinds, provinces, themes = (
        set(filter_.get(k, [])) or None for k in ("kinds", "provinces", "themes")
    )
    items = suggest(gql, "gemeente-utrecht", first=30, filter_=filter_)
    want = expected(graph, run_cypher, "gemeente-utrecht", 30, kinds, provinces, themes)
    assert want, "the filter should leave something to suggest"
    assert [key(i["organisation"]["id"]) for i in items] == [w[0] for w in want]


def test_nested_selections_aliases_and_fragments(gql: GraphQL) -> None:
    result = gql("""{ s: suggestCollaborators(organisationId: "Organisation:movisie", first: 3) {
        __typename score
        a: organisation { ... on Node { id } }
        b: organisation { name partners(first: 2) { totalCount edges { node { name } } } }
        themes: sharedThemes { ...T } } }
        fragment T on Theme { slug }""")
    assert not result.errors and result.extensions["cypherRoundTrips"] == 1
    for item in result.data["s"]:
        assert item["__typename"] == "CollaboratorSuggestion"
        assert item["a"]["id"].startswith("Organisation:") and item["b"]["name"]
        assert item["b"]["partners"]["totalCount"] >= len(item["b"]["partners"]["edges"])


def test_unknown_organisation_is_null(gql: GraphQL) -> None:
    assert gql.ok(QUERY, {"id": "Organisation:no-such-organisation"}) == {
        "suggestCollaborators": None
    }


@pytest.mark.parametrize(
    ("variables", "code"),
    [
        ({"id": "Coalition:nationale-coalitie"}, "INVALID_ID"),
        ({"id": "not an id"}, "INVALID_ID"),
        ({"id": "Organisation:movisie", "first": 0}, "INVALID_ARGUMENT"),
        ({"id": "Organisation:movisie", "first": 101}, "INVALID_ARGUMENT"),
        ({"id": "Organisation:movisie", "filter": {"provinces": ["Utrecht"]}}, "INVALID_ARGUMENT"),
        ({"id": "Organisation:movisie", "filter": {"themes": ["Not A Slug!"]}}, "INVALID_ARGUMENT"),
        ({"id": "Organisation:movisie", "filter": {"themes": ["ruimtevaart"]}}, "UNKNOWN_VALUE"),
        ({"id": "Organisation:movisie", "filter": {"provinces": ["PV99"]}}, "UNKNOWN_VALUE"),
    ],
)
def test_bad_input(gql: GraphQL, variables: dict[str, Any], code: str) -> None:
    result = gql(QUERY, variables)
    assert result.codes == [code] and result.data == {"suggestCollaborators": None}


def test_an_organisation_without_a_home(gql: GraphQL, run_cypher: Any) -> None:
    """No home municipality: no nearness, but its network still yields suggestions."""
    run_cypher("""MATCH (p:Organisation {id: 'movisie'}), (t:Theme {slug: 'gezondheid'})
                  CREATE (o:Organisation {id: 'test-partners-homeless', name: 'Zonder adres',
                          nameKey: 'zonder adres', kind: 'CIVIL_SOCIETY', scope: 'LOCAL'})
                  CREATE (o)-[:PARTNERS_WITH]->(p), (o)-[:WORKS_ON]->(t)""")
    try:
        items = suggest(gql, "test-partners-homeless", first=100)
        partners_of_movisie = run_cypher(
            """MATCH (:Organisation {id: 'movisie'})-[:PARTNERS_WITH]-(o:Organisation)
               WHERE o.id <> 'test-partners-homeless' RETURN count(DISTINCT o) AS n"""
        )[0]["n"]
        assert len(items) == min(100, partners_of_movisie)
        assert all(i["distanceKm"] is None and i["mutualPartners"] == 1 for i in items)
        assert not any("km" in r or "same municipality" in r for i in items for r in i["reasons"])
    finally:
        run_cypher("MATCH (o:Organisation {id: 'test-partners-homeless'}) DETACH DELETE o")
