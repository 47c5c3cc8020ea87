"""`python -m bench`: the full benchmark (scales 1, 10, 100), or `--smoke` against running
servers. See bench/README.md."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from bench.config import Cell, Config
from bench.stack import BenchError, Stopped


def _ints(text: str) -> list[int]:
    return [int(x) for x in text.split(",") if x.strip()]


def parse(argv: list[str]) -> Config:
    p = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    p.add_argument("--smoke", action="store_true", help="scale 1 on the servers in the env")
    p.add_argument("--scales", type=_ints, help="comma-separated, default 1,10,100")
    p.add_argument("--concurrency", type=_ints, help="comma-separated, default 1,16,64")
    p.add_argument("--requests", type=int, help="requests per cell at concurrency 1 (scaled up)")
    p.add_argument("--max-seconds", type=float, help="time limit per cell")
    p.add_argument("--workers", type=int, help="uvicorn workers of the API (default 2)")
    p.add_argument("--out", type=Path, help="output folder (default bench/results/<time>)")
    p.add_argument("--reuse", action="store_true", help="reuse stores seeded by an earlier run")
    p.add_argument(
        "--peer",
        action=argparse.BooleanOptionalAction,
        help="measure the peer (@neo4j/graphql on Apollo Server) alongside "
        "(default: on, off with --smoke)",
    )
    p.add_argument("--keep-servers", action="store_true", help="leave Neo4j/Meilisearch up")
    p.add_argument(
        "--only",
        type=lambda text: [x.strip() for x in text.split(",") if x.strip()],
        help="comma-separated operations to measure: names (searchPractices, "
        "publishThenSearch) or groups: reads, publish (default: all)",
    )
    args = p.parse_args(argv)
    cfg = Config.smoke_preset() if args.smoke else Config()
    if args.scales:
        cfg.scales = args.scales
    if args.concurrency or args.requests or args.max_seconds:
        levels = args.concurrency or cfg.concurrencies
        base = args.requests or cfg.cells[0].requests
        limit = args.max_seconds or cfg.cells[0].max_seconds
        # More requests at higher concurrency, so every worker sends a fair number.
        cfg.cells = [Cell(c, base * max(1, min(c, 8)), limit) for c in levels]
        cfg.raw_concurrency = [c for c in cfg.raw_concurrency if c in levels] or levels[:1]
        cfg.publish_rounds = {c: n for c, n in cfg.publish_rounds.items() if c in levels} or {
            levels[0]: 4
        }
    if args.workers:
        cfg.workers = args.workers
    if args.peer is not None:
        cfg.peer = args.peer
    cfg.out_dir = args.out
    cfg.reuse = args.reuse
    cfg.keep_servers = args.keep_servers
    cfg.only = args.only
    return cfg


def main(argv: list[str] | None = None) -> int:
    from bench.runner import run

    try:
        _, failed = run(parse(sys.argv[1:] if argv is None else argv))
    except BenchError as exc:
        print(f"bench: {exc}", file=sys.stderr)
        return 1
    except (KeyboardInterrupt, Stopped):
        print("bench: interrupted; servers stopped", file=sys.stderr)
        return 130
    for failure in failed:
        print(f"bench: failed: {failure}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
