"""The smoke benchmark against the test servers, so `make bench` cannot silently break.

It runs `python -m bench --smoke` (scale 1, concurrency 1 and 4, a few requests per
operation) as `make bench-smoke` would, on the servers `graph-api test` started, and checks
that every operation the API offers produced results without errors and that the outputs
were written. Operations whose root fields the API does not have are skipped by the harness
with a note; that is allowed, a crash or an error is not.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from graph_api.settings import PROJECT_ROOT, Settings

TIMEOUT_S = 240


def _env(settings: Settings) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        NEO4J_URI=settings.effective_neo4j_uri,
        NEO4J_USER=settings.neo4j_user,
        NEO4J_PASSWORD=settings.neo4j_password,
        NEO4J_DATABASE=settings.neo4j_database,
        MEILI_URL=settings.effective_meili_url,
        MEILI_MASTER_KEY=settings.meili_master_key,
        MEILI_INDEX_PREFIX=settings.meili_index_prefix,
    )
    return env


def test_smoke_benchmark_runs_every_operation(settings: Settings, tmp_path: Path) -> None:
    out = tmp_path / "smoke"
    done = subprocess.run(
        [sys.executable, "-m", "bench", "--smoke", "--out", str(out)],
        cwd=PROJECT_ROOT,
        env=_env(settings),
        capture_output=True,
        text=True,
        timeout=TIMEOUT_S,
    )
    assert done.returncode == 0, done.stderr[-4000:]
    for name in ("results.json", "results.md", "latency-by-scale-c1.png"):
        assert (out / name).stat().st_size > 0, name
    assert (out / "latency-by-scale-c1.png").read_bytes().startswith(b"\x89PNG")

    result: dict[str, Any] = json.loads((out / "results.json").read_text())
    [scale] = result["scales"]
    assert "error" not in scale, scale.get("error")
    ops = {op["name"]: op for op in scale["operations"]}
    assert "organisationPage" in ops and "publishThenSearch" in ops
    measured = [op for op in ops.values() if not op.get("note", "").startswith("skipped")]
    assert ops["organisationPage"] in measured, ops["organisationPage"].get("note")
    for op in measured:
        assert not op.get("note"), f"{op['name']}: {op['note']}"
        cells = op["cells"]
        assert [c["concurrency"] for c in cells] == result["run"]["config"]["concurrencies"]
        for c, planned in zip(cells, result["run"]["config"]["cells"], strict=True):
            assert c["ok"] > 0 and c["errors"] == 0, (op["name"], c)
            assert c["p50_ms"] > 0 and c["p95_ms"] >= c["p50_ms"]
            if op["kind"] == "read":
                # Rounds are summarized as one cell (concurrency 1: 2 rounds of 4).
                assert c["requests"] == planned["requests"] * planned["rounds"], (op["name"], c)
        if op["kind"] == "read":
            assert op["raw"] and op["raw"][0]["errors"] == 0, op["name"]
            assert op["raw"][0]["requests"] == cells[0]["requests"], op["name"]
            assert op["ratio"]["1"] > 0, op["name"]
            # The floor (auto-commit) ran the same requests at concurrency 1.
            assert op["floor"] and op["floor"][0]["errors"] == 0, op["name"]
            assert op["floor"][0]["requests"] == cells[0]["requests"], op["name"]
            assert op["floor_ratio"]["1"] > 0, op["name"]
    # The publish rounds cleaned up after themselves: graph and index as they were.
    assert ops["publishThenSearch"]["cleanup"]["outbox_left"] == 0
    assert {t["target"] for t in result["targets"]}, "targets evaluated"
