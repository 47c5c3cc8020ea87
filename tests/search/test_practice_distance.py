"""Practice search sorted by distance (`sort: DISTANCE`): by the nearest place each practice
was applied in, in both engines, across pages, with a query and with facets; and the
binary search over places (nearest.py) that takes over when the matches do not fit in one
search, run against the real Meilisearch with a small cap."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from graph_api.db.driver import Database, async_driver
from graph_api.graphql.filtering import any_of
from graph_api.search import nearest
from graph_api.search.client import practice_index_name
from graph_api.search.indexer import OutboxIndexer
from graph_api.search.reference import REFERENCE
from graph_api.settings import Settings
from tests.conftest import GraphQL

CENTRE = "GM0363"  # Amsterdam: many practices in and around it
RADIUS = 25
NEAR = """query($q: String!, $f: PracticeSearchFilter, $first: Int, $after: String,
  $sort: SearchSort = DISTANCE, $facets: [PracticeFacet!]) {
  searchPractices(query: $q, filter: $f, sort: $sort, first: $first, after: $after,
      facets: $facets) {
    source totalCount: estimatedTotalHits
    edges { distanceKm node { id title } }
    facets { facet values { value count } }
    pageInfo { hasNextPage endCursor } } }"""
EXPECTED = """
MATCH (c:Municipality {code: $code}), (p:Practice {status: 'PUBLISHED'})-[:APPLIED_IN]->(m)
WITH p, min(point.distance(m.location, c.location)) / 1000.0 AS km WHERE km <= $radius
RETURN 'Practice:' + p.id AS id, km ORDER BY km"""


def _near(radius: float = RADIUS) -> dict[str, Any]:
    return {"near": {"municipalityCode": CENTRE, "radiusKm": radius}}


def _all_pages(gql: GraphQL, q: str, f: dict[str, Any], first: int) -> list[dict[str, Any]]:
    edges: list[dict[str, Any]] = []
    after = None
    while True:
        page = gql.ok(NEAR, {"q": q, "f": f, "first": first, "after": after})["searchPractices"]
        edges += page["edges"]
        if not page["pageInfo"]["hasNextPage"]:
            return edges
        after = page["pageInfo"]["endCursor"]


def test_both_engines_sort_practices_by_their_nearest_place(
    engines: tuple[GraphQL, GraphQL], run_cypher: Any
) -> None:
    rows = run_cypher(EXPECTED, code=CENTRE, radius=RADIUS)
    assert 20 < len(rows) <= 100, "choose a place and radius that tell"
    expected = {r["id"]: r["km"] for r in rows}
    for gql, source in zip(engines, ("MEILISEARCH", "GRAPH_FALLBACK"), strict=True):
        found = gql.ok(NEAR, {"q": "", "f": _near(), "first": 100})["searchPractices"]
        assert found["source"] == source
        edges = found["edges"]
        assert {e["node"]["id"] for e in edges} == set(expected), source
        kms = [e["distanceKm"] for e in edges]
        assert kms == sorted(kms), source
        # Practices applied in Amsterdam and elsewhere count as in Amsterdam (0 km).
        for edge in edges:
            assert abs(edge["distanceKm"] - expected[edge["node"]["id"]]) < 0.05, source


def test_pages_continue_the_order(engines: tuple[GraphQL, GraphQL]) -> None:
    whole = engines[0].ok(NEAR, {"q": "", "f": _near(), "first": 100})["searchPractices"]
    paged = _all_pages(engines[0], "", _near(), 7)
    assert [e["node"]["id"] for e in paged] == [e["node"]["id"] for e in whole["edges"]]


def test_words_and_distance(engines: tuple[GraphQL, GraphQL], run_cypher: Any) -> None:
    found = engines[0].ok(NEAR, {"q": "ouderen", "f": _near(40), "first": 50})["searchPractices"]
    edges = found["edges"]
    assert len(edges) > 3
    kms = [e["distanceKm"] for e in edges]
    assert kms == sorted(kms) and kms[0] < kms[-1]
    # All words must match, as in the other sorted orders: the same hits as NEWEST.
    newest = engines[0].ok(NEAR, {"q": "ouderen", "f": _near(40), "first": 50, "sort": "NEWEST"})[
        "searchPractices"
    ]
    assert {e["node"]["id"] for e in edges} == {e["node"]["id"] for e in newest["edges"]}


def test_facets_count_the_whole_filter(engines: tuple[GraphQL, GraphQL]) -> None:
    f = {**_near(), "themes": ["armoede"]}
    variables = {"q": "", "f": f, "first": 5, "facets": ["THEME", "MUNICIPALITY"]}
    by_distance = engines[0].ok(NEAR, variables)["searchPractices"]
    newest = engines[0].ok(NEAR, {**variables, "sort": "NEWEST"})["searchPractices"]
    assert by_distance["facets"] == newest["facets"]
    assert by_distance["totalCount"] == newest["totalCount"] > 5
    assert len(by_distance["edges"]) == 5


def test_sorting_practices_by_distance_needs_a_place(engines: tuple[GraphQL, GraphQL]) -> None:
    result = engines[0](NEAR, {"q": "", "f": {"themes": ["armoede"]}})
    assert result.codes == ["INVALID_ARGUMENT"] and result.data is None


# A page never reaches past what one search returns (`needed` <= `cap`).
@pytest.mark.parametrize(("cap", "needed"), [(5, 1), (5, 5), (12, 8), (20, 12), (25, 25), (26, 20)])
def test_more_matches_than_one_search_returns(
    settings: Settings, indexer: OutboxIndexer, cap: int, needed: int, run_cypher: Any
) -> None:
    """With fewer hits per search than match, the binary search over places must give the
    same first `needed` (by distance) as sorting every match."""
    indexer.drain()
    rows = run_cypher(
        """MATCH (c:Municipality {code: $code}), (m:Municipality)
           WHERE point.distance(m.location, c.location) <= $meters RETURN m.code AS code""",
        code=CENTRE,
        meters=RADIUS * 1000.0,
    )
    places = [r["code"] for r in rows]
    expression = any_of(nearest.PLACES, places)
    index = practice_index_name(settings)

    async def both() -> tuple[list[str], list[str], int]:
        db = Database(async_driver(settings), settings.neo4j_database, settings.neo4j_tx_timeout_s)
        try:
            km = await REFERENCE.distances(db, CENTRE)
            args = (settings, index, "", expression, places, km, needed, [])
            everything, total = await nearest.nearest_ids(*args, cap=1000)
            capped, _ = await nearest.nearest_ids(*args, cap=cap)
            return everything, capped, total
        finally:
            await db.close()

    everything, capped, total = asyncio.run(both())
    assert len(everything) == needed and total > cap  # the binary search ran
    expected = run_cypher(EXPECTED, code=CENTRE, radius=RADIUS)
    kms = {r["id"].removeprefix("Practice:"): r["km"] for r in expected}
    # The same distances in the same order (equally far practices may swap).
    assert [kms[i] for i in capped] == pytest.approx([kms[i] for i in everything])
    assert len(set(capped)) == needed
