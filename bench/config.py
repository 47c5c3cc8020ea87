"""What a benchmark run does: scales, concurrency levels, request counts. Two presets."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from graph_api.settings import PROJECT_ROOT

RESULTS_DIR = PROJECT_ROOT / "bench" / "results"
STATE_ROOT = PROJECT_ROOT / ".local" / "bench"
# Fixed, so two runs on the same seeded graph send the same requests in the same order.
RANDOM_SEED = 20261128


@dataclass(frozen=True)
class Cell:
    """How many requests one (operation, concurrency) measurement sends, at most how long."""

    concurrency: int
    requests: int
    max_seconds: float
    # Rounds of `requests` each: per round every scale in turn, and within a scale the API,
    # the raw baseline, the floor and the peer in turn; each side's rounds are summed into
    # one cell. A slow minute of the machine then falls on all scales and sides alike.
    rounds: int = 1


@dataclass
class Config:
    smoke: bool = False
    scales: list[int] = field(default_factory=lambda: [1, 10, 100])
    cells: list[Cell] = field(
        default_factory=lambda: [
            Cell(1, 150, 15.0, rounds=6),
            Cell(16, 1200, 30.0, rounds=2),
            Cell(64, 2400, 30.0),
        ]
    )
    # The raw baseline runs at these concurrency levels (1 is the one the target uses).
    raw_concurrency: list[int] = field(default_factory=lambda: [1, 16])
    # Variable sets per operation: requests cycle through them (all different subjects).
    variants: int = 64
    # Per side and operation, whichever ends first: enough for Neo4j's JIT to settle on the
    # operation's statement after the restart (60 requests left the first operation slow).
    warmup_requests: int = 400
    warmup_seconds: float = 15.0
    warmup_concurrency: int = 4
    # Publish-then-search rounds per concurrency level (each round: create, publish, poll).
    publish_rounds: dict[int, int] = field(default_factory=lambda: {1: 40, 16: 64, 64: 128})
    publish_warmup: int = 3
    publish_timeout_s: float = 10.0
    poll_interval_s: float = 0.05
    request_timeout_s: float = 60.0
    # The API process: the production shape of docker-compose.yml (2 workers).
    workers: int = 2
    neo4j_heap: str = "2g"
    neo4j_pagecache: str = "1g"
    # Neo4j PROFILE of one statement per operation (db hits, busiest operators).
    profile: bool = True
    # The peer (`@neo4j/graphql` on Apollo Server, bench/peer/) measured alongside, with the
    # same number of processes as the API has workers.
    peer: bool = True
    # Before each operation and each cell, wait (at most a minute) until Neo4j runs no other
    # transaction and the cores are idle (bench/quiet.py).
    quiet: bool = True
    # Restart Neo4j once the data is in: its shutdown checkpoint writes out the seed, which
    # Neo4j's checkpoint every 15 minutes would otherwise do in the middle of a measurement.
    restart_after_seed: bool = True
    reuse: bool = False  # keep a seeded store of an earlier run (seeding time then not measured)
    keep_servers: bool = False
    out_dir: Path | None = None
    seed: int = RANDOM_SEED
    # Operations to measure (names, or the groups "reads" and "publish"); None: all.
    only: list[str] | None = None

    def measures(self, name: str, kind: str) -> bool:
        if self.only is None:
            return True
        group = "reads" if kind == "read" else kind
        return name in self.only or group in self.only

    @classmethod
    def smoke_preset(cls) -> Config:
        """Scale 1 on servers that already run (from the environment), a few requests."""
        return cls(
            smoke=True,
            scales=[1],
            cells=[Cell(1, 4, 10.0, rounds=2), Cell(4, 16, 10.0)],
            raw_concurrency=[1],
            variants=4,
            warmup_requests=4,
            warmup_seconds=10.0,
            warmup_concurrency=2,
            publish_rounds={1: 2, 4: 4},
            publish_warmup=1,
            workers=1,
            profile=False,
            peer=False,  # Node and an npm install are more than a smoke test should need
            quiet=False,  # the test suite around it is never quiet
            restart_after_seed=False,  # the servers are the environment's
        )

    @property
    def concurrencies(self) -> list[int]:
        return [c.concurrency for c in self.cells]
