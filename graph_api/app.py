"""The Starlette application: /graphql (with GraphiQL in development) and /healthz."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route
from strawberry.asgi import GraphQL

from graph_api.auth.gate import AuthGate
from graph_api.auth.viewer import PUBLIC
from graph_api.db.driver import Database, async_driver
from graph_api.graphql.context import Context
from graph_api.graphql.schema import build_schema
from graph_api.settings import Settings, get_settings


class GraphQLApp(GraphQL[Context, None]):
    def __init__(self, settings: Settings, **kwargs: Any) -> None:
        super().__init__(build_schema(settings), **kwargs)
        self.settings = settings
        self.db: Database | None = None

    async def get_context(self, request: Any, response: Any) -> Context:
        assert self.db is not None, "the lifespan has not opened the database"
        viewer = request.scope.get("state", {}).get("viewer", PUBLIC)
        return Context(
            db=self.db, settings=self.settings, viewer=viewer, request=request, response=response
        )

    def database(self) -> Database:
        assert self.db is not None, "the lifespan has not opened the database"
        return self.db


async def healthz(_: Request) -> Response:
    return JSONResponse({"status": "ok"})


def create_app(settings: Settings | None = None) -> Starlette:
    settings = settings or get_settings()
    graphql = GraphQLApp(
        settings,
        graphql_ide="graphiql" if settings.development else None,
        allow_queries_via_get=True,
    )

    @asynccontextmanager
    async def lifespan(_: Starlette) -> AsyncIterator[None]:
        db = Database(async_driver(settings), settings.neo4j_database, settings.neo4j_tx_timeout_s)
        graphql.db = db
        try:
            yield
        finally:
            await db.close()

    return Starlette(
        routes=[
            Route(
                "/graphql", AuthGate(graphql, settings, graphql.database), methods=["GET", "POST"]
            ),
            Route("/healthz", healthz),
        ],
        lifespan=lifespan,
    )
