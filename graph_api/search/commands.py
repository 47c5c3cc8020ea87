"""`graph-api indexer` and `graph-api search-check`; cli.py adds them with `register(app)`."""

from __future__ import annotations

import asyncio
import signal
from typing import Annotated

import typer
from rich.console import Console

from graph_api.settings import Settings, get_settings

console = Console(stderr=True)


def register(app: typer.Typer) -> None:
    app.command("indexer")(indexer)
    app.command("search-check")(search_check)


def indexer(
    once: Annotated[
        bool, typer.Option(help="Drain the outbox, then exit (non-zero if it could not).")
    ] = False,
    timeout: Annotated[
        float, typer.Option(min=1, help="With --once: give up after this many seconds.")
    ] = 120.0,
) -> None:
    """Apply the search outbox to Meilisearch: until Ctrl-C, or with --once until empty."""
    from graph_api.logging_setup import configure_logging

    settings = get_settings()
    configure_logging(settings.log_format, settings.log_level)
    if once:
        _drain_once(settings, timeout)
        return
    asyncio.run(_until_signalled(settings))


def _drain_once(settings: Settings, timeout: float) -> None:
    from graph_api.db.driver import sync_driver
    from graph_api.search.indexer import OutboxIndexer, drain_with_retries

    with sync_driver(settings) as driver:
        work = OutboxIndexer(driver, settings)
        try:
            done = drain_with_retries(work, timeout)
        except Exception as exc:
            console.print(f"[bold red]error:[/] the outbox was not drained: {exc}")
            raise typer.Exit(code=1) from exc
        finally:
            work.close()
    console.print(f"Applied {done} outbox entries; the outbox is empty.")


async def _until_signalled(settings: Settings) -> None:
    from graph_api.search.indexer import run_indexer

    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    await run_indexer(settings, stop)


def search_check() -> None:
    """Compare the graph with both indexes; exit code 1 when they differ."""
    from graph_api.db.driver import sync_driver
    from graph_api.search.check import search_differences

    settings = get_settings()
    with sync_driver(settings) as driver:
        differences = search_differences(driver, settings)
    for difference in differences:
        console.print(str(difference), markup=False)
    if differences:
        console.print(f"[bold red]{len(differences)} differences[/] between graph and index.")
        raise typer.Exit(code=1)
    console.print("The indexes match the graph.")
