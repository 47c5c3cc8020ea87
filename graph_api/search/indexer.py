"""The outbox indexer: brings the indexes up to date with the graph, entry by entry.

A batch: read the oldest outbox entries and the current documents of their keys in one
statement; add the documents that exist (published practices, organisations) and delete
the rest; wait until Meilisearch has applied both; only then mark clean those entries whose
version is still the one read (a change recorded meanwhile keeps its entry dirty for the
next batch). A crash or an unreachable server at any point leaves the entries, so the batch is
simply redone (adding or deleting a document twice is harmless).
"""

from __future__ import annotations

import asyncio
import logging
import threading
import time
from dataclasses import dataclass, field
from typing import Any, LiteralString

from neo4j import Driver, ManagedTransaction

from graph_api.activities.documents import ACTIVITY_PROJECTION, activity_document
from graph_api.db.driver import on_commit, sync_driver
from graph_api.graph_names import Label, Rel
from graph_api.graphql.filtering import any_of
from graph_api.search import outbox
from graph_api.search.backoff import Backoff
from graph_api.search.client import (
    activity_index_name,
    client,
    organisation_index_name,
    practice_index_name,
    wait,
)
from graph_api.search.documents import (
    ORGANISATION_PROJECTION,
    PRACTICE_PROJECTION,
    PUBLISHED,
    organisation_document,
    practice_document,
)
from graph_api.search.errors import is_unreachable
from graph_api.search.index_settings import ensure_indexes
from graph_api.search.lease import Lease
from graph_api.settings import Settings

log = logging.getLogger(__name__)

BATCH = 200
# Writes in this process wake the indexer at once (see `run_indexer`); polling is for
# changes made elsewhere (other workers, the command line) and is a cheap read.
IDLE_POLL_S = 0.1
# Another indexer holds the lease: it goes on while there are entries, so check back soon.
BUSY_POLL_S = 0.05
# Longer than a batch normally takes; on timeout the batch is simply redone later.
TASK_TIMEOUT_MS = 30_000
# A one-document task takes Meilisearch a few milliseconds: ask often, it is a local GET.
TASK_POLL_MS = 5

# Practice documents carry their organisation's name and kind, so an organisation entry
# also refreshes its published practices: writers need not record those separately.
_BATCH_READ: LiteralString = (
    f"""
MATCH (e:{Label.OUTBOX_ENTRY}) WHERE e.ref IN $refs WITH e ORDER BY e.at, e.ref
WITH collect("""
    + outbox.ENTRY
    + f""") AS entries
WITH entries,
     [e IN entries WHERE e.entity = 'practice' | e.key] AS practiceKeys,
     [e IN entries WHERE e.entity = 'organisation' | e.key] AS organisationKeys,
     [e IN entries WHERE e.entity = 'activity' | e.key] AS activityKeys
RETURN entries,
  COLLECT {{ MATCH (p:{Label.PRACTICE}) WHERE p.id IN practiceKeys AND """
    + PUBLISHED
    + " RETURN "
    + PRACTICE_PROJECTION
    + f""" }} AS practices,
  COLLECT {{ MATCH (o:{Label.ORGANISATION})<-[:{Rel.BY}]-(p:{Label.PRACTICE})
            WHERE o.id IN organisationKeys AND NOT p.id IN practiceKeys AND """
    + PUBLISHED
    + " WITH DISTINCT p RETURN "
    + PRACTICE_PROJECTION
    + f""" }} AS theirPractices,
  COLLECT {{ MATCH (o:{Label.ORGANISATION}) WHERE o.id IN organisationKeys RETURN """
    + ORGANISATION_PROJECTION
    + f""" }} AS organisations,
  COLLECT {{ CALL (activityKeys, organisationKeys) {{
              MATCH (a:{Label.ACTIVITY}) WHERE a.id IN activityKeys RETURN a
              UNION
              MATCH (o:{Label.ORGANISATION})<-[:{Rel.ORGANISED_BY}]-(a:{Label.ACTIVITY})
              WHERE o.id IN organisationKeys RETURN a
            }} RETURN """
    + ACTIVITY_PROJECTION
    + """ } AS activities
"""
)


# Taken before the batch is read: a writer holds its entry's lock until its commit is
# fully applied, so once the indexer has the lock, everything that writer changed (the
# entry's version and the document) is visible to the read that follows. Without it, a read
# racing a commit could see the new version but the old document, and clear the entry
# with the old document in the index. Locked in `ref` order, as writers lock them.
_LOCK_OLDEST: LiteralString = (
    outbox.OLDEST
    + """ LIMIT $batch
WITH e ORDER BY e.ref
SET e._lock = true REMOVE e._lock
RETURN collect(e.ref) AS refs
"""
)


