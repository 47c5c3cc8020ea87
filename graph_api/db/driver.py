"""Driver lifecycle and the one way the API talks to Neo4j: a read with a timeout, counted;
reads and writes through a bounded number of slots per process, so excess load is shed, not
queued inside Neo4j."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Awaitable, Callable, Iterator
from dataclasses import dataclass, field
from typing import Any, TypeVar

from neo4j import (
    READ_ACCESS,
    AsyncDriver,
    AsyncGraphDatabase,
    AsyncManagedTransaction,
    AsyncSession,
    Driver,
    GraphDatabase,
    Query,
    unit_of_work,
)
from neo4j.exceptions import (
    ClientError,
    ConnectionAcquisitionTimeoutError,
    DatabaseUnavailable,
    IncompleteCommit,
    Neo4jError,
    ServiceUnavailable,
    SessionExpired,
    TransientError,
)

from graph_api.graphql.errors import QueryTimeoutError, ServiceUnavailableError
from graph_api.metrics import CYPHER_SECONDS
from graph_api.settings import Settings

log = logging.getLogger(__name__)
T = TypeVar("T")
# Write transactions running at once per process. More than Neo4j has cores only adds lock
# waits; a write beyond that waits for a slot up to WRITE_QUEUE_S, then is refused with
# SERVICE_UNAVAILABLE and a Retry-After, instead of piling up in Neo4j until it times out.
WRITE_SLOTS = 8
WRITE_QUEUE_S = 4.0
# Likewise reads: with 64 clients at once on large data, every statement let into Neo4j
# slowed all the others until some ran past their timeout (QUERY_TIMEOUT: work done for
# nothing). Waiting here costs nothing; a read that finds no slot in time is shed.
READ_SLOTS = 8
READ_QUEUE_S = 4.0
RETRY_AFTER_S = 1
# Errors that mean "Neo4j is not there right now", as opposed to a bad statement.
UNAVAILABLE = (
    ServiceUnavailable,
    SessionExpired,
    ConnectionAcquisitionTimeoutError,
    DatabaseUnavailable,
    OSError,
)
# Codes of a transaction stopped by its timeout (also while it waited for a lock).
TIMED_OUT = ("TransactionTimedOut", "LockClientStopped", "Transaction.Terminated")


def stopped(exc: Neo4jError) -> bool:
    return any(code in (exc.code or "") for code in TIMED_OUT)


def timed_out(exc: Neo4jError, timeout_s: float) -> Exception:
    """A clear error for a statement stopped by its timeout; other client errors as they are."""
    if stopped(exc):
        return QueryTimeoutError(f"The query took longer than {timeout_s:g} s and was stopped.")
    return exc


def busy() -> ServiceUnavailableError:
    """Deadlocks, lock timeouts, and reads or writes that found no slot: nothing was written."""
    return ServiceUnavailableError(
        "The database is busy; please try again in a moment.", retryAfter=RETRY_AFTER_S
    )


def unavailable() -> ServiceUnavailableError:
    return ServiceUnavailableError(
        "The database is temporarily unavailable; please try again in a moment.",
        retryAfter=RETRY_AFTER_S,
    )


_commit_listeners: list[Callable[[], None]] = []


def on_commit(listener: Callable[[], None]) -> Callable[[], None]:
    """Call `listener` after each write transaction of this process commits (the search
    indexer wakes on it); returns a function that unsubscribes it."""
    _commit_listeners.append(listener)

    def unsubscribe() -> None:
        with contextlib.suppress(ValueError):
            _commit_listeners.remove(listener)

    return unsubscribe


def async_driver(settings: Settings) -> AsyncDriver:
    return AsyncGraphDatabase.driver(
        settings.effective_neo4j_uri,
        auth=(settings.neo4j_user, settings.neo4j_password),
        max_connection_pool_size=100,
        notifications_min_severity="OFF",
        # Fail fast while Neo4j is away (the driver would retry for 30 s by default); the
        # pool reconnects by itself once it is back.
        # Waiting for a pooled connection under load is not Neo4j being away: allow longer.
        connection_acquisition_timeout=10.0,
        connection_timeout=2.0,
        max_transaction_retry_time=2.0,
    )


def sync_driver(settings: Settings) -> Driver:
    return GraphDatabase.driver(
        settings.effective_neo4j_uri,
        auth=(settings.neo4j_user, settings.neo4j_password),
        notifications_min_severity="OFF",
    )


async def _acquire(slots: asyncio.Semaphore, patience_s: float) -> None:
    """A slot, waited for up to `patience_s`; none in time is `busy()`."""
    if not slots.locked():  # free and nobody waiting: no timer task needed
        await slots.acquire()
        return
    try:
        await asyncio.wait_for(slots.acquire(), patience_s)
    except TimeoutError:
        raise busy() from None


@dataclass
class RoundTrips:
    """Counts the Cypher statements one GraphQL request runs (shown in dev extensions)."""

    count: int = 0
    statements: list[str] = field(default_factory=list)


@dataclass
class Database:
    driver: AsyncDriver
    database: str
    timeout_s: float
    # Not an argument: subclasses (the benchmark's recorder) add their own fields.
    write_slots: asyncio.Semaphore = field(
        init=False, repr=False, default_factory=lambda: asyncio.Semaphore(WRITE_SLOTS)
    )
    read_slots: asyncio.Semaphore = field(
        init=False, repr=False, default_factory=lambda: asyncio.Semaphore(READ_SLOTS)
    )
    # Read sessions between statements, reused: opening and closing one for each statement
    # cost about 60 µs of CPU, a tenth of a small one (at most READ_SLOTS are ever open).
    idle_sessions: list[AsyncSession] = field(init=False, repr=False, default_factory=list)

    async def read(
        self, cypher: str, params: dict[str, Any], trips: RoundTrips | None = None
    ) -> list[dict[str, Any]]:
        """Run one read statement with a timeout; rows as dicts."""
        if trips is not None:
            trips.count += 1
            trips.statements.append(cypher)
        # An auto-commit transaction: for one statement, the BEGIN and COMMIT of a managed
        # transaction only add messages and a round trip. The timeout applies all the same.
        # Cypher text is built only from the project's own fragments; values are params.
        query = Query(cypher, timeout=self.timeout_s)
        await _acquire(self.read_slots, READ_QUEUE_S)  # the timeout starts once it runs
        try:
            with self._errors_mapped("read"):
                try:
                    return await self._run_read(query, params)
                except (ServiceUnavailable, SessionExpired):
                    # A pooled connection that died (Neo4j restarted): the driver drops the
                    # pool's idle connections, and a read can simply run again, once.
                    return await self._run_read(query, params)
        finally:
            self.read_slots.release()

    async def _run_read(self, query: Query, params: dict[str, Any]) -> list[dict[str, Any]]:
        # A session holds a connection only while its result is open: an idle one holds none.
        if self.idle_sessions:
            session = self.idle_sessions.pop()
        else:
            session = self.driver.session(database=self.database, default_access_mode=READ_ACCESS)
        try:
            result = await session.run(query, params)
            # Statements return maps and lists, not nodes: `record.data()` would walk every
            # value to convert graph types, which costs more than decoding it.
            rows = [
                dict(zip(record.keys(), record.values(), strict=True)) async for record in result
            ]
        except Exception:
            # A session that failed is not used again; the error is the statement's. (One
            # cancelled is dropped too: the driver has already let its connection go.)
            with contextlib.suppress(Exception):
                await session.close()
            raise
        self.idle_sessions.append(session)
        return rows

    async def write(self, work: Callable[[AsyncManagedTransaction], Awaitable[T]]) -> T:
        """Run `work` in one write transaction with a timeout; it all commits or nothing."""
        with_timeout = unit_of_work(timeout=self.timeout_s)(work)
        # The transaction's own timeout starts once it has a slot.
        await _acquire(self.write_slots, WRITE_QUEUE_S)
        try:
            with self._errors_mapped("write"):
                async with self.driver.session(database=self.database) as session:
                    value = await session.execute_write(with_timeout)
        finally:
            self.write_slots.release()
        for listener in list(_commit_listeners):
            try:
                listener()
            except Exception:  # the change is committed; a listener must not undo the answer
                log.debug("A commit listener failed", exc_info=True)
        return value

    @contextlib.contextmanager
    def _errors_mapped(self, kind: str) -> Iterator[None]:
        """Driver errors as clear GraphQL errors, and the time spent, by kind."""
        started = time.perf_counter()
        try:
            yield
        except IncompleteCommit as exc:
            raise ServiceUnavailableError(
                "The database went away while committing; the change may or may not have "
                "been saved. Reload before trying again."
            ) from exc
        except UNAVAILABLE as exc:
            # Not committed (the driver only acknowledges what committed): safe to retry.
            raise unavailable() from exc
        except Neo4jError as exc:
            if kind == "write" and (isinstance(exc, TransientError) or stopped(exc)):
                # A write's statements are small: stopped or deadlocked means contention
                # (nothing was written), which a retry a moment later gets past.
                log.warning("Write refused as busy: %s %s", exc.code, exc.message)
                raise busy() from exc
            if isinstance(exc, TransientError):
                raise busy() from exc
            if isinstance(exc, ClientError) or stopped(exc):
                raise timed_out(exc, self.timeout_s) from exc
            raise
        finally:
            CYPHER_SECONDS.labels(kind).observe(time.perf_counter() - started)

    async def close(self) -> None:
        while self.idle_sessions:
            await self.idle_sessions.pop().close()
        await self.driver.close()
