"""The outbox indexer: changes reach the index, nothing is lost while Meilisearch is down."""

from __future__ import annotations

import asyncio
import statistics
import threading
import time
from collections.abc import Callable, Iterator
from typing import Any

import pytest
import typer
from neo4j import Driver
from typer.testing import CliRunner

from graph_api.graphql.filtering import any_of
from graph_api.search import outbox
from graph_api.search.check import search_differences
from graph_api.search.client import client, practice_index_name
from graph_api.search.commands import register
from graph_api.search.indexer import OutboxIndexer, run_indexer
from graph_api.settings import Settings
from tests.conftest import GraphQL
from tests.search.conftest import Write

PUBLISH = """MATCH (p:Practice {id: $id})
SET p.status = 'PUBLISHED', p.publishedAt = coalesce(p.publishedAt, datetime()),
    p.revision = p.revision + 1"""
UNPUBLISH = "MATCH (p:Practice {id: $id}) SET p.status = $status, p.revision = p.revision + 1"
RETITLE = "MATCH (p:Practice {id: $id}) SET p.title = $title, p.revision = p.revision + 1"
SEARCH = "query($q: String!) { searchPractices(query: $q, first: 50) { edges { node { id } } } }"


def indexed(settings: Settings, key: str) -> dict[str, Any] | None:
    hits = (
        client(settings)
        .index(practice_index_name(settings))
        .search(
            "",
            {
                "filter": any_of("id", [key]),
                "attributesToRetrieve": ["id", "revision", "title", "organisationName"],
            },
        )["hits"]
    )
    return hits[0] if hits else None


def practice_ids(run_cypher: Any, status: str, limit: int) -> list[str]:
    rows = run_cypher(
        "MATCH (p:Practice {status: $s}) RETURN p.id AS id ORDER BY p.id LIMIT $n",
        s=status,
        n=limit,
    )
    return [r["id"] for r in rows]


def test_publish_unpublish_and_edit_reach_the_index(
    settings: Settings,
    run_cypher: Any,
    write: Write,
    indexer: OutboxIndexer,
    keep_practices: Callable[[str], None],
    gql: GraphQL,
) -> None:
    draft, live, edited = practice_ids(run_cypher, "DRAFT", 1) + practice_ids(
        run_cypher, "PUBLISHED", 2
    )
    for key in (draft, live, edited):
        keep_practices(key)
    indexer.lease.wait(10)  # an indexer in the app, if any, must not drain these meanwhile
    assert indexed(settings, draft) is None
    write(PUBLISH, "practice", [draft], id=draft)
    write(UNPUBLISH, "practice", [live], id=live, status="ARCHIVED")
    write(RETITLE, "practice", [edited], id=edited, title="Zwemmen tegen zwaarmoedigheid")
    assert outbox.entry_count(indexer.driver, settings.neo4j_database) >= 3
    indexer.drain()
    assert outbox.entry_count(indexer.driver, settings.neo4j_database) == 0
    assert indexed(settings, draft) is not None
    assert indexed(settings, live) is None
    doc = indexed(settings, edited)
    assert doc is not None and doc["title"] == "Zwemmen tegen zwaarmoedigheid"
    found = gql.ok(SEARCH, {"q": "zwaarmoedigheid"})["searchPractices"]["edges"]
    assert [e["node"]["id"] for e in found] == [f"Practice:{edited}"]
    assert search_differences(indexer.driver, settings) == []


def test_created_and_deleted_nodes(
    settings: Settings, write: Write, indexer: OutboxIndexer, gql: GraphQL
) -> None:
    """A new organisation with HTML in its name appears (escaped); deleted, it disappears."""
    key = "test-search-org"
    write(
        """MATCH (m:Municipality {code: 'GM0344'})
           CREATE (o:Organisation {id: $id, name: $name, nameKey: toLower($name),
                   kind: 'CITIZEN_INITIATIVE', scope: 'LOCAL', description: $description})
           CREATE (o)-[:BASED_IN]->(m)""",
        "organisation",
        [key],
        id=key,
        name="Koffie & Klets <Kanaleneiland>",
        description="Wekelijkse inloop tegen eenzaamheid <script>alert(1)</script>",
    )
    try:
        indexer.drain()
        query = """{ searchOrganisations(query: "klets", first: 1,
                     filter: {municipalities: ["GM0344"]}) {
                     edges { highlight { name snippet }
                             node { id homeMunicipality { name } } } } }"""
        edge = gql.ok(query)["searchOrganisations"]["edges"][0]
        node, highlight = edge["node"], edge["highlight"]
        assert node["id"] == f"Organisation:{key}" and node["homeMunicipality"]["name"] == "Utrecht"
        assert highlight["name"] == ("Koffie &amp; <mark>Klets</mark> &lt;Kanaleneiland&gt;")
        assert "&lt;script&gt;" in highlight["snippet"] and "<script>" not in highlight["snippet"]
    finally:
        write("MATCH (o:Organisation {id: $id}) DETACH DELETE o", "organisation", [key], id=key)
        indexer.drain()
    assert gql.ok(query)["searchOrganisations"]["edges"] == []
    assert search_differences(indexer.driver, settings) == []


