"""Fixtures against the real Neo4j and Meilisearch that `graph-api test` started and seeded.

Run the suite with `make test`; it starts fresh servers on free ports, migrates, seeds and
indexes, runs pytest with their addresses in the environment, and stops them afterwards.
"""

from __future__ import annotations

import asyncio
import contextlib
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
import uvicorn
from neo4j import Driver, ResultSummary
from starlette.applications import Starlette
from starlette.testclient import TestClient

from graph_api.app import create_app
from graph_api.auth.tokens import mint
from graph_api.auth.viewer import Role
from graph_api.db.driver import Database, RoundTrips, async_driver, sync_driver
from graph_api.graphql.context import Context
from graph_api.partners.aggregates import recompute
from graph_api.schema import build_schema
from graph_api.servers.process import free_port
from graph_api.settings import Settings, get_settings


@pytest.fixture(scope="session")
def settings() -> Settings:
    return get_settings()


@pytest.fixture(scope="session")
def neo4j(settings: Settings) -> Iterator[Driver]:
    with sync_driver(settings) as driver:
        driver.verify_connectivity()
        yield driver


@pytest.fixture(scope="session")
def client(settings: Settings) -> Iterator[TestClient]:
    # No rate limit: the whole suite comes from one address ("testclient"); the budgets have
    # tests of their own (tests/http/test_rate_limit.py).
    app = create_app(settings.model_copy(update={"rate_limit_per_minute": 0}))
    with TestClient(app, raise_server_exceptions=False) as test_client:
        yield test_client


@contextlib.contextmanager
def serving(app: Starlette) -> Iterator[str]:
    """A real uvicorn server for `app` on a free loopback port; yields its base URL."""
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    try:
        assert server.started, "uvicorn did not start"
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


@pytest.fixture(scope="session")
def live_url(settings: Settings) -> Iterator[str]:
    """A real server without the search indexer, for tools that speak plain HTTP. No rate
    limit: the fuzzer sends many requests from one address on purpose."""
    app = create_app(settings.model_copy(update={"rate_limit_per_minute": 0}), run_indexer=False)
    with serving(app) as url:
        yield url


@dataclass
class Result:
    data: Any
    errors: list[dict[str, Any]]
    extensions: dict[str, Any]

    @property
    def codes(self) -> list[str | None]:
        return [e.get("extensions", {}).get("code") for e in self.errors]


class GraphQL:
    """Posts documents over HTTP, as a frontend would; asserts there was no 500."""

    def __init__(self, client: TestClient) -> None:
        self.client = client

    def __call__(
        self,
        query: str,
        variables: dict[str, Any] | None = None,
        token: str | None = None,
        headers: dict[str, str] | None = None,
    ) -> Result:
        headers = {**(headers or {}), **({"Authorization": f"Bearer {token}"} if token else {})}
        response = self.client.post(
            "/graphql", json={"query": query, "variables": variables}, headers=headers
        )
        assert response.status_code < 500, response.text
        body = response.json()
        return Result(body.get("data"), body.get("errors") or [], body.get("extensions") or {})

    def ok(
        self, query: str, variables: dict[str, Any] | None = None, token: str | None = None
    ) -> Any:
        result = self(query, variables, token)
        assert not result.errors, result.errors
        return result.data


@pytest.fixture(scope="session")
def gql(client: TestClient) -> GraphQL:
    return GraphQL(client)


def recompute_after(neo4j: Driver, settings: Settings, summary: ResultSummary) -> None:
    """A test that writes the graph directly bypasses the upkeep writes that keep the
    maintained aggregates (partners.aggregates): recompute them, so no later test reads a
    stale count. Outbox and lease bookkeeping cannot change one."""
    counters = summary.counters
    touched = counters.relationships_created or counters.relationships_deleted
    if touched or counters.nodes_deleted or counters.nodes_created or counters.properties_set:
        recompute(neo4j, settings.neo4j_database)


