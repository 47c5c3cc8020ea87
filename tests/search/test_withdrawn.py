"""A practice hidden (unpublished, archived) is never a search hit once the mutation has
returned, although the index only forgets it when the outbox indexer gets to it: every page
is re-checked against the graph, in the read that gives the page's nodes
(graph_api/search/hits.py, nodes).

The live tests run a real uvicorn server with its indexer (so publishing becomes findable),
toggle a practice with a unique word while public clients search for that word without
pause, and classify each search by when it was sent and answered."""

from __future__ import annotations

import asyncio
import bisect
import random
import string
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import httpx2 as httpx
import pytest

from graph_api.app import create_app
from graph_api.search.indexer import OutboxIndexer
from graph_api.settings import Settings
from tests.conftest import GraphQL, Tokens, serving

SEARCHERS = 6
TOGGLES = 50
HIDDEN_HOLD_S = 0.6  # longer than the 270-510 ms the index took to forget it
ARCHIVED_HOLD_S = 2.0  # archiving happens once: a longer look gives enough samples
FINDABLE_TIMEOUT_S = 60.0  # publishing may lag (test_indexer times it); hiding may not

SEARCH = """query($q: String!) {
  searchPractices(query: $q, first: 5) {
    estimatedTotalHits edges { highlight { snippet } node { id title } } }
}"""
CREATE = """mutation($i: CreatePracticeInput!) {
  createPractice(input: $i) { practice { id } errors { code message } } }"""


def step(name: str) -> str:
    return f"mutation($id: ID!) {{ {name}(id: $id) {{ practice {{ status }} errors {{ code }} }} }}"


@pytest.fixture(scope="module")
def indexed_url(settings: Settings) -> Iterator[str]:
    """A real server that runs the outbox indexer, without a rate limit (the searchers send
    many requests from one address)."""
    app = create_app(settings.model_copy(update={"rate_limit_per_minute": 0}), run_indexer=True)
    with serving(app) as url:
        yield url


def unique_word() -> str:
    # Random letters: no other practice matches it, not even with two typos.
    return "wdr" + "".join(random.choices(string.ascii_lowercase, k=13))


@dataclass
class Sample:
    sent: float
    answered: float
    found: bool
    counted: bool  # estimatedTotalHits > 0


@dataclass
class Run:
    """What the searchers saw, and when each state change was sent and returned."""

    word: str
    practice_id: str
    samples: list[Sample] = field(default_factory=list)
    hidden_at: list[float] = field(default_factory=list)  # a hiding mutation returned
    shown_sent: list[float] = field(default_factory=list)  # a publish was sent
    shown_at: list[float] = field(default_factory=list)  # a publish returned
    hiding_sent: list[float] = field(default_factory=list)  # a hiding mutation was sent

    def hidden_samples(self) -> list[Sample]:
        """Sent after a hiding mutation returned, answered before the next publish was sent."""
        out = []
        for s in self.samples:
            i = bisect.bisect_right(self.hidden_at, s.sent) - 1
            if i < 0:
                continue
            j = bisect.bisect_right(self.shown_sent, self.hidden_at[i])
            next_publish = self.shown_sent[j] if j < len(self.shown_sent) else float("inf")
            if s.answered <= next_publish:
                out.append(s)
        return out

    def published_samples(self) -> list[Sample]:
        """Sent after a publish returned, answered before the next hiding mutation was sent."""
        out = []
        for s in self.samples:
            i = bisect.bisect_right(self.shown_at, s.sent) - 1
            if i < 0:
                continue
            j = bisect.bisect_right(self.hiding_sent, self.shown_at[i])
            next_hide = self.hiding_sent[j] if j < len(self.hiding_sent) else float("inf")
            if s.answered <= next_hide:
                out.append(s)
        return out