def test_an_organisation_entry_refreshes_its_practices(
    settings: Settings, run_cypher: Any, write: Write, indexer: OutboxIndexer
) -> None:
    """Practice documents carry the organisation's name: renaming it needs one entry only."""
    org = run_cypher(
        """MATCH (p:Practice {status: 'PUBLISHED'})-[:BY]->(o:Organisation)
           WITH o, collect(p.id) AS practices ORDER BY size(practices) DESC, o.id LIMIT 1
           RETURN o.id AS id, o.name AS name, practices"""
    )[0]
    assert len(org["practices"]) >= 2
    rename = "MATCH (o:Organisation {id: $id}) SET o.name = $name"
    write(rename, "organisation", [org["id"]], id=org["id"], name="Stichting Hernoemd")
    try:
        indexer.drain()
        for key in org["practices"]:
            doc = indexed(settings, key)
            assert doc is not None and doc["organisationName"] == "Stichting Hernoemd"
    finally:
        write(rename, "organisation", [org["id"]], id=org["id"], name=org["name"])
        indexer.drain()
    assert search_differences(indexer.driver, settings) == []


def test_nothing_is_lost_while_meilisearch_is_down(
    settings: Settings,
    run_cypher: Any,
    write: Write,
    indexer: OutboxIndexer,
    keep_practices: Callable[[str], None],
    meilisearch: Any,
    gql: GraphQL,
) -> None:
    drafts = practice_ids(run_cypher, "IN_REVIEW", 3)
    lives = practice_ids(run_cypher, "PUBLISHED", 6)[3:]
    for key in drafts + lives:
        keep_practices(key)
    indexer.lease.wait(10)
    before = outbox.entry_count(indexer.driver, settings.neo4j_database)
    recorded = outbox.recorded_changes(indexer.driver, settings.neo4j_database)
    meilisearch.stop(settings)
    try:
        # Searching now falls back to the graph's full-text index, not a 500.
        down = gql('{ searchPractices(query: "eenzaamheid") { source } }')
        assert not down.errors and down.data["searchPractices"]["source"] == "GRAPH_FALLBACK"
        for n, key in enumerate(drafts):
            write(PUBLISH, "practice", [key], id=key)
            write(RETITLE, "practice", [lives[n]], id=lives[n], title=f"Tijdelijk {n} eenzaam")
        write(UNPUBLISH, "practice", [lives[0]], id=lives[0], status="DRAFT")
        with pytest.raises(Exception):  # noqa: B017 (any failure: the server is gone)
            indexer.step()
        # The writes were kept, and so were their entries: one per document (lives[0] was
        # changed twice), counting every change.
        assert outbox.entry_count(indexer.driver, settings.neo4j_database) == before + 6
        assert outbox.recorded_changes(indexer.driver, settings.neo4j_database) == recorded + 7
    finally:
        meilisearch.start(settings)
    indexer.drain()
    assert outbox.entry_count(indexer.driver, settings.neo4j_database) == 0
    assert search_differences(indexer.driver, settings) == []
    assert all(indexed(settings, key) for key in drafts)
    assert indexed(settings, lives[0]) is None
    doc = indexed(settings, lives[1])
    assert doc is not None and doc["title"] == "Tijdelijk 1 eenzaam"


def test_only_one_indexer_writes_at_a_time(neo4j: Driver, settings: Settings, write: Write) -> None:
    first, second = OutboxIndexer(neo4j, settings), OutboxIndexer(neo4j, settings)
    try:
        first.lease.wait(10)  # from the app's indexer, which may hold it briefly
        write("RETURN 1", "organisation", ["movisie"])  # something to do
        assert second.step().busy
        first.close()  # releases, so the second (or the app's indexer) drains it
    finally:
        first.close()
        second.close()
        second.drain()


@pytest.fixture
def running_indexer(settings: Settings) -> Iterator[None]:
    """`run_indexer` as the app will run it, on an event loop in another thread."""
    loop = asyncio.new_event_loop()
    stop = asyncio.Event()
    thread = threading.Thread(target=loop.run_until_complete, args=(run_indexer(settings, stop),))
    thread.start()
    try:
        yield
    finally:
        loop.call_soon_threadsafe(stop.set)
        thread.join(30)
        loop.close()
    assert not thread.is_alive()


def test_time_from_publish_to_findable(
    settings: Settings,
    run_cypher: Any,
    write: Write,
    keep_practices: Callable[[str], None],
    running_indexer: None,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Measured, not asserted beyond a generous bound: prints the latencies."""
    timings: list[float] = []
    for key in practice_ids(run_cypher, "DRAFT", 8)[3:8]:
        keep_practices(key)
        started = time.perf_counter()
        write(PUBLISH, "practice", [key], id=key)
        while indexed(settings, key) is None:
            assert time.perf_counter() - started < 30, "never became findable"
            time.sleep(0.01)
        timings.append(time.perf_counter() - started)
    with capsys.disabled():
        print(
            f"\npublish -> findable (s): {[round(t, 2) for t in timings]}; "
            f"median {statistics.median(timings):.2f}, max {max(timings):.2f}"
        )


def test_commands(
    neo4j: Driver, settings: Settings, run_cypher: Any, write: Write,
    keep_practices: Callable[[str], None],
) -> None:  # fmt: skip
    app = typer.Typer()
    register(app)
    app.command("noop")(lambda: None)  # a single command would become the app itself
    runner = CliRunner()
    assert runner.invoke(app, ["search-check"]).exit_code == 0
    key = practice_ids(run_cypher, "PUBLISHED", 10)[-1]
    keep_practices(key)
    # A change without an outbox entry: the check sees it.
    run_cypher(RETITLE, id=key, title="Onopgemerkt veranderd")
    checked = runner.invoke(app, ["search-check"])
    assert checked.exit_code == 1 and key in checked.output and "stale" in checked.output
    write("RETURN 1", "practice", [key])
    drained = runner.invoke(app, ["indexer", "--once"])
    assert drained.exit_code == 0, drained.output
    assert runner.invoke(app, ["search-check"]).exit_code == 0
