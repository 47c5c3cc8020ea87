"""What the API runs for a request, captured in-process: the compiled Cypher with its
parameters (from `Database.read`) and the Meilisearch searches (from `search.engine`).

The document is executed with the API's own schema (`build_schema`, same settings as the
server) once per variable set, in the public role as the HTTP requests are, so the baseline
replays exactly the statements behind each request.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import strawberry
from graphql import GraphQLSchema, parse, validate

from bench.operations import ReadOp
from graph_api.db.driver import Database, RoundTrips, async_driver
from graph_api.graphql.context import Context
from graph_api.search import engine
from graph_api.settings import Settings


@dataclass
class Call:
    kind: str  # "cypher" or "search"
    text: str  # the statement, or the index name
    params: dict[str, Any]
    query: str = ""  # the search words


@dataclass
class Recorder:
    calls: list[Call] = field(default_factory=list)


@dataclass
class RecordingDatabase(Database):
    recorder: Recorder = field(default_factory=Recorder)

    async def read(
        self, cypher: str, params: dict[str, Any], trips: RoundTrips | None = None
    ) -> list[dict[str, Any]]:
        self.recorder.calls.append(Call("cypher", cypher, dict(params)))
        return await super().read(cypher, params, trips)


@contextlib.contextmanager
def recording_searches(recorder: Recorder) -> Iterator[None]:
    original = engine.search

    async def search(
        settings: Settings, index_name: str, query: str, params: dict[str, Any]
    ) -> dict[str, Any]:
        recorder.calls.append(Call("search", index_name, dict(params), query))
        return await original(settings, index_name, query, params)

    engine.search = search
    try:
        yield
    finally:
        engine.search = original


def graphql_schema(schema: strawberry.Schema) -> GraphQLSchema:
    return schema._schema


def root_fields(schema: strawberry.Schema) -> set[str]:
    """Root field names of queries and mutations in the API as it is now."""
    gql = graphql_schema(schema)
    names: set[str] = set()
    for root in (gql.query_type, gql.mutation_type):
        if root is not None:
            names.update(root.fields)
    return names


def unavailable(schema: strawberry.Schema, op_fields: tuple[str, ...], documents: list[str]) -> str:
    """Why an operation cannot run against this API (missing root fields, a document that
    no longer validates), or an empty string."""
    missing = [f for f in op_fields if f not in root_fields(schema)]
    if missing:
        return f"skipped: the API has no root field {', '.join(missing)} (yet)"
    for document in documents:
        errors = validate(graphql_schema(schema), parse(document))
        if errors:
            return f"skipped: the document does not validate: {errors[0].message}"
    return ""


async def capture(
    schema: strawberry.Schema, settings: Settings, op: ReadOp
) -> tuple[list[list[Call]], list[str]]:
    """The calls behind each of the operation's variable sets, and any GraphQL errors."""
    recorder = Recorder()
    db = RecordingDatabase(
        async_driver(settings), settings.neo4j_database, settings.neo4j_tx_timeout_s, recorder
    )
    calls: list[list[Call]] = []
    problems: list[str] = []
    try:
        with recording_searches(recorder):
            for variables in op.variants:
                recorder.calls = []
                result = await schema.execute(
                    op.document,
                    variable_values=variables,
                    context_value=Context(db=db, settings=settings),
                    operation_name=op.operation,
                )
                if result.errors:
                    problems.append(result.errors[0].message)
                calls.append(recorder.calls)
    finally:
        await db.close()
    return calls, problems
