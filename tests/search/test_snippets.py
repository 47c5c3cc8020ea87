"""Snippets marked up in two steps (search.snippets) are the ones marking up every source at
once gives: each hit's first source with a match, cropped around it. The reference is a
search of the real Meilisearch with all sources highlighted and cropped, as before."""

from __future__ import annotations

import pytest

from graph_api.search import dutch
from graph_api.search.client import client, practice_index_name
from graph_api.search.highlight import POST, PRE, has_match
from graph_api.search.hits import PRACTICE_SNIPPET, snippet, to_html
from graph_api.search.indexer import OutboxIndexer
from graph_api.settings import Settings
from tests.conftest import GraphQL

QUERY = """query($q: String!) { searchPractices(query: $q, first: 20) {
  edges { highlight { title snippet } node { id } } } }"""
TITLE_ONLY = """query($q: String!) { searchPractices(query: $q, first: 20) {
  edges { highlight { title } node { id } } } }"""
# Words that sit in some practices' body or results but not in their summary.
WORDS = ["vrijwilligers", "bibliotheek", "gemeente", "buurthuis", "wijkteam"]


def _reference(settings: Settings, q: str) -> list[tuple[str, str, str, bool]]:
    """(id, title, snippet, from a later source) with every source marked up at once."""
    index = client(settings).index(practice_index_name(settings))
    result = index.search(
        dutch.search_terms(q),
        {
            "limit": 20,
            "attributesToRetrieve": ["id", "title"],
            "attributesToHighlight": ["title", *PRACTICE_SNIPPET],
            "attributesToCrop": list(PRACTICE_SNIPPET),
            "cropLength": 24,
            "highlightPreTag": PRE,
            "highlightPostTag": POST,
            "matchingStrategy": "last",
        },
    )
    out = []
    for hit in result["hits"]:
        formatted = hit["_formatted"]
        out.append(
            (
                hit["id"],
                to_html(formatted.get("title") or hit["title"]),
                snippet(formatted, PRACTICE_SNIPPET),
                not has_match(formatted.get(PRACTICE_SNIPPET[0])),
            )
        )
    return out


@pytest.fixture(scope="module", autouse=True)
def _drained(indexer: OutboxIndexer) -> None:
    indexer.drain()  # no fresh practices from the graph ahead of the ranked ones


def test_two_step_snippets_are_the_one_step_snippets(gql: GraphQL, settings: Settings) -> None:
    later = 0
    for q in WORDS:
        edges = gql.ok(QUERY, {"q": q})["searchPractices"]["edges"]
        got = [
            (e["node"]["id"].split(":", 1)[1], e["highlight"]["title"], e["highlight"]["snippet"])
            for e in edges
        ]
        want = _reference(settings, q)
        assert got == [w[:3] for w in want], q
        later += sum(w[3] for w in want)
    assert later, "choose words some summaries lack, so the second step runs"


def test_a_title_alone_is_marked_up_alone(gql: GraphQL) -> None:
    edges = gql.ok(TITLE_ONLY, {"q": "eenzaamheid"})["searchPractices"]["edges"]
    assert edges and any("<mark>" in e["highlight"]["title"] for e in edges)
