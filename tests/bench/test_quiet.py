"""The bench's wait for a quiet machine (bench/quiet.py) sees what would disturb a cell: a
transaction still open in Neo4j and busy cores."""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Callable, Coroutine
from typing import Any, TypeVar

import pytest
from neo4j import Driver

from bench import quiet
from bench.quiet import QUIET_CPU, Quiet, busy_share, other_transactions
from graph_api.db.driver import async_driver
from graph_api.settings import Settings

T = TypeVar("T")


def _with_open_transaction(
    neo4j: Driver, settings: Settings, check: Callable[[], Coroutine[Any, Any, T]]
) -> T:
    """`check()` run while another session holds a transaction open."""
    with neo4j.session(database=settings.neo4j_database) as session:
        tx = session.begin_transaction()
        try:
            tx.run("RETURN 1").consume()
            return asyncio.run(check())
        finally:
            tx.rollback()


def test_an_open_transaction_counts_and_keeps_the_wait_going(
    neo4j: Driver, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(quiet, "MAX_WAIT_S", 2.0)

    async def check() -> tuple[int, float, int]:
        driver = async_driver(settings)
        waiting = Quiet([(driver, settings.neo4j_database)])
        try:
            others = await other_transactions(driver, settings.neo4j_database)
            waited = await waiting.wait()
            return others, waited, waiting.timeouts
        finally:
            await waiting.aclose()

    others, waited, timeouts = _with_open_transaction(neo4j, settings, check)
    assert others >= 1
    # It waited until its limit, not for the two quiet samples it would take otherwise.
    assert waited >= 2.0
    assert timeouts == 1


def test_a_busy_core_counts() -> None:
    stop = threading.Event()

    def spin() -> None:
        deadline = time.monotonic() + 5
        while not stop.is_set() and time.monotonic() < deadline:
            pass

    spinner = threading.Thread(target=spin)
    spinner.start()
    try:
        # One of two cores busy is half the machine, above what counts as quiet.
        share = asyncio.run(busy_share(0.5))
    finally:
        stop.set()
        spinner.join()
    assert share > QUIET_CPU
