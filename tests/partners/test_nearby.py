"""nearby against distances computed in Python from the municipalities' centroids."""

from __future__ import annotations

from typing import Any

import pytest

from tests.conftest import GraphQL
from tests.partners.conftest import Graph

QUERY = """query($code: String!, $r: Float, $kinds: [OrganisationKind!], $first: Int) {
  nearby(municipalityCode: $code, radiusKm: $r, kinds: $kinds, first: $first) {
    municipality { code name }
    organisations { distanceKm organisation { id name kind homeMunicipality { code } } }
    coalitions { distanceKm coalition { id name kind municipalities { code } } }
  } }"""


def nearby(gql: GraphQL, variables: dict[str, Any]) -> Any:
    result = gql(QUERY, variables)
    assert not result.errors, result.errors
    assert result.extensions["cypherRoundTrips"] == 1
    return result.data["nearby"]


@pytest.mark.parametrize(
    ("code", "radius", "kinds", "first"),
    [
        ("GM0344", 10.0, None, 100),  # Utrecht: many neighbours
        ("GM0344", 25.0, ["HOUSING", "CARE_AND_WELFARE"], 40),
        ("GM1948", 12.5, None, 20),  # Meierijstad
        ("GM0088", 40.0, None, 100),  # Schiermonnikoog: mostly sea around it
    ],
)
def test_organisations_within_the_radius_nearest_first(
    gql: GraphQL, graph: Graph, code: str, radius: float, kinds: list[str] | None, first: int
) -> None:
    data = nearby(gql, {"code": code, "r": radius, "kinds": kinds, "first": first})
    assert data["municipality"]["code"] == code
    want = sorted(
        (graph.km(code, o.home), o.name, o.id)
        for o in graph.orgs.values()
        if o.home and graph.km(code, o.home) <= radius and (not kinds or o.kind in kinds)
    )[:first]
    got = data["organisations"]
    assert [g["organisation"]["id"] for g in got] == [f"Organisation:{w[2]}" for w in want]
    for g, w in zip(got, want, strict=True):
        assert abs(g["distanceKm"] - w[0]) < 0.1
        assert not kinds or g["organisation"]["kind"] in kinds
    assert len(got) == min(first, len(want)) and got, "the radius should find someone"


def _nearest(graph: Graph, code: str, radius: float, first: int) -> list[str]:
    return [
        f"Organisation:{w[2]}"
        for w in sorted(
            (graph.km(code, o.home), o.name, o.id)
            for o in graph.orgs.values()
            if o.home and graph.km(code, o.home) <= radius
        )[:first]
    ]


@pytest.mark.parametrize("code", ["GM0344", "GM0363", "GM0599", "GM0014", "GM1948", "GM0088"])
@pytest.mark.parametrize("first", [1, 6, 15, 40])
def test_short_lists_are_cut_at_the_right_municipality(
    gql: GraphQL, graph: Graph, code: str, first: int
) -> None:
    # Unfiltered, only the nearest municipalities whose organisations make up `first` are
    # read: the cut must neither drop a municipality that contributes nor stop short.
    data = nearby(gql, {"code": code, "r": 25.0, "first": first})
    want = _nearest(graph, code, 25.0, first)
    assert want and [g["organisation"]["id"] for g in data["organisations"]] == want


def test_a_short_list_reads_the_nearest_municipalities_only(profiled: Any, graph: Graph) -> None:
    document = """{ nearby(municipalityCode: "GM0344", radiusKm: 25, first: 5) {
      organisations { distanceKm organisation { id name } } } }"""
    data, hits = profiled(document)
    based = [o for o in graph.orgs.values() if o.home]
    within = sum(1 for o in based if graph.km("GM0344", o.home) <= 25.0)
    home = sum(1 for o in based if o.home == "GM0344")
    assert home >= 5 and 4 * home < within, "Utrecht alone must fill the page for this test"
    assert len(data["nearby"]["organisations"]) == 5
    # Reading and sorting every organisation within 25 km costs a few hits each (1,093 at
    # scale 1); the cut reads Utrecht's, plus a degree per municipality in range (192).
    rings = sum(1 for code in graph.places if graph.km("GM0344", code) <= 25.0)
    assert hits <= 6 * home + 3 * rings + 40, (hits, home, rings, within)


@pytest.mark.parametrize(("code", "radius"), [("GM0344", 10.0), ("GM1948", 30.0)])
def test_coalitions_by_their_nearest_covered_municipality(
    gql: GraphQL, graph: Graph, run_cypher: Any, code: str, radius: float
) -> None:
    covers = run_cypher("""MATCH (k:Coalition)-[:COVERS]->(m:Municipality)
                           RETURN k.id AS id, k.name AS name, collect(m.code) AS codes""")
    want = sorted(
        (min(graph.km(code, c) for c in row["codes"]), row["name"], row["id"])
        for row in covers
        if min(graph.km(code, c) for c in row["codes"]) <= radius
    )[:100]
    got = nearby(gql, {"code": code, "r": radius, "first": 100})["coalitions"]
    assert got and [g["coalition"]["id"] for g in got] == [f"Coalition:{w[2]}" for w in want]
    for g, w in zip(got, want, strict=True):
        assert abs(g["distanceKm"] - w[0]) < 0.1 and g["coalition"]["kind"] == "LOCAL"