class Live:
    def __init__(self, http: httpx.AsyncClient, tokens: Tokens) -> None:
        self.http = http
        self.tokens = tokens

    async def post(self, query: str, variables: dict[str, Any], token: str | None = None) -> Any:
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        response = await self.http.post(
            "/graphql", json={"query": query, "variables": variables}, headers=headers
        )
        assert response.status_code == 200, response.text
        body = response.json()
        assert not body.get("errors"), body["errors"]
        return body["data"]

    async def change(self, name: str, practice_id: str) -> None:
        result = (await self.post(step(name), {"id": practice_id}, self.tokens.staff))[name]
        assert result["errors"] == [], (name, result)

    async def finds(self, word: str, practice_id: str) -> tuple[bool, bool]:
        page = (await self.post(SEARCH, {"q": word}))["searchPractices"]
        found = any(e["node"]["id"] == practice_id for e in page["edges"])
        return found, page["estimatedTotalHits"] > 0

    async def create(self, word: str) -> str:
        draft = {
            "organisationId": f"Organisation:{self.tokens.own_organisation}",
            "title": f"Teruggetrokken praktijk {word}",
            "summary": f"Een praktijk die telkens verschijnt en verdwijnt: {word}.",
            "body": "Tekst over ontmoeting in de wijk.",
            "themes": ["gezondheid"],
        }
        result = (await self.post(CREATE, {"i": draft}, self.tokens.staff))["createPractice"]
        assert result["errors"] == [], result
        return str(result["practice"]["id"])

    async def until_findable(self, run: Run, since: float) -> None:
        """Until a public search sent after `since` found it (the indexer has caught up)."""
        deadline = time.monotonic() + FINDABLE_TIMEOUT_S
        while not any(s.found and s.sent >= since for s in run.samples[-200:]):
            if time.monotonic() > deadline:
                # With an empty outbox this is the indexer losing an update, not slowness.
                ready = (await self.http.get("/readyz")).text  # outbox size and age
                raise AssertionError(
                    f"published {run.practice_id} ({len(run.shown_at)}. time) did not become "
                    f"findable in {FINDABLE_TIMEOUT_S:g} s; /readyz: {ready}"
                )
            await asyncio.sleep(0.02)

    async def search_until(self, run: Run, stop: asyncio.Event) -> None:
        # Each searcher has its own connection, as separate visitors would.
        async with httpx.AsyncClient(base_url=str(self.http.base_url), timeout=30) as own:
            searcher = Live(own, self.tokens)
            while not stop.is_set():
                sent = time.monotonic()
                found, counted = await searcher.finds(run.word, run.practice_id)
                run.samples.append(Sample(sent, time.monotonic(), found, counted))
                await asyncio.sleep(0.005)


async def publish(live: Live, run: Run) -> None:
    run.shown_sent.append(time.monotonic())
    await live.change("publishPractice", run.practice_id)
    run.shown_at.append(time.monotonic())
    await live.until_findable(run, run.shown_at[-1])


async def hide(live: Live, run: Run, name: str, hold_s: float) -> None:
    run.hiding_sent.append(time.monotonic())
    await live.change(name, run.practice_id)
    run.hidden_at.append(time.monotonic())
    await asyncio.sleep(hold_s)


async def toggling(url: str, tokens: Tokens, toggles: int, last: str, hold_s: float) -> Run:
    """Publish and hide `toggles` times (the last time with `last`) while public clients
    search without pause; each publish waits until the practice is findable, so every
    hiding finds it in the index."""
    async with httpx.AsyncClient(base_url=url, timeout=30) as http:
        live = Live(http, tokens)
        word = unique_word()
        run = Run(word, await live.create(word))
        stop = asyncio.Event()
        searchers = [asyncio.create_task(live.search_until(run, stop)) for _ in range(SEARCHERS)]
        try:
            for n in range(toggles):
                await publish(live, run)
                if n < toggles - 1:
                    await hide(live, run, "unpublishPractice", HIDDEN_HOLD_S)
                else:
                    await hide(live, run, last, hold_s)
        finally:
            stop.set()
            await asyncio.gather(*searchers)
        return run


def report(run: Run) -> str:
    hidden, shown = run.hidden_samples(), run.published_samples()
    findable = sorted(
        min(s.answered for s in run.samples if s.found and s.sent >= at) - at for at in run.shown_at
    )
    return (
        f"{len(run.samples)} searches; {len(hidden)} while hidden "
        f"({sum(s.found for s in hidden)} found it, {sum(s.counted for s in hidden)} still "
        f"counted it); {len(shown)} while published ({sum(s.found for s in shown)} found it); "
        f"published -> findable median {findable[len(findable) // 2]:.2f} s"
    )


def test_unpublished_practices_are_never_hits(indexed_url: str, tokens: Tokens) -> None:
    run = asyncio.run(toggling(indexed_url, tokens, TOGGLES, "unpublishPractice", HIDDEN_HOLD_S))
    hidden, shown = run.hidden_samples(), run.published_samples()
    print(f"\nunpublish: {report(run)}")
    assert len(run.hidden_at) == TOGGLES
    assert len(hidden) >= 100, report(run)  # enough searches fell in the hidden windows
    assert any(s.found for s in shown), report(run)  # so the test can tell
    assert [s for s in hidden if s.found] == [], report(run)


def test_an_archived_practice_is_never_a_hit(indexed_url: str, tokens: Tokens) -> None:
    run = asyncio.run(toggling(indexed_url, tokens, 1, "archivePractice", ARCHIVED_HOLD_S))
    hidden, shown = run.hidden_samples(), run.published_samples()
    print(f"\narchive: {report(run)}")
    assert len(hidden) >= 20 and any(s.found for s in shown), report(run)
    assert [s for s in hidden if s.found] == [], report(run)


