"""A practice is findable as soon as `publishPractice` returns, before the indexer has
applied it (graph_api/search/fresh.py).

Each test holds the indexer's lease, so no indexer (the `gql` app's included) applies the
outbox until the test is done: the window that lasts a fraction of a second in production
lasts as long as the test needs.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from neo4j import Driver

from graph_api.search.indexer import OutboxIndexer
from graph_api.search.lease import Lease
from graph_api.settings import Settings
from tests.conftest import GraphQL, Tokens
from tests.search.test_withdrawn import CREATE, step, unique_word

SEARCH = """query($q: String!, $filter: PracticeSearchFilter, $first: Int, $after: String,
                  $sort: SearchSort) {
  searchPractices(query: $q, filter: $filter, first: $first, after: $after, sort: $sort) {
    estimatedTotalHits
    edges { cursor node { id title } highlight { title } }
    pageInfo { hasNextPage hasPreviousPage endCursor }
  }
}"""


class Paused:
    """The indexers kept from the outbox by holding their lease, until `resume`."""

    def __init__(self, lease: Lease, indexer: OutboxIndexer) -> None:
        self.lease = lease
        self.indexer = indexer

    def resume(self) -> None:
        """Let the indexers go on, and wait until the outbox is empty."""
        self.lease.release()
        self.indexer.drain()


@pytest.fixture
def drained(neo4j: Driver, settings: Settings, indexer: OutboxIndexer) -> Iterator[Paused]:
    """Starts with an empty outbox and the indexers paused; leaves an empty outbox behind."""
    indexer.drain()
    lease = Lease(neo4j, settings.neo4j_database, "test-fresh")
    lease.wait(timeout_s=30)
    paused = Paused(lease, indexer)
    try:
        yield paused
    finally:
        paused.resume()


def create(gql: GraphQL, tokens: Tokens, title: str, theme: str = "gezondheid") -> str:
    draft = {
        "organisationId": f"Organisation:{tokens.own_organisation}",
        "title": title,
        "summary": "Een nieuwe aanpak, net gepubliceerd.",
        "body": "Tekst.",
        "themes": [theme],
    }
    created = gql.ok(CREATE, {"i": draft}, tokens.staff)["createPractice"]
    assert created["errors"] == []
    return str(created["practice"]["id"])


def publish(gql: GraphQL, tokens: Tokens, pid: str) -> None:
    assert (
        gql.ok(step("publishPractice"), {"id": pid}, tokens.staff)["publishPractice"]["errors"]
        == []
    )


def ids(page: dict[str, Any]) -> list[str]:
    return [edge["node"]["id"] for edge in page["edges"]]


def test_a_practice_is_found_the_moment_it_is_published(
    gql: GraphQL, tokens: Tokens, drained: Paused
) -> None:
    word = unique_word()
    pid = create(gql, tokens, f"Buurtkeuken {word}")
    assert ids(gql.ok(SEARCH, {"q": word})["searchPractices"]) == []  # a draft is not
    publish(gql, tokens, pid)
    before = gql.ok(SEARCH, {"q": f"buurtkeuken {word}"})["searchPractices"]
    # First, before any other Buurtkeuken (Meilisearch may drop the last word for the rest).
    assert ids(before)[0] == pid and pid not in ids(before)[1:]
    alone = gql.ok(SEARCH, {"q": word})["searchPractices"]
    assert ids(alone) == [pid] and alone["estimatedTotalHits"] == 1
    marked = f"<mark>Buurtkeuken</mark> <mark>{word}</mark>"
    assert before["edges"][0]["highlight"]["title"] == marked
    # Prefix of the last word, and case and accents do not matter.
    assert ids(gql.ok(SEARCH, {"q": f"BÚURTKEUKEN {word[:6]}"})["searchPractices"])[0] == pid
    drained.resume()
    after = gql.ok(SEARCH, {"q": word})["searchPractices"]
    assert ids(after) == [pid]  # now from the index, and only once
    assert after["estimatedTotalHits"] == 1


def test_a_fresh_practice_obeys_the_query_and_the_filter(
    gql: GraphQL, tokens: Tokens, drained: Paused
) -> None:
    word = unique_word()
    pid = create(gql, tokens, f"Wandelclub {word}", theme="gezondheid")
    publish(gql, tokens, pid)
    assert ids(gql.ok(SEARCH, {"q": f"{word} zwemmen"})["searchPractices"]) == []
    other_theme = {"themes": ["digitale-inclusie"]}
    assert ids(gql.ok(SEARCH, {"q": word, "filter": other_theme})["searchPractices"]) == []
    own_theme = {"themes": ["gezondheid"]}
    assert ids(gql.ok(SEARCH, {"q": word, "filter": own_theme})["searchPractices"]) == [pid]


def test_a_practice_hidden_again_before_indexing_is_not_fresh(
    gql: GraphQL, tokens: Tokens, drained: Paused
) -> None:
    word = unique_word()
    pid = create(gql, tokens, f"Koffieochtend {word}")
    publish(gql, tokens, pid)
    assert (
        gql.ok(step("unpublishPractice"), {"id": pid}, tokens.staff)["unpublishPractice"]["errors"]
        == []
    )
    assert ids(gql.ok(SEARCH, {"q": word})["searchPractices"]) == []
    # Staff may read the draft, but search is over published practices for everyone.
    assert ids(gql.ok(SEARCH, {"q": word}, tokens.staff)["searchPractices"]) == []


def test_fresh_practices_lead_the_first_page_and_paging_skips_nothing(
    gql: GraphQL, tokens: Tokens, drained: Paused
) -> None:
    """Page one shows the fresh practice and then the ranked hits; the next page continues
    with the first ranked hit not shown, so every hit is seen exactly once."""
    ranked: list[str] = []
    variables: dict[str, Any] = {"q": "", "first": 4, "sort": "NEWEST"}
    for _ in range(2):
        page = gql.ok(SEARCH, variables)["searchPractices"]
        ranked += ids(page)
        variables["after"] = page["pageInfo"]["endCursor"]
    word = unique_word()
    pid = create(gql, tokens, f"Samen eten {word}")
    publish(gql, tokens, pid)
    first = gql.ok(SEARCH, {"q": "", "first": 4, "sort": "NEWEST"})["searchPractices"]
    assert ids(first) == [pid, *ranked[:3]]
    assert first["pageInfo"]["hasNextPage"] and not first["pageInfo"]["hasPreviousPage"]
    after = {"q": "", "first": 4, "sort": "NEWEST", "after": first["edges"][0]["cursor"]}
    from_fresh = gql.ok(SEARCH, after)["searchPractices"]
    assert ids(from_fresh) == ranked[:4]  # after the fresh edge: the ranked list from its start
    assert from_fresh["pageInfo"]["hasPreviousPage"]
    second = gql.ok(SEARCH, {**after, "after": first["pageInfo"]["endCursor"]})["searchPractices"]
    assert ids(second) == ranked[3:7]
