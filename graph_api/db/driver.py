"""Driver lifecycle and the one way the API talks to Neo4j: a read with a timeout, counted."""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable
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

from graph_api.metrics import CYPHER_SECONDS
from graph_api.settings import Settings

T = TypeVar("T")


def async_driver(settings: Settings) -> AsyncDriver:
    return AsyncGraphDatabase.driver(
        settings.effective_neo4j_uri,
        auth=(settings.neo4j_user, settings.neo4j_password),
        max_connection_pool_size=50,
        notifications_min_severity="OFF",
        connection_acquisition_timeout=5.0,
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

        started = time.perf_counter()
        try:
            async with self.driver.session(database=self.database) as session:
                return await session.execute_read(work)
        finally:
            CYPHER_SECONDS.labels("read").observe(time.perf_counter() - started)

    async def write(self, work: Callable[[AsyncManagedTransaction], Awaitable[T]]) -> T:
        """Run `work` in one write transaction with a timeout; it all commits or nothing."""
        with_timeout = unit_of_work(timeout=self.timeout_s)(work)
        started = time.perf_counter()
        try:
            async with self.driver.session(database=self.database) as session:
                return await session.execute_write(with_timeout)
        finally:
            CYPHER_SECONDS.labels("write").observe(time.perf_counter() - started)

    async def close(self) -> None:
        await self.driver.close()