@pytest.fixture(scope="session")
def run_cypher(neo4j: Driver, settings: Settings) -> Any:
    def run(cypher: str, **params: Any) -> list[dict[str, Any]]:
        records, summary, _ = neo4j.execute_query(cypher, params, database_=settings.neo4j_database)
        recompute_after(neo4j, settings, summary)
        return [r.data() for r in records]

    return run


class RecordingDatabase(Database):
    """Keeps each statement with its parameters (`seen`), to profile it afterwards."""

    seen: list[tuple[str, dict[str, Any]]]

    async def read(
        self, cypher: str, params: dict[str, Any], trips: RoundTrips | None = None
    ) -> list[dict[str, Any]]:
        self.seen.append((cypher, dict(params)))
        return await super().read(cypher, params, trips)


def plan_hits(plan: dict[str, Any]) -> int:
    """Database hits of a profiled plan, its children's included."""
    return int(plan.get("dbHits", 0)) + sum(plan_hits(c) for c in plan.get("children", []))


@pytest.fixture(scope="session")
def profiled(settings: Settings, neo4j: Driver) -> Any:
    """Runs a document through the API's schema; (its data, the db hits of its statement).

    The subqueries of a compiled statement do not show in Neo4j's plan (they are expressions
    of one projection), so the statement is re-run under PROFILE and its hits summed."""
    schema = build_schema(settings)

    def run(document: str, variables: dict[str, Any] | None = None) -> tuple[Any, int]:
        async def go() -> tuple[Any, list[tuple[str, dict[str, Any]]]]:
            db = RecordingDatabase(async_driver(settings), settings.neo4j_database, 30.0)
            db.seen = []
            try:
                result = await schema.execute(
                    document, variable_values=variables, context_value=Context(db, settings)
                )
            finally:
                await db.close()
            assert not result.errors, result.errors
            return result.data, db.seen

        data, seen = asyncio.run(go())
        assert len(seen) == 1, "one statement per root field"
        cypher, params = seen[0]
        _, summary, _ = neo4j.execute_query(
            "PROFILE " + cypher, params, database_=settings.neo4j_database
        )
        assert summary.profile is not None
        return data, plan_hits(summary.profile)

    return run


@pytest.fixture(scope="session")
def execute_traced(settings: Settings) -> Any:
    """Executes in-process and returns the result with the Cypher statements it ran."""
    schema = build_schema(settings)

    def run(query: str, variables: dict[str, Any] | None = None) -> tuple[Any, RoundTrips]:
        async def go() -> tuple[Any, RoundTrips]:
            db = Database(
                async_driver(settings), settings.neo4j_database, settings.neo4j_tx_timeout_s
            )
            context = Context(db=db, settings=settings)
            try:
                result = await schema.execute(
                    query, variable_values=variables, context_value=context
                )
            finally:
                await db.close()
            return result, context.trips

        return asyncio.run(go())

    return run


class Tokens:
    """Development tokens for each role; partners of a real organisation or of another."""

    def __init__(self, settings: Settings, own: str, other: str) -> None:
        self.settings = settings
        self.own_organisation = own
        self.other_organisation = other
        self.staff = mint(settings, Role.STAFF, subject="test-staff")
        self.admin = mint(settings, Role.ADMIN, subject="test-admin")
        self.partner = mint(settings, Role.PARTNER, own, subject="test-partner")
        self.other_partner = mint(settings, Role.PARTNER, other, subject="test-other-partner")

    def by_name(self, name: str) -> str | None:
        return None if name == "public" else str(getattr(self, name))


@pytest.fixture(scope="session")
def tokens(settings: Settings, run_cypher: Any) -> Tokens:
    # Demo organisations: tests write to the token's own organisation, and a sourced one
    # must hold only what its source says (tests/seeding/test_sourced.py).
    rows = run_cypher("""MATCH (o:Organisation) WHERE o.scope = 'LOCAL' AND o.demo
                         RETURN o.id AS id ORDER BY o.id LIMIT 2""")
    return Tokens(settings, rows[0]["id"], rows[1]["id"])
