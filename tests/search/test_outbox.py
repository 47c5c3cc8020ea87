"""The outbox itself: one entry per dirty document, writers that never wait for each other,
an entry changed during a batch that survives it, and stores of the numbered outbox."""

from __future__ import annotations

import threading
import time
import uuid
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from neo4j import Driver, ManagedTransaction, unit_of_work

from graph_api.db.migrations import migrate
from graph_api.search import outbox
from graph_api.search.check import search_differences
from graph_api.search.indexer import Batch, OutboxIndexer
from graph_api.settings import Settings
from tests.search.conftest import Write
from tests.search.test_indexer import RETITLE, indexed, practice_ids

# A document's waiting entry: applied entries stay, without `at`.
ENTRY = """MATCH (e:OutboxEntry {ref: $ref}) WHERE e.at IS NOT NULL
RETURN e.entity AS entity, e.key AS key, e.version AS version, e.at IS NOT NULL AS dated"""


@pytest.fixture
def held(indexer: OutboxIndexer) -> Iterator[OutboxIndexer]:
    """The test's indexer with the lease, so the app's indexer leaves the outbox alone."""
    indexer.lease.wait(10)
    yield indexer
    indexer.drain()


def entry(run_cypher: Any, entity: str, key: str) -> dict[str, Any] | None:
    rows = run_cypher(ENTRY, ref=f"{entity}:{key}")
    assert len(rows) <= 1, "one entry per document"
    return rows[0] if rows else None


def test_one_entry_per_document_counting_changes(
    run_cypher: Any, write: Write, held: OutboxIndexer, settings: Settings
) -> None:
    key = f"test-outbox-doc-{uuid.uuid4().hex[:8]}"  # entries stay: a fresh document
    recorded = outbox.recorded_changes(held.driver, settings.neo4j_database)
    write("RETURN 1", "practice", [key])
    write("RETURN 1", "practice", [key, key])  # twice in one call: still one document
    assert entry(run_cypher, "practice", key) == {
        "entity": "practice", "key": key, "version": 2, "dated": True,
    }  # fmt: skip
    assert outbox.recorded_changes(held.driver, settings.neo4j_database) == recorded + 2
    held.drain()
    assert entry(run_cypher, "practice", key) is None
    # Applied changes still count: the total never goes down.
    assert outbox.recorded_changes(held.driver, settings.neo4j_database) == recorded + 2


def test_writers_of_different_documents_do_not_wait_for_each_other(
    neo4j: Driver, settings: Settings, held: OutboxIndexer
) -> None:
    """With one shared counter the second writer would wait for the first to commit."""

    @unit_of_work(timeout=2.0)
    def other(tx: ManagedTransaction) -> None:
        outbox.record_sync(tx, "practice", ["test-outbox-b"])

    with neo4j.session(database=settings.neo4j_database) as first:
        tx = first.begin_transaction()
        try:
            outbox.record_sync(tx, "practice", ["test-outbox-a"])  # open, holding its locks
            started = time.perf_counter()
            with neo4j.session(database=settings.neo4j_database) as second:
                second.execute_write(other)
            assert time.perf_counter() - started < 1.0
        finally:
            tx.rollback()


def batch_with_change(
    run_cypher: Any,
    write: Write,
    held: OutboxIndexer,
    keep_practices: Callable[[str], None],
    nth: int,
    title: str,
) -> tuple[str, Batch]:
    """A published practice (the nth, so tests do not share one) retitled, and the batch
    the indexer reads with that change in it."""
    key = practice_ids(run_cypher, "PUBLISHED", nth)[-1]
    keep_practices(key)
    write(RETITLE, "practice", [key], id=key, title=title)
    batch = held.read_batch()
    assert batch is not None and any(e["key"] == key for e in batch.entries)
    return key, batch


def test_a_change_during_a_batch_keeps_its_entry(
    run_cypher: Any,
    write: Write,
    held: OutboxIndexer,
    settings: Settings,
    keep_practices: Callable[[str], None],
) -> None:
    key, batch = batch_with_change(
        run_cypher, write, held, keep_practices, 12, "Eerste titel tegen eenzaamheid"
    )
    read = next(e["version"] for e in batch.entries if e["key"] == key)
    # Recorded after the batch was read: the batch carries the first title only.
    write(RETITLE, "practice", [key], id=key, title="Tweede titel tegen eenzaamheid")
    held.apply_batch(batch)
    doc = indexed(settings, key)
    assert doc is not None and doc["title"] == "Eerste titel tegen eenzaamheid"
    left = entry(run_cypher, "practice", key)
    assert left is not None and left["version"] == read + 1, "the newer change was dropped"
    held.drain()
    doc = indexed(settings, key)
    assert doc is not None and doc["title"] == "Tweede titel tegen eenzaamheid"
    assert entry(run_cypher, "practice", key) is None