@dataclass
class Batch:
    """Outbox entries (id, entity, key, version) and the documents to write for them."""

    entries: list[dict[str, Any]]
    practices: list[dict[str, Any]]
    organisations: list[dict[str, Any]]
    # Activity documents carry their organiser's name: an organisation entry refreshes them.
    activities: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class Step:
    """What one call of `OutboxIndexer.step` did."""

    entries: int = 0
    busy: bool = False  # another process holds the lease and does the work


class OutboxIndexer:
    """Synchronous (both clients are); `run_indexer` runs it in a thread."""

    def __init__(self, driver: Driver, settings: Settings, batch: int = BATCH) -> None:
        self.driver = driver
        self.settings = settings
        self.database = settings.neo4j_database
        self.batch = batch
        self.lease = Lease(driver, self.database)
        self.indexes_ready = False
        self._lock = threading.Lock()  # a step and `close` never overlap

    def step(self) -> Step:
        """Apply the oldest batch of entries, if any."""
        with self._lock:
            try:
                return self._step()
            except Exception:
                # Let another indexer try while this one backs off.
                self.indexes_ready = False
                self._release_quietly()
                raise

    def _step(self) -> Step:
        if not self.indexes_ready:
            # At start, and after a failure in case the server came back empty: adding
            # documents to a missing index would create it without settings.
            ensure_indexes(self.settings)
            self.indexes_ready = True
        if not outbox.has_entries(self.driver, self.database):
            self.lease.release()
            return Step()
        if not self.lease.acquire():
            return Step(busy=True)
        batch = self.read_batch()
        if batch is None:
            return Step()
        # Losing the lease between reading and writing would let another indexer's newer
        # documents be overwritten by these; so make sure it is still ours.
        if not self.lease.acquire():
            return Step(busy=True)
        self.apply_batch(batch)
        return Step(entries=len(batch.entries))

    def read_batch(self) -> Batch | None:
        """The oldest entries and the current documents of their keys (call with the lease)."""

        def read(tx: ManagedTransaction) -> Any:
            refs = tx.run(_LOCK_OLDEST, batch=self.batch).single(strict=True)["refs"]
            return tx.run(_BATCH_READ, refs=refs).single(strict=True)

        with self.driver.session(database=self.database) as session:
            row = session.execute_write(read)
        if not row["entries"]:
            return None
        return Batch(
            row["entries"],
            [practice_document(r) for r in row["practices"] + row["theirPractices"]],
            [organisation_document(r) for r in row["organisations"]],
            [activity_document(r) for r in row["activities"]],
        )

    def apply_batch(self, batch: Batch) -> None:
        """Write the batch to the indexes, wait for Meilisearch, then clear the entries that
        did not change since they were read."""
        entries = batch.entries
        started = time.perf_counter()
        meili = client(self.settings)
        # Both indexes' tasks are queued before waiting for any: Meilisearch works on them
        # while we wait, instead of one after the other.
        tasks = (
            self._tasks(practice_index_name(self.settings), "practice", entries, batch.practices)
            + self._tasks(
                organisation_index_name(self.settings), "organisation", entries, batch.organisations
            )
            + self._tasks(activity_index_name(self.settings), "activity", entries, batch.activities)
        )
        for task in tasks:
            wait(meili, task, timeout_ms=TASK_TIMEOUT_MS, interval_ms=TASK_POLL_MS)
        if not self.lease.acquire():
            # The lease expired while we wrote (a slow Meilisearch): another indexer may have
            # written newer states of these documents, which ours could have overwritten.
            # Mark them dirty again, so whoever holds the lease now writes their current
            # state, and clear nothing.
            self._redo(entries)
            log.warning("Search lease lost during a batch; %d entries redone", len(entries))
            return
        unknown = {e["entity"] for e in entries} - {"practice", "organisation", "activity"}
        if unknown:
            log.warning("Dropping outbox entries of unknown entities %s", sorted(unknown))
        applied = time.perf_counter()
        cleared = outbox.clear_applied(self.driver, self.database, entries)
        log.info(
            "Search outbox: applied %d entries, %d changed meanwhile and stay "
            "(%d practices, %d organisations indexed; Meilisearch %.0f ms, clearing %.0f ms)",
            len(entries),
            len(entries) - cleared,
            len(batch.practices),
            len(batch.organisations),
            (applied - started) * 1000,
            (time.perf_counter() - applied) * 1000,
        )

    def _redo(self, entries: list[dict[str, Any]]) -> None:
        def mark(tx: ManagedTransaction) -> None:
            for entity in ("practice", "organisation", "activity"):
                keys = [e["key"] for e in entries if e["entity"] == entity]
                outbox.record_sync(tx, entity, keys)

        with self.driver.session(database=self.database) as session:
            session.execute_write(mark)

    def _tasks(
        self, index_name: str, entity: str, entries: list[dict[str, Any]], docs: list[Any]
    ) -> list[Any]:
        """Queue adding the documents that exist and deleting the other keys."""
        keys = {e["key"] for e in entries if e["entity"] == entity}
        if not keys and not docs:
            return []
        index = client(self.settings).index(index_name)
        gone = self._indexed(index, sorted(keys - {d["id"] for d in docs}))
        tasks = []
        if docs:
            tasks.append(index.add_documents(docs, primary_key="id"))
        if gone:
            tasks.append(index.delete_documents(filter=any_of("id", gone)))
            log.info("Removing from %s: %s", index_name, ", ".join(gone[:10]))
        return tasks

    @staticmethod
    def _indexed(index: Any, keys: list[str]) -> list[str]:
        """Those of `keys` the index holds. Most keys without a document are new drafts
        that were never indexed; a lookup costs far less than a deletion task, which would
        also delay the next publication queued behind it. Only the lease holder writes the
        index and it waits for its tasks, so the answer stays true until we act on it."""
        if not keys:
            return []
        found = index.get_documents(
            {"filter": any_of("id", keys), "fields": ["id"], "limit": len(keys)}
        )
        return sorted(str(dict(d)["id"]) for d in found.results)

    def drain(self, timeout_s: float = 60.0) -> int:
        """Apply entries until the outbox is empty (whoever holds the lease applies them);
        errors propagate. Returns the number of entries this call applied."""
        deadline = time.monotonic() + timeout_s
        done = 0
        while True:
            step = self.step()
            done += step.entries
            if step.entries == 0 and not step.busy:
                return done
            if time.monotonic() > deadline:
                raise TimeoutError(f"The search outbox was not empty after {timeout_s:.0f} s.")
            if step.busy:
                time.sleep(BUSY_POLL_S)

    def close(self) -> None:
        """Release the lease, unless a step is still running (at shutdown it may be stuck on
        an unreachable server; the lease then expires by itself)."""
        if self._lock.acquire(timeout=1):
            try:
                self._release_quietly()
            finally:
                self._lock.release()

    def _release_quietly(self) -> None:
        try:
            self.lease.release()
        except Exception:  # the lease expires by itself; Neo4j may be what failed
            log.debug("Could not release the search lease", exc_info=True)