# -- the re-check itself, with graph and index made to disagree ----------------------------

PAGE = """query($first: Int, $after: String) {
  searchPractices(query: "", filter: {themes: ["gezondheid"]}, facets: [THEME], sort: NEWEST,
                  first: $first, after: $after) {
    estimatedTotalHits
    edges { cursor node { id themes { slug } } }
    pageInfo { hasNextPage endCursor }
    facets { facet values { value count } }
  }
}"""


def theme_counts(page: dict[str, Any]) -> dict[str, int]:
    return {v["value"]: v["count"] for v in page["facets"][0]["values"]}


def test_a_hit_the_graph_no_longer_publishes_is_dropped(
    gql: GraphQL, run_cypher: Any, indexer: OutboxIndexer
) -> None:
    """Hidden straight in the graph, with no outbox entry, the index keeps the practice for
    as long as this test needs: the page leaves it out, counts lose it, cursors still follow
    on to the same next page."""
    # From an index in step: the live tests above may stop their server before its indexer
    # has removed their last unpublished practice, which this page would then drop too.
    indexer.drain()
    before = gql.ok(PAGE, {"first": 3})["searchPractices"]
    assert len(before["edges"]) == 3 and before["pageInfo"]["hasNextPage"]
    hidden = before["edges"][1]
    key = hidden["node"]["id"].split(":", 1)[1]
    following = gql.ok(PAGE, {"first": 3, "after": before["pageInfo"]["endCursor"]})
    run_cypher("MATCH (p:Practice {id: $id}) SET p.status = 'IN_REVIEW'", id=key)
    try:
        result = gql(PAGE, {"first": 3})
        after = result.data["searchPractices"]
        again = gql.ok(PAGE, {"first": 3, "after": after["pageInfo"]["endCursor"]})
    finally:
        run_cypher("MATCH (p:Practice {id: $id}) SET p.status = 'PUBLISHED'", id=key)
    assert not result.errors
    assert after["edges"] == [before["edges"][0], before["edges"][2]]
    assert after["pageInfo"] == before["pageInfo"]
    assert again == following
    assert after["estimatedTotalHits"] == before["estimatedTotalHits"] - 1
    expected = theme_counts(before)
    for theme in hidden["node"]["themes"]:
        expected[theme["slug"]] -= 1
    assert theme_counts(after) == {k: n for k, n in expected.items() if n > 0}
    # One read for the filter's slugs, one for the nodes and the re-check.
    assert result.extensions["cypherRoundTrips"] == 2


def test_the_fallback_reads_visibility_from_the_graph(
    gql: GraphQL, tokens: Tokens, meilisearch: Any, settings: Settings, indexer: OutboxIndexer
) -> None:
    """While Meilisearch is down the graph answers, in the same read that checks the
    status: an unpublished practice is gone at once there too (no re-check needed)."""
    word = unique_word()
    draft = {
        "organisationId": f"Organisation:{tokens.own_organisation}",
        "title": f"Terugval {word}",
        "summary": f"Gevonden door de terugval: {word}.",
        "body": "Tekst.",
        "themes": ["gezondheid"],
    }
    pid = gql.ok(CREATE, {"i": draft}, tokens.staff)["createPractice"]["practice"]["id"]
    query = "query($q: String!) { searchPractices(query: $q) { source edges { node { id } } } }"
    meilisearch.stop(settings)
    try:
        for name, expected in (("publishPractice", [pid]), ("unpublishPractice", [])):
            assert gql.ok(step(name), {"id": pid}, tokens.staff)[name]["errors"] == []
            result = gql(query, {"q": word})
            page = result.data["searchPractices"]
            assert page["source"] == "GRAPH_FALLBACK"
            assert [e["node"]["id"] for e in page["edges"]] == expected
            assert result.extensions["cypherRoundTrips"] == 1  # no re-check after the graph
    finally:
        meilisearch.start(settings)
    indexer.drain()


def test_search_reads_the_graph_at_most_twice(gql: GraphQL) -> None:
    plain = gql('{ searchPractices(query: "eenzaamheid") { edges { highlight { title } } } }')
    assert not plain.errors and plain.extensions["cypherRoundTrips"] == 1  # the re-check
    organisations = gql(
        '{ searchOrganisations(query: "welzijn") { edges { highlight { name } } } }'
    )
    assert not organisations.errors and organisations.extensions["cypherRoundTrips"] == 0
    # The nodes come with the re-check (tests/graphql/test_round_trips.py).
