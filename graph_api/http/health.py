"""/healthz (the process is alive) and /readyz (Neo4j and Meilisearch reachable, outbox lag:
how many documents wait to be indexed and for how long the oldest has)."""

from __future__ import annotations

import asyncio
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from graph_api import metrics
from graph_api.db.driver import Database
from graph_api.graph_names import Label
from graph_api.settings import Settings

# Dirty documents are the entries with `at` (applied ones stay, without it); the oldest
# comes from the index on `at`, not a scan.
OUTBOX = f"""
OPTIONAL MATCH (e:{Label.OUTBOX_ENTRY}) WHERE e.at IS NOT NULL
WITH e ORDER BY e.at LIMIT 1
RETURN COUNT {{ MATCH (n:{Label.OUTBOX_ENTRY}) WHERE n.at IS NOT NULL }} AS entries,
       CASE WHEN e IS NULL THEN 0 ELSE duration.inSeconds(e.at, datetime()).seconds END AS age
"""


async def healthz(_: Request) -> Response:
    return JSONResponse({"status": "ok"})


class Readiness:
    def __init__(self, settings: Settings, db: Any) -> None:
        self.settings = settings
        self.db = db  # a callable returning the Database once the lifespan opened it

    async def check(self, _: Request) -> Response:
        database: Database = self.db()
        checks: dict[str, Any] = {}
        try:
            rows = await asyncio.wait_for(database.read(OUTBOX, {}), timeout=2.0)
            checks["neo4j"] = "ok"
            entries, age = rows[0]["entries"], rows[0]["age"]
            checks["outbox"] = {"entries": entries, "oldestSeconds": age}
            metrics.OUTBOX_LAG.set(entries)
            metrics.OUTBOX_AGE.set(age)
        except Exception as exc:
            checks["neo4j"] = f"unreachable: {type(exc).__name__}"
        checks["meilisearch"] = await self._meilisearch()
        ready = checks["neo4j"] == "ok" and checks["meilisearch"] == "ok"
        return JSONResponse(
            {"status": "ready" if ready else "not ready", "checks": checks},
            status_code=200 if ready else 503,
        )

    async def _meilisearch(self) -> str:
        from graph_api.search.client import client

        def ping() -> str:
            health = client(self.settings).health()
            return "ok" if health.get("status") == "available" else str(health)

        try:
            return await asyncio.wait_for(asyncio.to_thread(ping), timeout=2.0)
        except Exception as exc:
            return f"unreachable: {type(exc).__name__}"