def drain_with_retries(indexer: OutboxIndexer, timeout_s: float) -> int:
    """`drain`, retrying failures with backoff until the outbox is empty or time is up."""
    deadline = time.monotonic() + timeout_s
    backoff = Backoff()
    while True:
        try:
            return indexer.drain(max(1.0, deadline - time.monotonic()))
        except Exception as exc:
            delay = backoff.next_delay()
            if time.monotonic() + delay > deadline:
                raise
            _log_failure(exc, delay, backoff.attempt)
            time.sleep(delay)


async def run_indexer(settings: Settings, stop: asyncio.Event) -> None:
    """The in-process indexer: runs as soon as a write of this process commits, and polls
    the outbox every `IDLE_POLL_S` for the writes of others, until `stop` is set.

    Failures (Neo4j or Meilisearch unreachable, a failed task) are retried with capped
    exponential backoff; entries are never dropped. Blocking work runs in a thread.
    """
    driver = sync_driver(settings)
    indexer = OutboxIndexer(driver, settings)
    backoff = Backoff()
    loop = asyncio.get_running_loop()
    wake = asyncio.Event()

    def woken() -> None:
        loop.call_soon_threadsafe(wake.set)

    unsubscribe = on_commit(woken)
    log.info("Search indexer started")
    try:
        while not stop.is_set():
            # Cleared before the step: a commit during it makes the next wait return at once.
            wake.clear()
            try:
                step = await asyncio.to_thread(indexer.step)
            except Exception as exc:
                delay = backoff.next_delay()
                _log_failure(exc, delay, backoff.attempt)
                await _sleep(stop, delay)
                continue
            if backoff.attempt:
                log.info("Search indexer recovered")
                backoff.reset()
            if step.busy:
                await _sleep(stop, BUSY_POLL_S)
            elif step.entries == 0:
                await _sleep(stop, IDLE_POLL_S, wake)
    finally:
        unsubscribe()
        await asyncio.to_thread(indexer.close)
        await asyncio.to_thread(driver.close)
        log.info("Search indexer stopped")


async def _sleep(stop: asyncio.Event, seconds: float, wake: asyncio.Event | None = None) -> None:
    """Sleep until `seconds` pass, `stop` is set, or (if given) `wake` is set."""
    events = [stop] if wake is None else [stop, wake]
    waiters = [asyncio.ensure_future(e.wait()) for e in events]
    try:
        await asyncio.wait(waiters, timeout=seconds, return_when=asyncio.FIRST_COMPLETED)
    finally:
        for waiter in waiters:
            waiter.cancel()


def _log_failure(exc: Exception, delay: float, attempt: int) -> None:
    if is_unreachable(exc):
        log.warning(
            "Search indexing waits: %s (attempt %d, retrying in %.1f s)", exc, attempt, delay
        )
    else:
        log.exception("Search indexing failed (attempt %d, retrying in %.1f s)", attempt, delay)
