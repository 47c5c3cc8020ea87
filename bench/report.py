"""The outputs of a run: results.json, results.md (tables and targets) and the plots."""

from __future__ import annotations

import math
from collections.abc import Callable
from pathlib import Path
from typing import Any

import orjson

from bench import plot

Result = dict[str, Any]

RATIO_LIMIT = 1.3
SCALING_LIMIT = 1.5
SEARCH_P95_MS = 20.0
FINDABLE_P95_MS = 1000.0
# Issue 9: findable fast under concurrent publishing, and overload answered, not masked.
FINDABLE_LOADED_P95_MS = 500.0
FINDABLE_LOADED = (10, 16)  # scale, concurrency
UNHANDLED_CODES = ("INTERNAL_SERVER_ERROR", "QUERY_TIMEOUT")
OVERLOAD_CONCURRENCY = 64
SEEDING_LIMIT_S = 120.0
TARGET_SCALE = 100
# Issue 11: ahead of the peer (`@neo4j/graphql` on Apollo Server), bench/README.md.
PEER_RPS_FACTOR = 1.5
PEER_RPS_CONCURRENCY = 16
PEER_P95_CONCURRENCY = 1


def measured(result: Result) -> dict[int, Result]:
    return {s["scale"]: s for s in result["scales"] if s.get("operations")}


def cell(op: Result, concurrency: int, key: str = "cells") -> Result | None:
    for c in op.get(key) or []:
        if c["concurrency"] == concurrency:
            return c
    return None


def operation(scale: Result, name: str) -> Result | None:
    for op in scale.get("operations") or []:
        if op["name"] == name:
            return op
    return None


def _p95(op: Result | None, concurrency: int) -> float | None:
    c = cell(op, concurrency) if op else None
    return c["p95_ms"] if c and c["ok"] else None


def _target(name: str, holds: bool | None, detail: str) -> Result:
    return {"target": name, "holds": holds, "detail": detail}


def _per_operation(
    name: str,
    rows: list[tuple[int, str, float]],
    fails: Callable[[float], bool],
    closest: str,
    unit: str = "",
    extra: str = "",
    unmeasured: str = "not measured",
) -> Result:
    """A target every operation must meet; `rows` are (scale, operation, value). The detail
    names the misses, or else the operation closest to missing ("worst", "lowest")."""
    if not rows:
        return _target(name, None, unmeasured)
    misses = [f"{n} at x{s}: {v:.2f}{unit}" for s, n, v in rows if fails(v)]
    if misses:
        detail = "misses: " + "; ".join(misses)
    else:
        pick = max if closest == "worst" else min
        s, n, v = pick(rows, key=lambda t: t[2])
        detail = f"{closest}: {n} at x{s}: {v:.2f}{unit}"
    return _target(name, not misses, detail + extra)


