"""The order of a run: per scale, servers and data; then every scale's API (and peer); then
every operation at every concurrency level, the scales' rounds in turn (and within a scale
the API's, the raw baseline's, the floor's and the peer's); then each scale's publish rounds.
Results are written after each scale's data and at the end, also when interrupted."""

from __future__ import annotations

import asyncio
import json
import os
import sys
import time
import traceback
import urllib.request
from contextlib import ExitStack
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import strawberry
from neo4j import ManagedTransaction

from bench import documents as doc
from bench import report
from bench.baseline import Raw, profile
from bench.capture import capture, unavailable
from bench.config import RESULTS_DIR, Cell, Config
from bench.load import Sample, Side, collect, http_connections, merged, run_cell
from bench.machine import code_fingerprint, describe
from bench.operations import Peer, PublishRound, ReadOp, read_operations
from bench.peer import PEER_DIR, PeerServer, node_version, same_data
from bench.quiet import Quiet
from bench.sampling import Draw, population
from bench.stack import Api, BenchError, Servers, api_settings, graph_api, stop_on_signals
from bench.stats import percentile
from graph_api.auth.tokens import mint
from graph_api.auth.viewer import Role
from graph_api.db.driver import async_driver, sync_driver
from graph_api.schema import build_schema
from graph_api.search import outbox
from graph_api.seeding import graph_is_empty
from graph_api.settings import Settings, get_settings

Result = dict[str, Any]
OUTBOX_DRAIN_S = 60.0
EDITORS = 64  # staff tokens in the publish round, one per concurrent publisher at most


