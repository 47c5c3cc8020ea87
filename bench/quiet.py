"""Waiting for a quiet machine before a measurement.

Work left over from the cell before (the peer's slowest queries at concurrency 64 run for
tens of seconds, and Neo4j collects their garbage afterwards) otherwise lands in the next
operation's concurrency-1 cells, which then measure the last operation's load.
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass

from neo4j import AsyncDriver

# Busy share of all cores (0 to 1) below which the machine counts as quiet: the idle API,
# peer, Neo4j and Meilisearch together stay well under it.
QUIET_CPU = 0.25
SAMPLE_S = 0.5
# Quiet samples in a row it takes.
QUIET_SAMPLES = 2
MAX_WAIT_S = 60.0
_SHOW = "SHOW TRANSACTIONS YIELD transactionId, currentQuery RETURN count(*) AS n"


def cpu_times() -> tuple[int, int]:
    """(busy, total) jiffies of all cores since boot, from /proc/stat."""
    with open("/proc/stat") as f:
        fields = [int(x) for x in f.readline().split()[1:]]
    idle = fields[3] + (fields[4] if len(fields) > 4 else 0)  # idle + iowait
    total = sum(fields[:8])  # guest time is already counted in user
    return total - idle, total


async def busy_share(seconds: float = SAMPLE_S) -> float:
    busy0, total0 = cpu_times()
    await asyncio.sleep(seconds)
    busy1, total1 = cpu_times()
    return (busy1 - busy0) / max(total1 - total0, 1)


async def other_transactions(driver: AsyncDriver, database: str) -> int:
    """Transactions running in Neo4j besides the one that asks."""
    records, _, _ = await driver.execute_query(_SHOW, database_=database)
    return int(records[0]["n"]) - 1


@dataclass
class Quiet:
    """The Neo4j servers of a run (one per scale) and the seconds waited for them."""

    databases: list[tuple[AsyncDriver, str]]
    waited_s: float = 0.0
    timeouts: int = 0

    async def wait(self) -> float:
        """Until no Neo4j runs another transaction and the cores are idle for two samples
        in a row, at most MAX_WAIT_S; returns the seconds waited (and adds them up)."""
        started = time.perf_counter()
        quiet = 0
        while quiet < QUIET_SAMPLES:
            if time.perf_counter() - started > MAX_WAIT_S:
                self.timeouts += 1
                break
            busy = False
            for driver, database in self.databases:
                busy = busy or await other_transactions(driver, database) > 0
            busy = busy or await busy_share() > QUIET_CPU
            quiet = 0 if busy else quiet + 1
        waited = time.perf_counter() - started
        self.waited_s += waited
        return waited

    async def aclose(self) -> None:
        for driver, _ in self.databases:
            await driver.close()
