"""The closed-loop load generator: `concurrency` workers, each on its own keep-alive
connection, send the next request as soon as their previous one is answered."""

from __future__ import annotations

import asyncio
import itertools
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from bench.httpclient import Connection
from bench.operations import Failed
from bench.stats import Summary, summarize

Work = Callable[[Any, int], Awaitable[float]]  # (connection or session, request number) -> ms
# What one side of a comparison sends with: its work, and how it opens and closes connections.
Side = tuple[Work, Callable[[], Any], Callable[[Any], Awaitable[None]]]


@dataclass
class Sample:
    """What one measurement saw, before it is summarized (alone or with its other rounds)."""

    latencies: list[float]
    errors: list[str]
    seconds: float
    cut_short: bool


async def run_cell(
    work: Work,
    concurrency: int,
    requests: int,
    max_seconds: float,
    connect: Callable[[], Any],
    close: Callable[[Any], Awaitable[None]],
) -> Summary:
    """Send `requests` requests (fewer if `max_seconds` runs out) and summarize them."""
    sample = await collect((work, connect, close), concurrency, requests, max_seconds)
    return merged(concurrency, [sample])


async def collect(side: Side, concurrency: int, requests: int, max_seconds: float) -> Sample:
    """Send `requests` requests (fewer if `max_seconds` runs out) and keep what they took.

    Request numbers are handed out in order, so request i always carries variable set i
    whatever the concurrency.
    """
    work, connect, close = side
    counter = itertools.count()
    latencies: list[float] = []
    errors: list[str] = []
    deadline = time.perf_counter() + max_seconds

    async def worker() -> None:
        conn = connect()
        try:
            while time.perf_counter() < deadline:
                i = next(counter)
                if i >= requests:
                    return
                try:
                    latencies.append(await work(conn, i))
                except Failed as exc:
                    errors.append(str(exc))
        finally:
            await close(conn)

    started = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(concurrency)))
    seconds = time.perf_counter() - started
    return Sample(latencies, errors, seconds, len(latencies) + len(errors) < requests)


def merged(concurrency: int, samples: list[Sample]) -> Summary:
    """One summary of several rounds of the same measurement, as if one longer one."""
    return summarize(
        concurrency,
        [ms for s in samples for ms in s.latencies],
        [e for s in samples for e in s.errors],
        sum(s.seconds for s in samples),
        cut_short=any(s.cut_short for s in samples),
    )


def http_connections(host: str, port: int, timeout_s: float) -> tuple[Any, Any]:
    """`connect` and `close` for API connections."""

    def connect() -> Connection:
        return Connection(host, port, timeout_s)

    async def close(conn: Connection) -> None:
        await conn.close()

    return connect, close
