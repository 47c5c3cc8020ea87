"""The raw baselines: the captured calls replayed without GraphQL or HTTP in between.

Cypher goes through the Neo4j Python driver, rows as dicts, encoded with orjson; searches go
straight to Meilisearch's HTTP API. Two ways to run the Cypher:

- **raw** (`managed=True`): a managed read transaction with the API's timeout, as the
  driver's manual recommends for application code: what a team writing the driver calls by
  hand would ship. It pays BEGIN and COMMIT, one round trip more than the API.
- **floor** (`managed=False`): an auto-commit transaction with the same timeout, as the API's
  own `Database.read` runs its one statement: what the API would cost if GraphQL and HTTP
  were free.

The driver is written out here rather than taken from `Database.read`, so that anything slow
added there shows in the ratios.
"""

from __future__ import annotations

import time
from typing import Any
from urllib.parse import urlsplit

import orjson
from neo4j import READ_ACCESS, AsyncManagedTransaction, Query, unit_of_work

from bench.capture import Call
from bench.httpclient import Connection, HTTPError
from bench.operations import Failed
from graph_api.db.driver import async_driver
from graph_api.settings import Settings


class Raw:
    def __init__(
        self, settings: Settings, calls: list[list[Call]], timeout_s: float, managed: bool = True
    ) -> None:
        self.settings = settings
        self.calls = calls
        self.timeout_s = timeout_s
        self.managed = managed
        # The API's own driver configuration (pool size, timeouts).
        self.driver = async_driver(settings)
        meili = urlsplit(settings.effective_meili_url)
        self.meili_host, self.meili_port = meili.hostname or "127.0.0.1", meili.port or 7700

        @unit_of_work(timeout=settings.neo4j_tx_timeout_s)
        async def work(
            tx: AsyncManagedTransaction, cypher: str, params: dict[str, Any]
        ) -> list[dict[str, Any]]:
            result = await tx.run(cypher, params)
            return [record.data() async for record in result]

        self._work = work

    def connect(self) -> Connection:
        return Connection(self.meili_host, self.meili_port, self.timeout_s, "application/json")

    @staticmethod
    async def close(conn: Connection) -> None:
        await conn.close()

    async def once(self, conn: Connection, i: int) -> float:
        calls = self.calls[i % len(self.calls)]
        started = time.perf_counter()
        try:
            for call in calls:
                if call.kind == "cypher":
                    orjson.dumps(await self._cypher(call))
                else:
                    await self._search(conn, call)
        except Failed:
            raise
        except Exception as exc:  # counted as an error of the cell, like the API's
            raise Failed(f"{type(exc).__name__}: {exc}") from exc
        return (time.perf_counter() - started) * 1000.0

    async def _cypher(self, call: Call) -> list[dict[str, Any]]:
        database = self.settings.neo4j_database
        if self.managed:
            async with self.driver.session(database=database) as s:
                rows: list[dict[str, Any]] = await s.execute_read(
                    self._work, call.text, call.params
                )
                return rows
        query = Query(call.text, timeout=self.settings.neo4j_tx_timeout_s)
        async with self.driver.session(database=database, default_access_mode=READ_ACCESS) as s:
            result = await s.run(query, call.params)
            return [record.data() async for record in result]

    async def _search(self, conn: Connection, call: Call) -> None:
        request = orjson.dumps({"q": call.query, **call.params})
        try:
            response = await conn.post(
                request, self.settings.meili_master_key, f"/indexes/{call.text}/search"
            )
        except HTTPError as exc:
            raise Failed(str(exc)) from exc
        if response.status != 200:
            raise Failed(f"Meilisearch HTTP {response.status}: {response.body[:200]!r}")
        orjson.dumps(orjson.loads(response.body))

    async def aclose(self) -> None:
        await self.driver.close()


async def profile(settings: Settings, call: Call) -> dict[str, Any]:
    """Neo4j PROFILE of one statement: total db hits, rows, the busiest operators.

    (No time: the first PROFILE of a text includes planning it.)"""
    driver = async_driver(settings)
    try:
        async with driver.session(database=settings.neo4j_database) as session:
            result = await session.run("PROFILE " + call.text, call.params)
            summary = await result.consume()
    finally:
        await driver.close()
    plan = summary.profile or {}
    operators: list[tuple[int, str]] = []

    def walk(node: dict[str, Any]) -> None:
        operators.append((int(node.get("dbHits", 0)), str(node.get("operatorType", "?"))))
        for child in node.get("children", []):
            walk(child)

    if plan:
        walk(plan)
    operators.sort(reverse=True)
    return {
        "db_hits": sum(hits for hits, _ in operators),
        "operators": len(operators),
        "top_operators": [f"{op} ({hits} db hits)" for hits, op in operators[:4]],
    }
