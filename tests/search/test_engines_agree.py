"""Both search engines apply a filter alike: Meilisearch (expressions rendered from the
domains' filter declarations) and the graph fallback (Cypher rendered from the same
declarations) find the same practices and organisations over the seeded data.

The fallback is reached the way it is in production, by a search that cannot connect: a
second app whose Meilisearch address is a port nobody listens on. The query is empty, so
ranking plays no part; every page is read and the sets of IDs are compared.
"""

from __future__ import annotations

from typing import Any

import pytest

from graph_api.search.index_settings import MAX_TOTAL_HITS
from tests.conftest import GraphQL

PRACTICES = """query($f: PracticeSearchFilter, $after: String) {
  searchPractices(query: "", filter: $f, first: 100, after: $after) {
    source edges { node { id } } pageInfo { hasNextPage endCursor } } }"""
ORGANISATIONS = """query($f: OrganisationSearchFilter, $after: String) {
  searchOrganisations(query: "", filter: $f, first: 100, after: $after) {
    source edges { node { id } } pageInfo { hasNextPage endCursor } } }"""

AMSTERDAM = "GM0363"
PRACTICE_FILTERS: list[dict[str, Any]] = [
    {"themes": ["armoede"]},
    {"themes": ["wonen", "zingeving"]},
    {"targetGroups": ["mantelzorgers"]},
    {"provinces": ["PV27"]},
    {"provinces": ["PV20", "PV21"]},
    {"municipalities": [AMSTERDAM, "GM0865"]},  # seed data: published practices in Vught
    {"actionLines": [2]},
    {"actionLines": [1, 3], "themes": ["gezondheid"]},
    {"evidenceLevels": ["GOOD_INDICATIONS", "STRONG_INDICATIONS"]},
    {"organisationKinds": ["CARE_AND_WELFARE"]},
    {"near": {"municipalityCode": AMSTERDAM, "radiusKm": 15}},
    {"near": {"municipalityCode": "gm0344 ", "radiusKm": 30}, "themes": ["sociale-cohesie"]},
    {"themes": ["armoede"], "provinces": ["PV27", "PV28"], "evidenceLevels": ["DESCRIBED"]},
    {"targetGroups": ["nieuwkomers", "studenten"], "actionLines": [1], "organisationKinds": []},
]
ORGANISATION_FILTERS: list[dict[str, Any]] = [
    {"kinds": ["RELIGIOUS"]},
    {"scopes": ["NATIONAL", "REGIONAL"]},
    {"themes": ["rouw-en-verlies"]},
    {"targetGroups": ["nabestaanden"]},
    {"provinces": ["PV22"]},
    {"municipalities": [AMSTERDAM, "GM0344"]},
    {"near": {"municipalityCode": AMSTERDAM, "radiusKm": 10}},
    {"kinds": ["CARE_AND_WELFARE", "COMPANY"], "provinces": ["PV27"], "scopes": ["LOCAL"]},
    {
        "themes": ["armoede", "wonen"],
        "targetGroups": ["mensen-met-een-beperking"],
        "provinces": ["PV30"],
    },
]


def _ids(gql: GraphQL, query: str, f: dict[str, Any], source: str) -> set[str]:
    """Every hit's ID, page by page."""
    ids: set[str] = set()
    after = None
    while True:
        data = gql.ok(query, {"f": f, "after": after})
        connection = next(iter(data.values()))
        assert connection["source"] == source
        ids |= {edge["node"]["id"] for edge in connection["edges"]}
        if not connection["pageInfo"]["hasNextPage"]:
            return ids
        after = connection["pageInfo"]["endCursor"]


def _same(engines: tuple[GraphQL, GraphQL], query: str, f: dict[str, Any]) -> None:
    meilisearch, fallback = engines
    found = _ids(meilisearch, query, f, "MEILISEARCH")
    # Pages end at the first 1,000 hits, in an order that differs between the engines.
    assert 0 < len(found) < MAX_TOTAL_HITS, f"choose a filter that tells: {len(found)} hits"
    fell_back = _ids(fallback, query, f, "GRAPH_FALLBACK")
    assert found == fell_back, (
        f"only Meilisearch: {sorted(found - fell_back)[:5]}, "
        f"only the fallback: {sorted(fell_back - found)[:5]}"
    )


@pytest.mark.parametrize("f", PRACTICE_FILTERS, ids=str)
def test_practice_filters_agree(engines: tuple[GraphQL, GraphQL], f: dict[str, Any]) -> None:
    _same(engines, PRACTICES, f)


@pytest.mark.parametrize("f", ORGANISATION_FILTERS, ids=str)
def test_organisation_filters_agree(engines: tuple[GraphQL, GraphQL], f: dict[str, Any]) -> None:
    _same(engines, ORGANISATIONS, f)


def test_unknown_values_are_refused_alike(engines: tuple[GraphQL, GraphQL]) -> None:
    f = {
        "themes": ["armoede", "no-such-theme"],
        "near": {"municipalityCode": "GM9999", "radiusKm": 5},
    }
    for gql in engines:
        result = gql(PRACTICES, {"f": f})
        assert result.codes == ["UNKNOWN_VALUE"]
        assert result.errors[0]["extensions"]["values"] == ["no-such-theme"]


def test_the_fallback_checks_values_once(engines: tuple[GraphQL, GraphQL]) -> None:
    f = {"themes": ["armoede"], "near": {"municipalityCode": AMSTERDAM, "radiusKm": 15}}
    result = engines[1](PRACTICES, {"f": f})
    assert not result.errors and result.data["searchPractices"]["source"] == "GRAPH_FALLBACK"
    # One read checks the values (and looks `near` up), one searches; none checks again.
    assert result.extensions["cypherRoundTrips"] == 2