def say(message: str) -> None:
    print(f"[bench {datetime.now().strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def output_dir(cfg: Config) -> Path:
    if cfg.out_dir is not None:
        return cfg.out_dir
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    return RESULTS_DIR / (stamp + ("-smoke" if cfg.smoke else ""))


def failures(result: Result) -> list[str]:
    """Scales that failed and operations that failed (skipped ones are not failures)."""
    out = [f"x{s['scale']}: {s['error'][:200]}" for s in result["scales"] if s.get("error")]
    out += [
        f"x{s['scale']} {op['name']}: {op['note'][:200]}"
        for s in result["scales"]
        for op in s.get("operations") or []
        if op.get("note", "").startswith("failed")
    ]
    # A peer that answers differently is a finding (or a wrong peer document), not noise.
    out += [
        f"x{s['scale']} {op['name']}: {op['peer_note'][:300]}"
        for s in result["scales"]
        for op in s.get("operations") or []
        if op.get("peer_note", "").startswith("peer comparison failed")
    ]
    return out


def run(cfg: Config) -> tuple[Path, list[str]]:
    out = output_dir(cfg)
    out.mkdir(parents=True, exist_ok=True)
    result: Result = {"run": describe(cfg), "scales": []}
    say(f"results go to {out}")
    try:
        with stop_on_signals(), ExitStack() as stack:
            ready: list[tuple[Result, Settings]] = []
            # All scales' data first, then all APIs and peers: every scale stays up, so each
            # cell's rounds can go to the scales in turn (see `measure`).
            for scale in cfg.scales:
                entry: Result = {"scale": scale}
                result["scales"].append(entry)
                try:
                    ready.append((entry, scale_data(scale, cfg, out, entry, stack)))
                except BenchError as exc:
                    # One scale failing (say, seeding x100) still leaves the others' results.
                    entry["error"] = str(exc)[-2000:]
                    say(f"scale {scale} failed: {exc}")
                report.write(result, out)
            stages: list[Stage] = []
            for entry, settings in ready:
                try:
                    stages.append(start_stage(entry, settings, cfg, out, stack))
                except BenchError as exc:
                    entry["error"] = str(exc)[-2000:]
                    say(f"scale {entry['scale']} failed: {exc}")
            load = [round(x, 2) for x in os.getloadavg()]
            for stage in stages:
                stage.entry["loadavg_before"] = load
            _use_uvloop()
            asyncio.run(measure(stages, cfg))
            load = [round(x, 2) for x in os.getloadavg()]
            for stage in stages:
                stage.entry["loadavg_after"] = load
    finally:
        files = report.write(result, out)
        say("wrote " + ", ".join(str(f.relative_to(out.parent)) for f in files))
    return out, failures(result)


def scale_data(scale: int, cfg: Config, out: Path, entry: Result, stack: ExitStack) -> Settings:
    """Neo4j and Meilisearch of one scale, seeded (or the environment's, in a smoke run)."""
    if cfg.smoke:
        settings = get_settings()
        check_given_servers(settings)
        entry["data"] = {"note": "smoke: servers and data from the environment"}
        return settings
    servers = Servers.for_scale(scale, cfg)
    servers.stop_leftovers()
    if not cfg.keep_servers:
        stack.callback(servers.stop)
    entry["data"] = prepare_data(servers, cfg, out)
    return servers.settings


@dataclass
class Stage:
    """One scale during the measurement: its API (and peer) and the requests it is sent."""

    scale: int
    entry: Result
    settings: Settings  # the API's
    draw: Draw
    api: tuple[Any, Any]  # connect, close
    peer: tuple[Any, Any] | None
    ops: dict[str, ReadOp]


def start_stage(
    entry: Result, settings: Settings, cfg: Config, out: Path, stack: ExitStack
) -> Stage:
    scale = entry["scale"]
    served = api_settings(settings, cfg)
    entry["code"] = code_fingerprint()
    api = Api(served, out / f"api-x{scale}.log")
    stack.callback(api.stop)
    say(f"x{scale}: starting the API ({cfg.workers} worker(s))")
    api.start()
    entry["api"] = {"url": api.url, "workers": cfg.workers, "mode": served.mode.value}
    peer: PeerServer | None = None
    if cfg.peer:
        peer = PeerServer(served, cfg.workers, out / f"peer-x{scale}.log")
        stack.callback(peer.stop)
        say(f"x{scale}: starting the peer ({cfg.workers} Node process(es))")
        peer.start()
        entry["peer"] = peer_description(peer)
    draw = Draw(cfg.seed, population(settings))
    entry["population"] = {k: len(v) for k, v in vars(draw.pop).items()}
    entry["operations"] = []
    timeout = cfg.request_timeout_s
    return Stage(
        scale,
        entry,
        served,
        draw,
        http_connections(api.host, api.port, timeout),
        http_connections(peer.host, peer.port, timeout) if peer is not None else None,
        # Each scale its own operations: an operation keeps the variables drawn for it.
        {op.name: op for op in read_operations()},
    )


def peer_description(peer: PeerServer) -> Result:
    lock = json.loads((PEER_DIR / "package-lock.json").read_text())
    pinned = lock["packages"][""]["dependencies"]
    return {
        "url": peer.url,
        "processes": peer.workers,
        "node": node_version(),
        "packages": {name: lock["packages"][f"node_modules/{name}"]["version"] for name in pinned},
    }


def check_given_servers(settings: Settings) -> None:
    """Fail fast, saying what to do, when the servers of the environment are not there."""
    hint = (
        "the smoke benchmark needs running, seeded servers: set NEO4J_URI and MEILI_URL "
        "(with NEO4J_PASSWORD, MEILI_MASTER_KEY), or start them with `make run`"
    )
    try:
        with sync_driver(settings) as driver:
            driver.verify_connectivity()
            empty = graph_is_empty(driver, settings.neo4j_database)
        with urllib.request.urlopen(f"{settings.effective_meili_url}/health", timeout=3):
            pass
    except Exception as exc:
        raise BenchError(f"{hint} ({settings.effective_neo4j_uri}: {exc})") from exc
    if empty:
        raise BenchError(f"{hint}; the graph at {settings.effective_neo4j_uri} is empty")


def prepare_data(servers: Servers, cfg: Config, out: Path) -> Result:
    reuse = cfg.reuse and servers.seeded()
    if not reuse:
        servers.wipe()
    log = out / f"data-x{servers.scale}.log"
    say(f"x{servers.scale}: starting Neo4j and Meilisearch under {servers.state}")
    servers.start()
    data: Result = {"migrate_s": round(graph_api(["migrate"], servers.env, log), 2)}
    if reuse:
        data["note"] = "reused the seeded store of an earlier run (seeding not timed)"
    else:
        say(f"x{servers.scale}: seeding")
        data["seed_s"] = round(
            graph_api(["seed", "--scale", str(servers.scale), "--no-reindex"], servers.env, log),
            2,
        )
        say(f"x{servers.scale}: seeded in {data['seed_s']} s; reindexing")
        data["reindex_s"] = round(graph_api(["reindex"], servers.env, log), 2)
        servers.marker.write_text(str(servers.scale))
        if cfg.restart_after_seed:
            say(f"x{servers.scale}: restarting Neo4j (its checkpoint, not one mid-measurement)")
            data["restart_s"] = round(servers.restart_neo4j(), 2)
    data.update(counts(servers.settings))
    return data


def counts(settings: Settings) -> Result:
    with sync_driver(settings) as driver:
        records, _, _ = driver.execute_query(
            "RETURN COUNT { MATCH (n) } AS nodes, COUNT { MATCH ()-[r]->() } AS relationships, "
            "COUNT { MATCH (o:Organisation) } AS organisations, "
            "COUNT { MATCH (p:Practice) } AS practices",
            database_=settings.neo4j_database,
        )
    return dict(records[0].data())


async def measure(stages: list[Stage], cfg: Config) -> None:
    """Every read operation at every scale, then the publish rounds of each scale.

    The scales of one operation are measured together: each cell's rounds go to the scales
    in turn (and within a scale to the API, raw, the floor and the peer in turn), so a slow
    minute of the machine falls on every scale alike rather than on the one measured then,
    and the ratio of scale 100 to scale 1 compares like with like."""
    if not stages:
        return
    try:
        schema: strawberry.Schema | None = build_schema(stages[0].settings)
    except Exception as exc:  # the API is being edited: measure without the checks
        say(f"cannot build the schema in-process ({exc!r}); no availability checks, no baseline")
        schema = None
    quiet = (
        Quiet([(async_driver(s.settings), s.settings.neo4j_database) for s in stages])
        if cfg.quiet
        else None
    )
    try:
        for name in [op.name for op in read_operations()]:
            if not cfg.measures(name, "read"):
                continue
            timed: list[Timed] = []
            for stage in stages:
                op = stage.ops[name]
                entry: Result = {"name": op.name, "title": op.title, "kind": op.kind}
                stage.entry["operations"].append(entry)
                try:
                    ready = await prepare_read(stage, op, entry, schema, cfg)
                except Exception as exc:
                    # Never let one operation end the run: record why and go on.
                    entry["note"] = f"failed: {exc!r}"
                    say(f"x{stage.scale} {name}: failed\n{traceback.format_exc()}")
                    continue
                if ready is not None:
                    timed.append(ready)
            try:
                await measure_cells(timed, cfg, quiet)
            except Exception as exc:
                for t in timed:
                    t.entry["note"] = f"failed: {exc!r}"
                say(f"{name}: failed\n{traceback.format_exc()}")
            finally:
                for t in timed:
                    await t.aclose()
        if cfg.measures("publishThenSearch", "publish"):
            for stage in stages:
                await publish_stage(stage, schema, cfg, quiet)
    finally:
        if quiet is not None:
            await quiet.aclose()


async def publish_stage(
    stage: Stage, schema: strawberry.Schema | None, cfg: Config, quiet: Quiet | None
) -> None:
    entry: Result = {"name": "publishThenSearch", "kind": "publish"}
    stage.entry["operations"].append(entry)
    try:
        if quiet is not None:
            entry["quiet_wait_s"] = [round(await quiet.wait(), 2)]
        await measure_publish(
            stage.scale, entry, schema, stage.settings, stage.draw, cfg, *stage.api
        )
    except Exception as exc:
        entry["note"] = f"failed: {exc!r}"
        say(f"x{stage.scale} publishThenSearch: failed\n{traceback.format_exc()}")


def _use_uvloop() -> None:
    # The same event loop as the API's; the client then costs less CPU on the shared cores.
    try:
        import uvloop

        asyncio.set_event_loop_policy(uvloop.EventLoopPolicy())
    except ImportError:
        pass


@dataclass
class Timed:
    """One operation at one scale, warmed up: the sides its cells send requests to."""

    stage: Stage
    op: ReadOp
    entry: Result
    raw: Raw | None
    floor: Raw | None
    peer: tuple[Any, Any] | None

    def sides(self, cell: Cell, cfg: Config) -> dict[str, Side]:
        sides: dict[str, Side] = {"api": (self.op.once, *self.stage.api)}
        if self.raw is not None and cell.concurrency in cfg.raw_concurrency:
            sides["raw"] = (self.raw.once, self.raw.connect, self.raw.close)
        if self.floor is not None and cell.concurrency == 1:
            sides["floor"] = (self.floor.once, self.floor.connect, self.floor.close)
        if self.peer is not None:
            sides["peer"] = (self.op.peer_once, *self.peer)
        return sides

    def record(self, concurrency: int, rounds: dict[str, list[Sample]]) -> None:
        """One cell's rounds, summed per side, into the operation's entry."""
        entry = self.entry
        summary = merged(concurrency, rounds["api"])
        entry["cells"].append(summary.to_json())
        line = f"x{self.stage.scale} {self.op.name} c={concurrency}: p50 {summary.p50_ms:.1f} ms, "
        line += f"p95 {summary.p95_ms:.1f} ms, {summary.rps:.0f}/s, {summary.errors} errors"
        # The two baselines, each with its GraphQL p50 / baseline p50.
        for side, ratio in (("raw", "ratio"), ("floor", "floor_ratio")):
            if side not in rounds:
                continue
            base = merged(concurrency, rounds[side])
            entry[side].append(base.to_json())
            if base.ok and summary.ok and base.p50_ms > 0:
                entry[ratio][str(concurrency)] = round(summary.p50_ms / base.p50_ms, 3)
            line += f"; {side} p50 {base.p50_ms:.1f} ms"
        if "peer" in rounds:
            theirs = merged(concurrency, rounds["peer"])
            entry["peer_cells"].append(theirs.to_json())
            entry["peer_ratio"][str(concurrency)] = peer_ratio(summary, theirs)
            line += f"; peer {theirs.rps:.0f}/s, p95 {theirs.p95_ms:.1f} ms"
        say(line)

    async def aclose(self) -> None:
        for baseline in (self.raw, self.floor):
            if baseline is not None:
                await baseline.aclose()


async def prepare_read(
    stage: Stage, op: ReadOp, entry: Result, schema: strawberry.Schema | None, cfg: Config
) -> Timed | None:
    """Check, capture, profile and warm up one operation at one scale (None: not measured)."""
    scale, settings = stage.scale, stage.settings
    entry["root_fields"] = list(op.root_fields)
    if schema is not None:
        note = unavailable(schema, op.root_fields, [op.document])
        if note:
            entry["note"] = note
            say(f"x{scale} {op.name}: {note}")
            return None
    op.prepare(stage.draw, cfg.variants)
    entry["variables_example"] = op.variants[0]
    raw: Raw | None = None
    floor: Raw | None = None
    if schema is not None:
        started = time.perf_counter()
        calls, problems = await capture(schema, settings, op)
        captured_s = time.perf_counter() - started
        entry["statements_per_request"] = max(len(c) for c in calls) if calls else 0
        if problems:
            entry["capture_errors"] = sorted(set(problems))[:5]
        cyphers = [c for cs in calls for c in cs if c.kind == "cypher"]
        if cyphers:
            entry["cypher_example"] = cyphers[0].text.strip()
            if cfg.profile:
                entry["profile"] = await profile(settings, cyphers[0])
        raw = Raw(settings, calls, cfg.request_timeout_s)
        floor = Raw(settings, calls, cfg.request_timeout_s, managed=False)
        say(f"x{scale} {op.name}: captured in {captured_s:.1f} s; warming up")
    warmup = (cfg.warmup_concurrency, cfg.warmup_requests, cfg.warmup_seconds)
    await run_cell(op.once, *warmup, *stage.api)
    peer = (
        stage.peer
        if stage.peer is not None and await peer_ready(scale, op, entry, stage.api, stage.peer)
        else None
    )
    if peer is not None:
        await run_cell(op.peer_once, *warmup, *peer)
    for baseline in (raw, floor):
        if baseline is not None:
            await run_cell(baseline.once, *warmup, baseline.connect, baseline.close)
    entry["cells"], entry["raw"], entry["ratio"] = [], [], {}
    entry["floor"], entry["floor_ratio"] = [], {}
    if peer is not None:
        entry["peer_cells"], entry["peer_ratio"] = [], {}
    if cfg.quiet:
        entry["quiet_wait_s"] = []
    return Timed(stage, op, entry, raw, floor, peer)


async def measure_cells(timed: list[Timed], cfg: Config, quiet: Quiet | None) -> None:
    """Each cell in rounds: per round every scale, and per scale every side, in turn, the
    same requests in the same order."""
    for cell in cfg.cells:
        if quiet is not None:
            waited = round(await quiet.wait(), 2)
            for t in timed:
                t.entry["quiet_wait_s"].append(waited)
        sides = [t.sides(cell, cfg) for t in timed]
        rounds: list[dict[str, list[Sample]]] = [{name: [] for name in s} for s in sides]
        for _ in range(cell.rounds):
            for per_scale, got in zip(sides, rounds, strict=True):
                for name, side in per_scale.items():
                    got[name].append(
                        await collect(side, cell.concurrency, cell.requests, cell.max_seconds)
                    )
        for t, got in zip(timed, rounds, strict=True):
            t.record(cell.concurrency, got)


async def peer_ready(
    scale: int,
    op: ReadOp,
    entry: Result,
    api_side: tuple[Any, Any],
    peer_side: tuple[Any, Any],
) -> bool:
    """Whether the peer is timed for `op`: it has a peer document and both sides return the
    same data for every variable set. Why not is recorded in `entry["peer_note"]`."""
    if not isinstance(op.peer, Peer):
        entry["peer_note"] = op.peer
        return False
    api, peer = api_side[0](), peer_side[0]()
    try:
        difference = await same_data(op, api, peer)
    finally:
        await api_side[1](api)
        await peer_side[1](peer)
    if difference is not None:
        entry["peer_note"] = f"peer comparison failed, not timed: {difference}"[:1000]
        say(f"x{scale} {op.name}: {entry['peer_note']}")
        return False
    entry["peer_check"] = f"same data on all {len(op.variants)} variable sets"
    return True


def peer_ratio(api: Any, peer: Any) -> Result:
    """API / peer: requests per second (higher is better for the API), p50 and p95 (lower)."""

    def ratio(a: float, b: float) -> float | None:
        return round(a / b, 3) if api.ok and peer.ok and b > 0 else None

    return {
        "rps": ratio(api.rps, peer.rps),
        "p50": ratio(api.p50_ms, peer.p50_ms),
        "p95": ratio(api.p95_ms, peer.p95_ms),
    }


async def measure_publish(
    scale: int,
    entry: Result,
    schema: strawberry.Schema | None,
    settings: Settings,
    draw: Draw,
    cfg: Config,
    connect: Any,
    close: Any,
) -> None:
    # Many editors, as in real use: one person's creates queue on their Person node (each
    # new practice records its author), which is right for one person but not for 64.
    tokens = tuple(
        mint(settings, Role.STAFF, subject=f"bench-editor-{n:02d}", ttl_s=24 * 3600)
        for n in range(EDITORS)
    )
    op = PublishRound(draw, tokens, cfg.publish_timeout_s, cfg.poll_interval_s)
    entry["title"] = op.title
    entry["root_fields"] = list(op.root_fields)
    if schema is not None:
        documents = [doc.CREATE_PRACTICE, doc.PUBLISH_PRACTICE, doc.FIND_PRACTICE]
        note = unavailable(schema, op.root_fields, documents)
        if note:
            entry["note"] = note
            say(f"x{scale} publishThenSearch: {note}")
            return
    entry["cells"] = []
    try:
        op.start_cell("warmup")
        await run_cell(op.once, 1, cfg.publish_warmup, 60.0, connect, close)
        for c, rounds in cfg.publish_rounds.items():
            op.start_cell(f"c{c}")
            limit = max(60.0, rounds * cfg.publish_timeout_s / c)
            since = datetime.now(UTC)
            summary = await run_cell(op.once, c, rounds, limit, connect, close)
            summary.extra = op.cell_extra()
            # What the index itself took: time to findable cannot be less than this.
            summary.extra["meili_task_ms"] = await asyncio.to_thread(meili_tasks, settings, since)
            entry["cells"].append(summary.to_json())
            say(
                f"x{scale} publishThenSearch c={c}: findable p50 {summary.p50_ms:.0f} ms, "
                f"p95 {summary.p95_ms:.0f} ms, {summary.errors} errors"
            )
    finally:
        entry["cleanup"] = await asyncio.to_thread(remove_practices, settings, op.created)


def meili_tasks(settings: Settings, since: datetime) -> Result:
    """p50/p95 of the practice index's document tasks enqueued since `since`: milliseconds
    queued in Meilisearch and processing; with the documents per task."""
    from graph_api.search.client import client, practice_index_name

    tasks = (
        client(settings)
        .get_tasks(
            {
                "indexUids": [practice_index_name(settings)],
                "types": ["documentAdditionOrUpdate", "documentDeletion"],
                "afterEnqueuedAt": since.isoformat().replace("+00:00", "Z"),
                "limit": 1000,
            }
        )
        .results
    )
    done = [t for t in tasks if t.started_at and t.finished_at]

    def spread(values: list[float]) -> Result:
        ordered = sorted(values)
        return {
            "p50": round(percentile(ordered, 50), 1) if ordered else None,
            "p95": round(percentile(ordered, 95), 1) if ordered else None,
        }

    queued = [(t.started_at - t.enqueued_at).total_seconds() * 1000 for t in done if t.started_at]
    processing = [
        (t.finished_at - t.started_at).total_seconds() * 1000
        for t in done
        if t.started_at and t.finished_at
    ]
    return {
        "tasks": len(done),
        "queued": spread(queued),
        "processing": spread(processing),
        "documents": spread([float((t.details or {}).get("receivedDocuments") or 0) for t in done]),
    }


_DELETE_REVISIONS = """
MATCH (r:Revision)-[:REVISION_OF]->(p:Practice) WHERE p.id IN $ids DETACH DELETE r
"""
_DELETE_PRACTICES = "MATCH (p:Practice) WHERE p.id IN $ids DETACH DELETE p"


def remove_practices(settings: Settings, ids: list[str]) -> Result:
    """Delete what the publish rounds created, through the outbox so the index follows, and
    wait until the API's indexer has applied it: the graph and index end as they began."""
    if not ids:
        return {"practices": 0}
    started = time.perf_counter()

    def work(tx: ManagedTransaction) -> None:
        tx.run(_DELETE_REVISIONS, ids=ids).consume()
        tx.run(_DELETE_PRACTICES, ids=ids).consume()
        outbox.record_sync(tx, "practice", ids)

    with sync_driver(settings) as driver:
        with driver.session(database=settings.neo4j_database) as session:
            session.execute_write(work)
        deadline = time.monotonic() + OUTBOX_DRAIN_S
        while outbox.entry_count(driver, settings.neo4j_database) and time.monotonic() < deadline:
            time.sleep(0.2)
        left = outbox.entry_count(driver, settings.neo4j_database)
    return {
        "practices": len(ids),
        "outbox_left": left,
        "seconds": round(time.perf_counter() - started, 2),
    }
