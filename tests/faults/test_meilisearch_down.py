"""Meilisearch stopped: writes still succeed, search falls back to Neo4j's full-text index
and says so, and the outbox catches up once Meilisearch is back, with nothing lost."""

from __future__ import annotations

import time
from typing import Any

import pytest
from neo4j import Driver

from graph_api.search.check import search_differences
from graph_api.servers import meilisearch_server
from graph_api.settings import Settings
from tests.conftest import GraphQL, Tokens

SEARCH = """query($q: String!, $f: PracticeSearchFilter) {
  searchPractices(query: $q, filter: $f, first: 10) {
    source estimatedTotalHits edges { cursor highlight { title snippet }
      node { id title themes { slug } organisation { id name } } } } }"""
SEARCH_ORGANISATIONS = """query($q: String!) { searchOrganisations(query: $q, first: 5) {
    source edges { highlight { name snippet } node { id name homeMunicipality { name } } } } }"""


def _shape(value: Any) -> Any:
    """The keys of a response, recursively (a list by its first item), values left out."""
    if isinstance(value, dict):
        return {k: _shape(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_shape(value[0])] if value else []
    return None


CREATE = """mutation($i: CreatePracticeInput!) { createPractice(input: $i) {
  practice { id } errors { code } } }"""
# Documents waiting to be indexed (applied entries stay, without `at`).
WAITING = "MATCH (e:OutboxEntry) WHERE e.at IS NOT NULL RETURN count(e) AS n"


def _publish(gql: GraphQL, tokens: Tokens, title: str) -> str:
    created = gql.ok(
        CREATE,
        {
            "i": {
                "organisationId": f"Organisation:{tokens.own_organisation}",
                "title": title,
                "summary": "Geschreven terwijl de zoekmachine uit stond.",
                "body": "Tekst.",
                "themes": ["zingeving"],
            }
        },
        tokens.staff,
    )["createPractice"]
    assert created["errors"] == []
    pid: str = created["practice"]["id"]
    published = gql.ok(
        f'mutation {{ publishPractice(id: "{pid}") {{ errors {{ code }} }} }}', token=tokens.staff
    )
    assert published["publishPractice"]["errors"] == []
    return pid


def _with_home(edges: list[dict[str, Any]]) -> dict[str, Any]:
    return next(e for e in edges if e["node"]["homeMunicipality"])


def test_search_falls_back_while_meilisearch_is_down(
    gql: GraphQL, tokens: Tokens, settings: Settings, neo4j: Driver, run_cypher: Any
) -> None:
    if not settings.manages_meilisearch:
        pytest.skip("needs the project's own Meilisearch (MEILI_URL points elsewhere)")
    normal = gql.ok(SEARCH, {"q": "eenzaamheid"})["searchPractices"]
    assert normal["source"] == "MEILISEARCH" and normal["edges"]
    organisations = gql.ok(SEARCH_ORGANISATIONS, {"q": "welzijn"})["searchOrganisations"]

    meilisearch_server.stop(settings)
    try:
        result = gql(SEARCH, {"q": "eenzamheid"})  # a typo, too
        assert not result.errors
        # The nodes are compiled into the fallback's own statement: no extra round trip.
        assert result.extensions["cypherRoundTrips"] == 1
        down = result.data["searchPractices"]
        assert down["source"] == "GRAPH_FALLBACK"
        assert down["edges"] and down["estimatedTotalHits"] > 0
        # The same shape as Meilisearch's answer: real nodes under the edges' highlights.
        assert _shape(down["edges"][0]) == _shape(normal["edges"][0])
        fallen = gql.ok(SEARCH_ORGANISATIONS, {"q": "welzijn"})["searchOrganisations"]
        assert fallen["source"] == "GRAPH_FALLBACK"
        # Sourced organisations may have no home: compare hits that have one.
        assert _shape(_with_home(fallen["edges"])) == _shape(_with_home(organisations["edges"]))
        assert fallen["edges"][0]["node"]["id"].startswith("Organisation:")
        ids = [e["node"]["id"].split(":", 1)[1] for e in down["edges"]]
        statuses = run_cypher("MATCH (p:Practice) WHERE p.id IN $ids RETURN p.status AS s", ids=ids)
        assert {r["s"] for r in statuses} == {"PUBLISHED"}
        filtered = gql.ok(SEARCH, {"q": "", "f": {"themes": ["armoede"]}})["searchPractices"]
        assert filtered["source"] == "GRAPH_FALLBACK" and filtered["edges"]
        assert all("armoede" in {t["slug"] for t in e["node"]["themes"]} for e in filtered["edges"])

        # Writes go on; the graph (and so the fallback) has them at once.
        pid = _publish(gql, tokens, "Zuurdesembrood bakken met buren")
        found = gql.ok(SEARCH, {"q": "zuurdesembrood"})["searchPractices"]
        assert found["source"] == "GRAPH_FALLBACK"
        assert pid in [e["node"]["id"] for e in found["edges"]]
        waiting = run_cypher(WAITING)[0]["n"]
        assert waiting >= 1
    finally:
        meilisearch_server.start(settings)

    # Back: the in-process indexer catches up by itself.
    deadline = time.monotonic() + 90
    hits: list[Any] = []
    while time.monotonic() < deadline:
        result = gql.ok(SEARCH, {"q": "zuurdesembrood"})["searchPractices"]
        hits = [e["node"]["id"] for e in result["edges"]]
        if result["source"] == "MEILISEARCH" and pid in hits:
            break
        time.sleep(0.5)
    assert pid in hits
    deadline = time.monotonic() + 60
    while run_cypher(WAITING)[0]["n"] and time.monotonic() < deadline:
        time.sleep(0.5)
    assert search_differences(neo4j, settings) == []
