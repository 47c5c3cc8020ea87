"""`graph-api`: serve, migrate, seed, reindex, schema, and the local servers."""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from graph_api.http import graphiql
from graph_api.search.commands import register as register_search_commands
from graph_api.servers import meilisearch_server, neo4j_server
from graph_api.servers.process import ServerError, free_port
from graph_api.settings import PROJECT_ROOT, Settings, get_settings

app = typer.Typer(
    help="The Eén tegen eenzaamheid partner-network GraphQL API.", no_args_is_help=True
)
servers = typer.Typer(help="The local Neo4j and Meilisearch servers.", no_args_is_help=True)
app.add_typer(servers, name="servers")
register_search_commands(app)
console = Console(stderr=True)
SCHEMA_FILE = PROJECT_ROOT / "schema" / "schema.graphql"


def _fail(message: str) -> typer.Exit:
    console.print(f"[bold red]error:[/] {message}")
    return typer.Exit(code=1)


# -- local servers -----------------------------------------------------------------------


def start_servers(settings: Settings) -> None:
    try:
        if settings.manages_neo4j:
            neo4j_server.start(settings)
        if settings.manages_meilisearch:
            meilisearch_server.start(settings)
    except ServerError as exc:
        stop_servers(settings)
        raise _fail(str(exc)) from exc


def stop_servers(settings: Settings) -> None:
    if settings.manages_meilisearch and meilisearch_server.stop(settings):
        console.print("Stopped Meilisearch.")
    if settings.manages_neo4j and neo4j_server.stop(settings):
        console.print("Stopped Neo4j.")


@servers.command("fetch")
def servers_fetch() -> None:
    """Download Neo4j, Meilisearch and GraphiQL's files into the cache (once)."""
    settings = get_settings()
    try:
        neo4j_server.fetch(settings)
        meilisearch_server.fetch(settings)
        graphiql.fetch(settings)
    except ServerError as exc:
        raise _fail(str(exc)) from exc


@app.command("fetch-graphiql")
def fetch_graphiql() -> None:
    """Download GraphiQL's files (pinned in infra/graphiql) into the cache (once)."""
    try:
        console.print(f"GraphiQL's files are in {graphiql.fetch(get_settings())}.")
    except ServerError as exc:
        raise _fail(str(exc)) from exc


def try_fetch_graphiql(settings: Settings) -> None:
    """GraphiQL is a convenience: without its files the API still serves, and the page
    says how to fetch them."""
    if not settings.development:
        return
    try:
        graphiql.fetch(settings)
    except ServerError as exc:
        console.print(f"[bold yellow]warning:[/] GraphiQL will not load: {exc}")


@servers.command("start")
def servers_start() -> None:
    """Start the local servers in the background (unless NEO4J_URI / MEILI_URL are set)."""
    start_servers(get_settings())


@servers.command("stop")
def servers_stop() -> None:
    """Stop the local servers started for this state folder."""
    stop_servers(get_settings())


# -- data ---------------------------------------------------------------------------------


@app.command()
def migrate() -> None:
    """Apply Neo4j constraints and indexes, bring older data up to date and recompute the
    maintained aggregates (idempotent)."""
    from graph_api.db.driver import sync_driver
    from graph_api.db.migrations import migrate as apply

    settings = get_settings()
    with sync_driver(settings) as driver:
        count = apply(driver, settings.neo4j_database)
    console.print(f"Applied {count} constraints and indexes; recomputed the aggregates.")


@app.command()
def seed(
    scale: Annotated[int, typer.Option(min=1, max=1000, help="Multiply the demo data.")] = 1,
    if_empty: Annotated[bool, typer.Option(help="Only when the graph is empty.")] = False,
    reindex_after: Annotated[
        bool, typer.Option("--reindex/--no-reindex", help="Rebuild the search indexes after.")
    ] = True,
) -> None:
    """Load the reference data and the deterministic demo data (idempotent)."""
    from graph_api.db.driver import sync_driver
    from graph_api.seeding import graph_is_empty
    from graph_api.seeding import seed as load

    settings = get_settings()
    with sync_driver(settings) as driver:
        if if_empty and not graph_is_empty(driver, settings.neo4j_database):
            console.print("The graph already holds data; not seeding.")
            return
        counts = load(driver, settings.neo4j_database, settings.seed_dir, scale=scale)
    console.print("Seeded: " + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())))
    # Seeding writes the graph directly, not through the outbox: rebuild the indexes.
    if reindex_after:
        reindex()