def targets(result: Result) -> list[Result]:
    scales = measured(result)
    out: list[Result] = []

    ratios = [
        (scale, op["name"], op["ratio"]["1"])
        for scale, s in sorted(scales.items())
        for op in s["operations"]
        if op["kind"] == "read" and (op.get("ratio") or {}).get("1") is not None
    ]
    out.append(
        _per_operation(
            f"median GraphQL/raw ratio <= {RATIO_LIMIT} for every read operation at c=1",
            ratios,
            lambda r: r > RATIO_LIMIT,
            "worst",
        )
    )
    # The same against the floor (`bench.baseline`): raw in an auto-commit transaction, as
    # the API runs its reads, one round trip less than the managed transaction of `raw`.
    floors = [
        (scale, op["name"], op["floor_ratio"]["1"])
        for scale, s in sorted(scales.items())
        for op in s["operations"]
        if op["kind"] == "read" and (op.get("floor_ratio") or {}).get("1") is not None
    ]
    if floors:
        out.append(
            _per_operation(
                f"median GraphQL/floor ratio <= {RATIO_LIMIT} for every read operation at c=1 "
                "(floor: raw in an auto-commit transaction, as the API runs it)",
                floors,
                lambda r: r > RATIO_LIMIT,
                "worst",
            )
        )

    low = min(scales) if scales else None
    if low is not None and TARGET_SCALE in scales and low != TARGET_SCALE:
        rows = []
        for op in scales[low]["operations"]:
            a, b = _p95(op, 1), _p95(operation(scales[TARGET_SCALE], op["name"]), 1)
            if a and b:
                rows.append((op["name"], b / a, a, b))
        misses = [
            f"{n}: {r:.2f}x ({a:.1f} -> {b:.1f} ms)" for n, r, a, b in rows if r > SCALING_LIMIT
        ]
        out.append(
            _target(
                f"p95 at x{TARGET_SCALE} <= {SCALING_LIMIT}x p95 at x{low}, every operation, c=1",
                not misses if rows else None,
                ("misses: " + "; ".join(misses)) if misses else f"{len(rows)} operations hold",
            )
        )
    else:
        out.append(_target("p95 at x100 <= 1.5x p95 at x1 (c=1)", None, "needs scales 1 and 100"))

    big = TARGET_SCALE if TARGET_SCALE in scales else None
    search = _p95(operation(scales[big], "searchPractices"), 1) if big else None
    out.append(
        _target(
            f"searchPractices p95 < {SEARCH_P95_MS:g} ms at x{TARGET_SCALE} (c=1)",
            (search < SEARCH_P95_MS) if search is not None else None,
            f"{search:.1f} ms" if search is not None else "not measured at x100",
        )
    )

    per_scale = [
        (scale, _p95(operation(s, "publishThenSearch"), 1)) for scale, s in sorted(scales.items())
    ]
    findable = [(s, v) for s, v in per_scale if v is not None]
    out.append(
        _target(
            f"publish-to-findable p95 < {FINDABLE_P95_MS:g} ms (c=1, every scale)",
            all(v < FINDABLE_P95_MS for _, v in findable) if findable else None,
            ", ".join(f"x{s}: {v:.0f} ms" for s, v in findable) or "not measured",
        )
    )

    scale, c = FINDABLE_LOADED
    loaded = _p95(operation(scales[scale], "publishThenSearch"), c) if scale in scales else None
    out.append(
        _target(
            f"publish-to-findable p95 < {FINDABLE_LOADED_P95_MS:g} ms (c={c}, x{scale})",
            (loaded < FINDABLE_LOADED_P95_MS) if loaded is not None else None,
            f"{loaded:.0f} ms" if loaded is not None else f"not measured at x{scale}, c={c}",
        )
    )

    unhandled = [
        f"x{scale} c={c['concurrency']}: {code} x{n}"
        for scale, s in sorted(scales.items())
        for c in (operation(s, "publishThenSearch") or {}).get("cells") or []
        for code, n in (c.get("error_codes") or {}).items()
        if code in UNHANDLED_CODES
    ]
    measured_publish = any(operation(s, "publishThenSearch") for s in scales.values())
    out.append(
        _target(
            "publish round: no " + " or ".join(UNHANDLED_CODES) + " at any concurrency",
            (not unhandled) if measured_publish else None,
            "; ".join(unhandled) or ("none" if measured_publish else "not measured"),
        )
    )

    # Reads under overload: shed (SERVICE_UNAVAILABLE with Retry-After, counted apart) is
    # allowed; timing out or failing is not.
    loaded_reads = [
        (scale, op["name"], c)
        for scale, s in sorted(scales.items())
        for op in s["operations"]
        if op["name"] != "publishThenSearch"
        for c in op.get("cells") or []
        if c["concurrency"] == OVERLOAD_CONCURRENCY
    ]
    failed = [
        f"{name} x{scale}: {code} x{n}"
        for scale, name, c in loaded_reads
        for code, n in (c.get("error_codes") or {}).items()
        if code != "SERVICE_UNAVAILABLE"
    ]
    shed = sum((c.get("error_codes") or {}).get("SERVICE_UNAVAILABLE", 0) for *_, c in loaded_reads)
    out.append(
        _target(
            f"reads at c={OVERLOAD_CONCURRENCY}: no error but SERVICE_UNAVAILABLE (shed)",
            (not failed) if loaded_reads else None,
            ("; ".join(failed) if failed else "none")
            + (f"; shed: {shed}" if loaded_reads else "; not measured"),
        )
    )

    out += peer_targets(scales)

    seed = next(
        (s.get("data", {}).get("seed_s") for s in result["scales"] if s["scale"] == TARGET_SCALE),
        None,
    )
    out.append(
        _target(
            f"seeding x{TARGET_SCALE} < {SEEDING_LIMIT_S:g} s",
            (seed < SEEDING_LIMIT_S) if seed is not None else None,
            f"{seed:.1f} s" if seed is not None else "not measured",
        )
    )
    return out