def test_code_is_normalised_and_defaults_apply(gql: GraphQL) -> None:
    data = nearby(gql, {"code": " gm0344 "})
    assert data["municipality"]["name"] == "Utrecht"
    assert len(data["organisations"]) == 20  # default first
    assert all(o["distanceKm"] <= 10.0 for o in data["organisations"])  # default radius


def test_unknown_municipality_is_null(gql: GraphQL) -> None:
    assert gql.ok(QUERY, {"code": "GM9999"}) == {"nearby": None}


@pytest.mark.parametrize(
    "variables",
    [
        {"code": "Utrecht"},
        {"code": "GM03441"},
        {"code": "'; MATCH (n) DETACH DELETE n //"},
        {"code": "GM0344", "r": 0.0},
        {"code": "GM0344", "r": -5.0},
        {"code": "GM0344", "r": 300.5},
        {"code": "GM0344", "first": 0},
        {"code": "GM0344", "first": 101},
    ],
)
def test_bad_input(gql: GraphQL, variables: dict[str, Any]) -> None:
    result = gql(QUERY, variables)
    assert result.codes == ["INVALID_ARGUMENT"] and result.data == {"nearby": None}


def test_the_largest_radius_is_allowed(gql: GraphQL, graph: Graph) -> None:
    data = nearby(gql, {"code": "GM0344", "r": 300.0, "first": 100})
    assert len(data["organisations"]) == 100 and len(data["coalitions"]) == 100


FILTERED = """query($code: String!, $r: Float, $themes: [String!], $groups: [String!]) {
  nearby(municipalityCode: $code, radiusKm: $r, themes: $themes, targetGroups: $groups,
         first: 100) {
    organisations { distanceKm organisation { id } }
  } }"""


@pytest.mark.parametrize(
    ("themes", "groups"),
    [(["mantelzorg"], None), (None, ["75-plussers"]), (["mantelzorg", "wonen"], ["75-plussers"])],
)
def test_organisations_by_theme_and_target_group(
    gql: GraphQL, graph: Graph, themes: list[str] | None, groups: list[str] | None
) -> None:
    result = gql(FILTERED, {"code": "GM0344", "r": 30.0, "themes": themes, "groups": groups})
    assert not result.errors and result.extensions["cypherRoundTrips"] == 1
    want = sorted(
        (graph.km("GM0344", o.home), o.name, o.id)
        for o in graph.orgs.values()
        if o.home
        and graph.km("GM0344", o.home) <= 30.0
        and (not themes or o.themes & set(themes))
        and (not groups or o.groups & set(groups))
    )[:100]
    got = [g["organisation"]["id"] for g in result.data["nearby"]["organisations"]]
    assert got and got == [f"Organisation:{w[2]}" for w in want]


def test_an_unknown_theme_is_named(gql: GraphQL) -> None:
    result = gql(FILTERED, {"code": "GM0344", "themes": ["mantelzorg", "geen-thema"]})
    assert result.codes == ["UNKNOWN_VALUE"] and "geen-thema" in result.errors[0]["message"]
    assert result.data is None or result.data["nearby"] is None


LIST_NEAR = """query($near: NearFilter!) {
  organisations(filter: {near: $near}, first: 100) { totalCount nodes { id } } }"""


def test_the_organisation_list_filters_near_a_municipality(gql: GraphQL, graph: Graph) -> None:
    page = gql.ok(LIST_NEAR, {"near": {"municipalityCode": "GM1948", "radiusKm": 12.5}})
    want = {
        f"Organisation:{o.id}"
        for o in graph.orgs.values()
        if o.home and graph.km("GM1948", o.home) <= 12.5
    }
    assert 0 < len(want) <= 100
    assert page["organisations"]["totalCount"] == len(want)
    assert {n["id"] for n in page["organisations"]["nodes"]} == want


@pytest.mark.parametrize(
    ("near", "code"),
    [
        ({"municipalityCode": "GM0344", "radiusKm": 0}, "INVALID_ARGUMENT"),
        ({"municipalityCode": "GM0344", "radiusKm": 301}, "INVALID_ARGUMENT"),
        ({"municipalityCode": "GM0001", "radiusKm": 5}, "UNKNOWN_VALUE"),
    ],
)
def test_a_bad_near_in_the_list_is_refused(gql: GraphQL, near: dict[str, Any], code: str) -> None:
    result = gql(LIST_NEAR, {"near": near})
    assert result.codes == [code] and result.data is None