@app.command()
def reindex() -> None:
    """Rebuild the search indexes from the graph into fresh ones and swap them in."""
    from graph_api.db.driver import sync_driver
    from graph_api.search.reindex import reindex_all

    settings = get_settings()
    with sync_driver(settings) as driver:
        counts = reindex_all(driver, settings, progress=True)
    console.print("Indexed " + ", ".join(f"{n} {name}" for name, n in counts.items()) + ".")


def prepare() -> None:
    migrate()
    seed(scale=1, if_empty=True, reindex_after=False)
    reindex()


# -- serving ------------------------------------------------------------------------------


@app.command()
def serve(
    host: Annotated[str | None, typer.Option()] = None,
    port: Annotated[int | None, typer.Option()] = None,
    workers: Annotated[int | None, typer.Option()] = None,
) -> None:
    """Serve GraphQL (GraphiQL at /graphql in development)."""
    import uvicorn
    from uvicorn.config import STARTUP_FAILURE

    from graph_api.logging_setup import configure_logging
    from graph_api.serving import Server, serve_dealt

    settings = get_settings()
    port = port or settings.port
    workers = workers or settings.workers
    # The supervisor's own lines (and with one worker everything) use the same pipeline;
    # each worker configures it again in create_app.
    configure_logging(settings.log_format, settings.log_level)
    config = uvicorn.Config(
        "graph_api.app:create_app",
        factory=True,
        host=host or settings.host,
        port=port,
        workers=workers,
        loop="uvloop",
        http="httptools",
        # On SIGTERM/Ctrl-C: stop accepting, let requests in flight finish, then stop.
        timeout_graceful_shutdown=20,
        access_log=False,  # our own middleware logs each request with its request ID
        # No dictConfig of uvicorn's own: its loggers go through ours (logging_setup).
        log_config=None,
        log_level=None,
    )
    with _metrics_folder(settings, port, workers):
        if workers > 1:
            # Connections dealt to the workers in turn (graph_api/serving.py says why).
            serve_dealt(config, workers)
        else:
            server = Server(config)
            server.run()
            if not server.started:  # the app's startup failed (no database, say)
                raise SystemExit(STARTUP_FAILURE)


MULTIPROC_ENV = "PROMETHEUS_MULTIPROC_DIR"


@contextlib.contextmanager
def _metrics_folder(settings: Settings, port: int, workers: int) -> Iterator[None]:
    """With several workers, prometheus-client's multiprocess mode so /metrics sums them all:
    a folder for this server (by port) emptied before the workers start, which read the
    variable when they import prometheus_client. A PROMETHEUS_MULTIPROC_DIR already set is
    used as given (emptied of metric files too); one worker keeps its metrics in memory."""
    given = os.environ.get(MULTIPROC_ENV)
    if given:
        folder = Path(given)
    elif workers > 1:
        folder = Path(settings.state_dir) / "metrics" / f"port-{port}"
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError:  # a read-only install (the container): any private folder will do
            folder = Path(tempfile.mkdtemp(prefix="graph-api-metrics-"))
    else:
        yield
        return
    folder.mkdir(parents=True, exist_ok=True)
    # Files of an earlier run would be added to this one's counters.
    for stale in folder.glob("*.db"):
        stale.unlink()
    os.environ[MULTIPROC_ENV] = str(folder)
    try:
        yield
    finally:
        if not given:
            del os.environ[MULTIPROC_ENV]
            shutil.rmtree(folder, ignore_errors=True)


