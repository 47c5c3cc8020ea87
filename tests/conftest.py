"""Fixtures against the real Neo4j and Meilisearch that `graph-api test` started and seeded.

Run the suite with `make test`; it starts fresh servers on free ports, migrates, seeds and
indexes, runs pytest with their addresses in the environment, and stops them afterwards.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from neo4j import Driver
from starlette.testclient import TestClient

from graph_api.app import create_app
from graph_api.db.driver import Database, RoundTrips, async_driver, sync_driver
from graph_api.graphql.context import Context
from graph_api.graphql.schema import build_schema
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
    with TestClient(create_app(settings), raise_server_exceptions=False) as test_client:
        yield test_client


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

    def __call__(self, query: str, variables: dict[str, Any] | None = None) -> Result:
        response = self.client.post("/graphql", json={"query": query, "variables": variables})
        assert response.status_code < 500, response.text
        body = response.json()
        return Result(body.get("data"), body.get("errors") or [], body.get("extensions") or {})

    def ok(self, query: str, variables: dict[str, Any] | None = None) -> Any:
        result = self(query, variables)
        assert not result.errors, result.errors
        return result.data


@pytest.fixture(scope="session")
def gql(client: TestClient) -> GraphQL:
    return GraphQL(client)


@pytest.fixture(scope="session")
def run_cypher(neo4j: Driver, settings: Settings) -> Any:
    def run(cypher: str, **params: Any) -> list[dict[str, Any]]:
        records, _, _ = neo4j.execute_query(cypher, params, database_=settings.neo4j_database)
        return [r.data() for r in records]

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