def _peer_pairs(scales: dict[int, Result], concurrency: int) -> list[tuple[int, str, Result]]:
    """(scale, operation, API cell and peer cell) where both were measured and succeeded."""
    out = []
    for scale, s in sorted(scales.items()):
        for op in s["operations"]:
            mine, theirs = cell(op, concurrency), cell(op, concurrency, "peer_cells")
            if mine and theirs and mine["ok"] and theirs["ok"]:
                out.append((scale, op["name"], {"api": mine, "peer": theirs}))
    return out


def _peer_gaps(scales: dict[int, Result]) -> str:
    """Read operations not compared with the peer, and why (no document, check failed)."""
    gaps = sorted(
        {
            op["name"]
            for s in scales.values()
            for op in s["operations"]
            if op["kind"] == "read" and op.get("peer_note") and not op.get("peer_cells")
        }
    )
    return f"; not compared: {', '.join(gaps)}" if gaps else ""


def peer_targets(scales: dict[int, Result]) -> list[Result]:
    out = []
    c = PEER_RPS_CONCURRENCY
    pairs = _peer_pairs(scales, c)
    rows = [(s, n, x["api"]["rps"] / x["peer"]["rps"]) for s, n, x in pairs if x["peer"]["rps"]]
    out.append(
        _per_operation(
            f"requests/s >= {PEER_RPS_FACTOR}x the peer's at c={c}, every read operation",
            rows,
            lambda r: r < PEER_RPS_FACTOR,
            "lowest",
            unit="x",
            extra=_peer_gaps(scales),
            unmeasured=f"not measured at c={c}",
        )
    )
    c = PEER_P95_CONCURRENCY
    pairs = _peer_pairs(scales, c)
    misses = [
        f"{n} at x{s}: {x['api']['p95_ms']:.1f} vs {x['peer']['p95_ms']:.1f} ms"
        for s, n, x in pairs
        if x["api"]["p95_ms"] > x["peer"]["p95_ms"]
    ]
    out.append(
        _target(
            f"p95 <= the peer's p95 at c={c}, every read operation",
            (not misses) if pairs else None,
            (("misses: " + "; ".join(misses)) if misses else f"{len(pairs)} operations hold")
            + _peer_gaps(scales)
            if pairs
            else f"not measured at c={c}",
        )
    )
    return out


def _fmt(value: Any, digits: int = 1) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    if isinstance(value, float):
        return f"{value:.{digits}f}"
    return str(value)