@app.command()
def run() -> None:
    """Everything `make run` does: start the servers, migrate, seed if empty, index, serve."""
    settings = get_settings()
    try_fetch_graphiql(settings)
    start_servers(settings)
    try:
        prepare()
        console.print(f"GraphiQL: http://{settings.host}:{settings.port}/graphql")
        serve()
    finally:
        stop_servers(settings)


@app.command(context_settings={"allow_extra_args": True, "ignore_unknown_options": True})
def test(ctx: typer.Context) -> None:
    """Everything `make test` does: fresh servers on free ports, prepare, pytest, stop."""
    state = PROJECT_ROOT / ".local" / "test"
    env = dict(os.environ)
    env.setdefault("GRAPH_API_STATE_DIR", str(state))
    if "NEO4J_URI" not in env:
        env.setdefault("NEO4J_BOLT_PORT", str(free_port()))
    if "MEILI_URL" not in env:
        env.setdefault("MEILI_PORT", str(free_port()))
    os.environ.update(env)
    get_settings.cache_clear()
    settings = get_settings()
    # Every run starts from an empty graph and index, so results do not depend on history.
    stop_servers(settings)
    shutil.rmtree(Path(settings.state_dir), ignore_errors=True)
    try_fetch_graphiql(settings)  # tests/http/test_graphiql.py fails plainly without them
    start_servers(settings)
    code = 1
    try:
        prepare()
        code = subprocess.call([sys.executable, "-m", "pytest", *ctx.args], env=env)
    finally:
        stop_servers(settings)
    raise typer.Exit(code)


@app.command()
def token(
    role: Annotated[str, typer.Option(help="public, partner, staff or admin")],
    organisation: Annotated[str | None, typer.Option(help="A partner's organisation id.")] = None,
    subject: Annotated[str | None, typer.Option(help="Who the token is for.")] = None,
    name: Annotated[str | None, typer.Option(help="Their name, shown as author.")] = None,
    ttl: Annotated[int, typer.Option(help="Seconds until it expires.")] = 3600,
) -> None:
    """Mint a development token (HS256 with JWT_SECRET); prints it on standard output."""
    from graph_api.auth.tokens import TokenError, mint
    from graph_api.auth.viewer import Role

    try:
        parsed = Role(role.upper())
        if parsed is Role.PARTNER and not organisation:
            raise TokenError("A partner token needs --organisation.")
        print(mint(get_settings(), parsed, organisation, subject, ttl, name))
    except (ValueError, TokenError) as exc:
        raise _fail(str(exc)) from exc


@app.command()
def manifest(
    paths: Annotated[list[Path], typer.Argument(help=".graphql files or folders.")],
    output: Annotated[Path, typer.Option("--output", "-o")] = Path("trusted-documents.json"),
) -> None:
    """Hash a frontend's .graphql documents into a file for GRAPH_API_TRUSTED_DOCUMENTS."""
    import json

    from graphql import GraphQLError

    from graph_api.graphql.trusted import build_manifest

    try:
        documents = build_manifest(paths)
    except (OSError, GraphQLError) as exc:
        raise _fail(str(exc)) from exc
    output.write_text(json.dumps(documents, indent=2, sort_keys=True) + "\n")
    console.print(f"Wrote {len(documents)} trusted documents to {output}.")


@app.command()
def schema(check: Annotated[bool, typer.Option(help="Fail if the file is stale.")] = False) -> None:
    """Write schema/schema.graphql from the code (or check that it is current)."""
    from graph_api.schema import build_schema

    text = build_schema(get_settings()).as_str() + "\n"
    if check:
        if not SCHEMA_FILE.exists() or SCHEMA_FILE.read_text() != text:
            raise _fail("schema/schema.graphql is stale; run `make schema`.")
        return
    SCHEMA_FILE.write_text(text)
    console.print(f"Wrote {SCHEMA_FILE.relative_to(PROJECT_ROOT)}.")


if __name__ == "__main__":
    app()
