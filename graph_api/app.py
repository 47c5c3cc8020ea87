"""The Starlette application: /graphql (GraphiQL in development, its files under
/graphiql/), /healthz, /readyz, /metrics; its lifespan opens the Neo4j driver and runs the
search outbox indexer."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.routing import Route

from graph_api.activities.ical import feed as activities_feed
from graph_api.db.driver import Database, async_driver
from graph_api.http.endpoint import GraphQLEndpoint
from graph_api.http.graphiql import PREFIX as GRAPHIQL_PREFIX
from graph_api.http.health import Readiness, healthz
from graph_api.http.metrics import metrics
from graph_api.http.requests import RequestIdMiddleware
from graph_api.logging_setup import configure_logging
from graph_api.metrics import worker_exited
from graph_api.schema import build_schema
from graph_api.search import dutch, engine
from graph_api.search.reference import REFERENCE
from graph_api.settings import Settings, get_settings


def create_app(settings: Settings | None = None, run_indexer: bool = True) -> Starlette:
    settings = settings or get_settings()
    configure_logging(settings.log_format, settings.log_level)
    endpoint = GraphQLEndpoint(build_schema(settings), settings)

    def database() -> Database:
        assert endpoint.db is not None, "the lifespan has not opened the database"
        return endpoint.db

    @contextlib.asynccontextmanager
    async def lifespan(_: Starlette) -> AsyncIterator[None]:
        endpoint.db = Database(
            async_driver(settings), settings.neo4j_database, settings.neo4j_tx_timeout_s
        )
        engine.open_session()
        with contextlib.suppress(Exception):  # read on first use when the graph is not up
            await asyncio.wait_for(REFERENCE.warm(endpoint.db), timeout=5)
        # Load the Dutch lemmatizer's data (about 3 s, once per process) before serving, not
        # in the first search.
        await asyncio.to_thread(dutch.warm)
        stop = asyncio.Event()
        indexer = None
        if run_indexer:
            from graph_api.search.indexer import run_indexer as indexer_loop

            indexer = asyncio.create_task(indexer_loop(settings, stop), name="search-indexer")
        try:
            yield
        finally:
            stop.set()
            if indexer is not None:
                # The indexer finishes its batch; entries not yet applied stay in the outbox.
                with contextlib.suppress(asyncio.CancelledError, TimeoutError):
                    await asyncio.wait_for(indexer, timeout=5)
            await endpoint.db.close()
            await engine.close_session()
            worker_exited()

    origins = [o.strip() for o in settings.cors_origins.split(",") if o.strip()]
    middleware = [Middleware(RequestIdMiddleware)]
    if origins:
        middleware.append(
            Middleware(
                CORSMiddleware,
                allow_origins=origins,
                allow_methods=["GET", "POST"],
                allow_headers=["authorization", "content-type", "x-request-id"],
                expose_headers=[
                    "x-request-id",
                    "retry-after",
                    "ratelimit-limit",
                    "ratelimit-remaining",
                    "ratelimit-reset",
                    "ratelimit-policy",
                ],
                max_age=600,
            )
        )
    routes = [
        Route("/graphql", endpoint.handle, methods=["GET", "POST", "PUT", "DELETE", "PATCH"]),
        Route("/healthz", healthz),
        Route("/readyz", Readiness(settings, database).check),
        Route("/metrics", metrics),
        Route("/activities.ics", activities_feed(database)),
    ]
    if endpoint.graphiql is not None:  # development only, like the page itself
        routes.append(Route(f"{GRAPHIQL_PREFIX}/{{digest}}/{{name}}", endpoint.graphiql.asset))
    app = Starlette(routes=routes, middleware=middleware, lifespan=lifespan)
    app.state.graphql = endpoint  # for tests and tools that look at its caches
    return app