def markdown(result: Result) -> str:
    run = result["run"]
    m = run["machine"]
    codes = {s["scale"]: s.get("code") for s in result["scales"] if s.get("code")}
    lines = [
        f"# Benchmark {run['started']} ({run['mode']})",
        "",
        f"{m['cpu']}, {m['cores']} cores, {m['memory_gb']} GB, {m['os']}, Python {m['python']}; "
        f"load average at start {m['loadavg_at_start']}. Commit {run['code']['commit'][:10]}"
        + (" with uncommitted changes in graph_api/" if run["code"]["uncommitted_changes"] else "")
        + "."
        + (
            " **The API code changed between scales** (graph_api/ hash per scale: "
            + ", ".join(f"x{k} {v}" for k, v in codes.items())
            + "): compare scales with care."
            if len(set(codes.values())) > 1
            else ""
        ),
        "",
        "## Targets",
        "",
    ]
    for t in result.get("targets", []):
        mark = {True: "holds", False: "**missed**", None: "not measured"}[t["holds"]]
        lines.append(f"- {t['target']}: {mark} ({t['detail']})")
    lines += [
        "",
        "## Data",
        "",
        "Restart: Neo4j stopped and started once the data is in. Quiet: seconds the run waited"
        " before its cells until Neo4j ran no other transaction and the cores were idle"
        " (bench/quiet.py).",
        "",
        "| scale | organisations | nodes | relationships | migrate s | seed s | reindex s "
        "| restart s | quiet s | note |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for s in result["scales"]:
        d = s.get("data", {})
        waits = [w for op in s.get("operations") or [] for w in op.get("quiet_wait_s", [])]
        lines.append(
            f"| {s['scale']} | {_fmt(d.get('organisations'))} | {_fmt(d.get('nodes'))} | "
            f"{_fmt(d.get('relationships'))} | {_fmt(d.get('migrate_s'))} | "
            f"{_fmt(d.get('seed_s'))} | {_fmt(d.get('reindex_s'))} | "
            f"{_fmt(d.get('restart_s'))} | {_fmt(round(sum(waits), 1) if waits else None)} | "
            f"{d.get('note', '')}{' ERROR: ' + s['error'] if s.get('error') else ''} |"
        )
    for scale, s in sorted(measured(result).items()):
        lines += _scale_table(scale, s)
    lines += _scaling_table(result)
    return "\n".join(lines) + "\n"


def _scale_table(scale: int, s: Result) -> list[str]:
    lines = [
        "",
        f"## Scale {scale}",
        "",
        "Latencies in ms, client-side over loopback. raw: the same Cypher (and searches) via "
        "the driver in a managed read transaction, and orjson; ratio: GraphQL p50 / raw p50. "
        "floor: the same in an auto-commit transaction, as the API runs its reads (c=1 only); "
        "floor ratio: GraphQL p50 / floor p50.",
        "",
        "| operation | c | req/s | p50 | p95 | p99 | errors | raw p50 | raw p95 | ratio "
        "| floor p50 | floor ratio |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for op in s["operations"]:
        if op.get("note") and not op.get("cells"):
            lines.append(f"| {op['name']} | | | | | | | | | | | {op['note']} |")
            continue
        for c in op.get("cells") or []:
            raw = cell(op, c["concurrency"], "raw")
            ratio = (op.get("ratio") or {}).get(str(c["concurrency"]))
            least = cell(op, c["concurrency"], "floor")
            floor_ratio = (op.get("floor_ratio") or {}).get(str(c["concurrency"]))
            lines.append(
                f"| {op['name']} | {c['concurrency']} | {_fmt(c['rps'])} | {_fmt(c['p50_ms'])} | "
                f"{_fmt(c['p95_ms'])} | {_fmt(c['p99_ms'])} | {c['errors']}"
                f"{' (cut short)' if c.get('cut_short') else ''} | "
                f"{_fmt(raw['p50_ms']) if raw else ''} | {_fmt(raw['p95_ms']) if raw else ''} | "
                f"{_fmt(ratio, 2) if ratio is not None else ''} | "
                f"{_fmt(least['p50_ms']) if least else ''} | "
                f"{_fmt(floor_ratio, 2) if floor_ratio is not None else ''} |"
            )
    notes = [
        (op["name"], op["note"]) for op in s["operations"] if op.get("note") and op.get("cells")
    ]
    errors = [
        (op["name"], c["concurrency"], e)
        for op in s["operations"]
        for c in op.get("cells") or []
        for e in c.get("error_samples", [])[:2]
    ]
    if notes or errors:
        lines.append("")
    lines += [f"- {n}: {note}" for n, note in notes]
    lines += [f"- {n} c={c}: error `{e[:160]}`" for n, c, e in errors]
    lines += _peer_table(s)
    publish = operation(s, "publishThenSearch")
    for c in (publish or {}).get("cells") or []:
        if c.get("extra"):
            phases = ", ".join(
                f"{k} p50 {_fmt(v['p50'])} / p95 {_fmt(v['p95'])}"
                for k, v in c["extra"].items()
                if isinstance(v, dict) and "p50" in v
            )
            lines.append(f"- publishThenSearch c={c['concurrency']}: {phases}")
    return lines + _publish_table(publish)


def _peer_table(s: Result) -> list[str]:
    """The API against the peer, cell by cell, with how the peer's answers were checked."""
    peer = s.get("peer")
    ops = [op for op in s["operations"] if op["kind"] == "read"]
    if not peer or not ops:
        return []
    packages = ", ".join(f"{k} {v}" for k, v in peer["packages"].items())
    lines = [
        "",
        f"Against the peer: {packages} on Node {peer['node']}, {peer['processes']} processes "
        "(cluster module, one port), production mode; cells alternate (API, then peer). "
        "Ratios are API / peer: above 1 is better for req/s, below 1 for latency.",
        "",
        "| operation | c | req/s | peer req/s | req/s ratio | p50 | peer p50 | p95 | peer p95 "
        "| p95 ratio | peer errors |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for op in ops:
        for theirs in op.get("peer_cells") or []:
            c = theirs["concurrency"]
            mine = cell(op, c) or {}
            ratio = (op.get("peer_ratio") or {}).get(str(c)) or {}
            lines.append(
                f"| {op['name']} | {c} | {_fmt(mine.get('rps'))} | {_fmt(theirs['rps'])} | "
                f"{_fmt(ratio.get('rps'), 2)} | {_fmt(mine.get('p50_ms'))} | "
                f"{_fmt(theirs['p50_ms'])} | {_fmt(mine.get('p95_ms'))} | "
                f"{_fmt(theirs['p95_ms'])} | {_fmt(ratio.get('p95'), 2)} | {theirs['errors']} |"
            )
    lines.append("")
    for op in ops:
        note = op.get("peer_note") or op.get("peer_check")
        if note:
            lines.append(f"- {op['name']}: {note}")
    return lines


def _publish_table(publish: Result | None) -> list[str]:
    """Time to findable per concurrency, with the mutations' latencies and errors by code."""
    cells = (publish or {}).get("cells") or []
    if not cells:
        return []
    lines = [
        "",
        "Publish then search: time to findable (publish answered -> first search hit), ms.",
        "",
        "| c | rounds ok | findable p50 | findable p95 | create p95 | publish p95 | polls p50 "
        "| Meilisearch task p50 / p95 | errors by code |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for c in cells:
        extra = c.get("extra") or {}
        tasks = (extra.get("meili_task_ms") or {}).get("processing") or {}
        codes = ", ".join(f"{k} {n}" for k, n in (c.get("error_codes") or {}).items()) or "none"
        lines.append(
            f"| {c['concurrency']} | {c['ok']}/{c['requests']}"
            f"{' (cut short)' if c.get('cut_short') else ''} | {_fmt(c['p50_ms'], 0)} | "
            f"{_fmt(c['p95_ms'], 0)} | {_fmt((extra.get('create_ms') or {}).get('p95'), 0)} | "
            f"{_fmt((extra.get('publish_ms') or {}).get('p95'), 0)} | "
            f"{_fmt((extra.get('polls') or {}).get('p50'))} | "
            f"{_fmt(tasks.get('p50'), 0)} / {_fmt(tasks.get('p95'), 0)} | {codes} |"
        )
    return lines


def _scaling_table(result: Result) -> list[str]:
    scales = measured(result)
    if len(scales) < 2:
        return []
    order = sorted(scales)
    concurrencies = result["run"]["config"]["cells"]
    lines = [
        "",
        "## p95 against scale",
        "",
        "| operation | c | "
        + " | ".join(f"p95 x{s}" for s in order)
        + f" | x{order[-1]}/x{order[0]} |",
        "|---|---:|" + "---:|" * (len(order) + 1),
    ]
    names = [op["name"] for op in scales[order[0]]["operations"]]
    for name in names:
        for c in (cc["concurrency"] for cc in concurrencies):
            values = [_p95(operation(scales[s], name), c) for s in order]
            growth = values[-1] / values[0] if values[0] and values[-1] else None
            lines.append(
                f"| {name} | {c} | "
                + " | ".join(_fmt(v) for v in values)
                + f" | {_fmt(growth, 2) if growth else '–'} |"
            )
    return lines


def series(result: Result, concurrency: int) -> list[plot.Series]:
    scales = measured(result)
    names: list[str] = []
    for s in scales.values():
        for op in s["operations"]:
            if op.get("cells") and op["name"] not in names:
                names.append(op["name"])
    out = []
    for name in names:
        points: dict[int, dict[int, tuple[float, float]]] = {}
        for scale, s in scales.items():
            c = cell(operation(s, name) or {}, concurrency)
            if c and c["ok"]:
                points[scale] = {concurrency: (c["p50_ms"], c["p95_ms"])}
        out.append(plot.Series(name, points))
    return out


def write(result: Result, out: Path) -> list[Path]:
    """Write everything; returns the files written."""
    result["targets"] = targets(result)
    files = [out / "results.json", out / "results.md"]
    files[0].write_bytes(orjson.dumps(result, option=orjson.OPT_INDENT_2, default=str))
    files[1].write_text(markdown(result), encoding="utf-8")
    scales = sorted(measured(result))
    if scales:
        for c in (cc["concurrency"] for cc in result["run"]["config"]["cells"]):
            path = out / f"latency-by-scale-c{c}.png"
            plot.write(path, series(result, c), scales, [c])
            files.append(path)
    return files