def test_a_change_recorded_while_its_entry_is_cleared_is_kept(
    neo4j: Driver, run_cypher: Any, write: Write, held: OutboxIndexer, settings: Settings
) -> None:
    """A writer's MERGE finds the entry the indexer is clearing and waits for its lock.
    When clearing deleted the entry, the writer's bump then went to a deleted node: its
    commit succeeded, the outbox was empty, and the change never reached the index (a
    practice published again while its unpublication was being cleared stayed unfindable)."""
    key = f"test-outbox-race-{uuid.uuid4().hex[:8]}"
    write("RETURN 1", "practice", [key])
    batch = held.read_batch()
    assert batch is not None
    read = [e for e in batch.entries if e["key"] == key]
    assert [e["version"] for e in read] == [1]
    failures: list[BaseException] = []

    def writer() -> None:
        try:
            write("RETURN 1", "practice", [key])
        except BaseException as exc:  # reported below, not lost in the thread
            failures.append(exc)

    thread = threading.Thread(target=writer)
    with (
        neo4j.session(database=settings.neo4j_database) as session,
        session.begin_transaction() as tx,
    ):
        assert outbox.clear_in(tx, read) == 1  # the entry stays locked until commit
        thread.start()
        thread.join(1.0)
        assert thread.is_alive(), "the writer did not wait for the clearing transaction"
        tx.commit()
    thread.join(30)
    assert not thread.is_alive() and failures == []
    left = entry(run_cypher, "practice", key)
    assert left is not None, "the change recorded while its entry was cleared was lost"
    assert left["version"] == 2


def test_a_batch_that_lost_the_lease_is_redone(
    run_cypher: Any,
    write: Write,
    held: OutboxIndexer,
    settings: Settings,
    keep_practices: Callable[[str], None],
) -> None:
    """A batch written while another indexer took over (the lease expired during a slow
    Meilisearch) may have overwritten newer documents: its keys become dirty again."""
    key, batch = batch_with_change(
        run_cypher, write, held, keep_practices, 13, "Titel van een verlopen lease"
    )
    before = entry(run_cypher, "practice", key)
    assert before is not None
    run_cypher(
        """MATCH (l:SearchLease {name: 'search-indexer'})
           SET l.leaseHolder = 'another-indexer', l.leaseUntil = datetime() + duration('PT5S')"""
    )
    try:
        held.apply_batch(batch)
        after = entry(run_cypher, "practice", key)
        assert after is not None, "the batch's entry was cleared without the lease"
        assert after["version"] == before["version"] + 1
    finally:
        run_cypher("MATCH (l:SearchLease {name: 'search-indexer'}) SET l.leaseUntil = datetime()")
        held.lease.wait(10)


def test_migrate_converts_numbered_entries(
    neo4j: Driver, run_cypher: Any, held: OutboxIndexer, settings: Settings
) -> None:
    """A store of the numbered outbox: its entries merge per document, its counter goes."""
    key = f"test-outbox-old-{uuid.uuid4().hex[:8]}"
    recorded = outbox.recorded_changes(held.driver, settings.neo4j_database)
    run_cypher(
        """UNWIND [1, 2, 3] AS n
           CREATE (:OutboxEntry {seq: 900000 + n, entity: 'practice', key: $key,
                   at: datetime() - duration({minutes: n})})
           WITH count(*) AS made
           MERGE (c:OutboxCounter {name: 'search'}) SET c.value = 900003""",
        key=key,
    )
    for _ in range(2):  # idempotent
        migrate(neo4j, settings.neo4j_database)
        assert entry(run_cypher, "practice", key) == {
            "entity": "practice", "key": key, "version": 3, "dated": True,
        }  # fmt: skip
        assert run_cypher("MATCH (e:OutboxEntry) WHERE e.ref IS NULL RETURN e") == []
        assert run_cypher("MATCH (c:OutboxCounter) RETURN c") == []
    assert outbox.recorded_changes(held.driver, settings.neo4j_database) == recorded + 3
    held.drain()
    assert entry(run_cypher, "practice", key) is None
    assert search_differences(held.driver, settings) == []