NEAREST = """query($f: OrganisationSearchFilter, $sort: OrganisationSearchSort) {
  searchOrganisations(query: "", filter: $f, sort: $sort, first: 100) {
    source edges { distanceKm node { id name } } } }"""
PRACTICES_NEAR = """query($f: PracticeSearchFilter) {
  searchPractices(query: "", filter: $f, first: 100) {
    source edges { distanceKm node { id } } } }"""


def test_both_engines_sort_organisations_by_distance(
    engines: tuple[GraphQL, GraphQL], run_cypher: Any
) -> None:
    f = {"near": {"municipalityCode": "GM1948", "radiusKm": 15}}
    rows = run_cypher(
        """MATCH (c:Municipality {code: 'GM1948'}), (o:Organisation)-[:BASED_IN]->(m)
           WITH o, point.distance(m.location, c.location) / 1000.0 AS km WHERE km <= 15
           RETURN 'Organisation:' + o.id AS id, o.nameKey AS key, km ORDER BY km, key, id"""
    )
    assert 1 < len(rows) <= 100
    for gql, source in zip(engines, ("MEILISEARCH", "GRAPH_FALLBACK"), strict=True):
        found = gql.ok(NEAREST, {"f": f, "sort": "DISTANCE"})["searchOrganisations"]
        assert found["source"] == source
        edges = found["edges"]
        # Organisations in one municipality are equally far: by name among themselves.
        assert [e["node"]["id"] for e in edges] == [r["id"] for r in rows], source
        for edge, row in zip(edges, rows, strict=True):
            assert abs(edge["distanceKm"] - row["km"]) < 0.05


def test_hits_near_a_place_tell_their_distance(
    engines: tuple[GraphQL, GraphQL], run_cypher: Any
) -> None:
    f = {"near": {"municipalityCode": AMSTERDAM, "radiusKm": 15}}
    rows = run_cypher(
        """MATCH (c:Municipality {code: $code}), (p:Practice {status: 'PUBLISHED'})
                 -[:APPLIED_IN]->(m:Municipality)
           WITH p, min(point.distance(m.location, c.location)) / 1000.0 AS km WHERE km <= 15
           RETURN 'Practice:' + p.id AS id, km""",
        code=AMSTERDAM,
    )
    nearest = {r["id"]: r["km"] for r in rows}
    for gql in engines:
        edges = gql.ok(PRACTICES_NEAR, {"f": f})["searchPractices"]["edges"]
        assert edges
        for edge in edges:
            assert abs(edge["distanceKm"] - nearest[edge["node"]["id"]]) < 0.05
    plain = engines[0].ok(PRACTICES_NEAR, {"f": {"themes": ["armoede"]}})["searchPractices"]
    assert plain["edges"] and all(e["distanceKm"] is None for e in plain["edges"])


def test_sorting_by_distance_needs_a_place(engines: tuple[GraphQL, GraphQL]) -> None:
    result = engines[0](NEAREST, {"f": {"kinds": ["HOUSING"]}, "sort": "DISTANCE"})
    assert result.codes == ["INVALID_ARGUMENT"] and result.data is None


FACETED_PRACTICES = """query($f: PracticeSearchFilter, $facets: [PracticeFacet!]) {
  searchPractices(query: "", filter: $f, facets: $facets, first: 1) {
    source facets { facet values { value count label } } } }"""
FACETED_ORGANISATIONS = """query($f: OrganisationSearchFilter, $facets: [OrganisationFacet!]) {
  searchOrganisations(query: "", filter: $f, facets: $facets, first: 1) {
    source facets { facet values { value count label } } } }"""
ALL_PRACTICE_FACETS = [
    "THEME",
    "TARGET_GROUP",
    "PROVINCE",
    "MUNICIPALITY",
    "ACTION_LINE",
    "ORGANISATION_KIND",
    "EVIDENCE_LEVEL",
]
ALL_ORGANISATION_FACETS = ["THEME", "TARGET_GROUP", "PROVINCE", "MUNICIPALITY", "KIND", "SCOPE"]


def _facets(result: dict[str, Any]) -> dict[str, dict[str, tuple[int, str]]]:
    connection = next(iter(result.values()))
    return {
        f["facet"]: {v["value"]: (v["count"], v["label"]) for v in f["values"]}
        for f in connection["facets"]
    }


@pytest.mark.parametrize(
    ("query", "f", "facets"),
    [
        (FACETED_PRACTICES, {}, ALL_PRACTICE_FACETS),
        (
            FACETED_PRACTICES,
            {"provinces": ["PV27"]},
            [f for f in ALL_PRACTICE_FACETS if f != "PROVINCE"],
        ),
        (
            FACETED_ORGANISATIONS,
            {"kinds": ["RELIGIOUS"]},
            [f for f in ALL_ORGANISATION_FACETS if f != "KIND"],
        ),
        (FACETED_ORGANISATIONS, {}, ALL_ORGANISATION_FACETS),
    ],
    ids=["practices", "practices-in-PV27", "religious-organisations", "organisations"],
)
def test_the_fallback_counts_facets_as_meilisearch_does(
    engines: tuple[GraphQL, GraphQL], query: str, f: dict[str, Any], facets: list[str]
) -> None:
    """Without a facet's own filter (where Meilisearch's counts are disjunctive and the
    fallback's are not), both engines count the same matches alike, with the same labels."""
    meilisearch, fallback = (gql.ok(query, {"f": f, "facets": facets}) for gql in engines)
    assert next(iter(fallback.values()))["source"] == "GRAPH_FALLBACK"
    found = _facets(meilisearch)
    assert set(found) == set(facets) and all(found.values())
    assert _facets(fallback) == found
