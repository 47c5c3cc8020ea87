"""Driver lifecycle and the one way the API talks to Neo4j: a read with a timeout, counted."""

from __future__ import annotations

import contextlib
import time
from collections.abc import Awaitable, Callable, Iterator
from dataclasses import dataclass, field
from typing import Any, TypeVar

from neo4j import (
    AsyncDriver,
    AsyncGraphDatabase,
    AsyncManagedTransaction,
    Driver,
    GraphDatabase,
    unit_of_work,
)
from neo4j.exceptions import (
    ClientError,
    ConnectionAcquisitionTimeoutError,
    DatabaseUnavailable,
    IncompleteCommit,
    ServiceUnavailable,
    SessionExpired,
    TransientError,
)

from graph_api.graphql.errors import QueryTimeoutError, ServiceUnavailableError
from graph_api.metrics import CYPHER_SECONDS
from graph_api.settings import Settings

T = TypeVar("T")
# Errors that mean "Neo4j is not there right now", as opposed to a bad statement.
UNAVAILABLE = (
    ServiceUnavailable,
    SessionExpired,
    ConnectionAcquisitionTimeoutError,
    DatabaseUnavailable,
    OSError,
)
TIMED_OUT = "TransactionTimedOut"


def timed_out(exc: ClientError, timeout_s: float) -> Exception:
    """A clear error for a statement stopped by its timeout; other client errors as they are."""
    if TIMED_OUT in (exc.code or ""):
        return QueryTimeoutError(f"The query took longer than {timeout_s:g} s and was stopped.")
    return exc


def busy() -> ServiceUnavailableError:
    """Deadlocks and lock timeouts that outlived the driver's retries: nothing was written."""
    return ServiceUnavailableError("The database is busy; please try again in a moment.")


def unavailable() -> ServiceUnavailableError:
    return ServiceUnavailableError(
        "The database is temporarily unavailable; please try again in a moment."
    )


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

    async def read(
        self, cypher: str, params: dict[str, Any], trips: RoundTrips | None = None
    ) -> list[dict[str, Any]]:
        """Run one read statement in a managed transaction with a timeout; rows as dicts."""
        if trips is not None:
            trips.count += 1
            trips.statements.append(cypher)

        @unit_of_work(timeout=self.timeout_s)
        async def work(tx: AsyncManagedTransaction) -> list[dict[str, Any]]:
            # Cypher text is built only from the project's own fragments; values are params.
            result = await tx.run(cypher, params)
            return [record.data() async for record in result]

        with self._errors_mapped("read"):
            async with self.driver.session(database=self.database) as session:
                return await session.execute_read(work)

    async def write(self, work: Callable[[AsyncManagedTransaction], Awaitable[T]]) -> T:
        """Run `work` in one write transaction with a timeout; it all commits or nothing."""
        with_timeout = unit_of_work(timeout=self.timeout_s)(work)
        with self._errors_mapped("write"):
            async with self.driver.session(database=self.database) as session:
                return await session.execute_write(with_timeout)

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
        except TransientError as exc:
            raise busy() from exc
        except ClientError as exc:
            raise timed_out(exc, self.timeout_s) from exc
        finally:
            CYPHER_SECONDS.labels(kind).observe(time.perf_counter() - started)

    async def close(self) -> None:
        await self.driver.close()
