"""One logging pipeline and /metrics over all workers, checked on `graph-api serve` run as a
real process: in JSON mode every line it writes is a JSON object, and the lines of the
standard-library loggers (uvicorn, the Neo4j driver, the search code and the indexer) logged
during a request carry its request ID; with two workers /metrics counts the requests of both.
"""

from __future__ import annotations

import json
import logging
import os
import threading
from pathlib import Path
from typing import Any

import httpx2 as httpx
import pytest
import structlog
from prometheus_client.multiprocess import MultiProcessCollector

from graph_api.logging_setup import configure_logging, log_request
from graph_api.servers.process import free_port
from graph_api.settings import Settings
from tests.served import serving

# A word no practice has: the graph's fallback answers quickly even on a busy machine.
SEARCH = '{ searchPractices(query: "zuurdesembrood", first: 1) { source } }'
PROBE = "query MetricsProbe { provinces { code } }"
# Generous: the fallback search is slow, and CI shares two cores with Neo4j and Meilisearch.
TIMEOUT = 60.0


def _lines(output: Path) -> list[dict[str, Any]]:
    parsed = []
    for line in output.read_text().splitlines():
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except ValueError:
            raise AssertionError(f"not a JSON line: {line!r}") from None
        assert isinstance(record, dict), line
        assert {"level", "logger", "timestamp", "event"} <= record.keys(), line
        parsed.append(record)
    return parsed


def test_json_mode_writes_only_json_lines_with_the_request_id(tmp_path: Path) -> None:
    # Meilisearch unreachable makes the search code warn inside the request and the
    # indexer warn outside it; debug level makes the driver (and urllib3) talk.
    dead = f"http://127.0.0.1:{free_port()}"
    with serving(
        tmp_path,
        GRAPH_API_LOG_FORMAT="json",
        GRAPH_API_LOG_LEVEL="debug",
        MEILI_URL=dead,
        NEO4J_TX_TIMEOUT="60",
    ) as (base, _, output, _):
        searched = httpx.post(
            f"{base}/graphql",
            json={"query": SEARCH},
            headers={"x-request-id": "logs-search"},
            timeout=TIMEOUT,
        )
        assert (searched.json().get("data") or {}).get("searchPractices") == {
            "source": "GRAPH_FALLBACK"
        }, searched.text
        read = httpx.post(
            f"{base}/graphql",
            json={"query": PROBE},
            headers={"x-request-id": "logs-read"},
            timeout=TIMEOUT,
        )
        assert read.status_code == 200, read.text
    lines = _lines(output)

    def loggers(request_id: str) -> set[str]:
        return {line["logger"] for line in lines if line.get("request_id") == request_id}

    search = loggers("logs-search")
    assert {"graph_api.http", "graph_api.search.engine"} <= search
    assert any(name.startswith("neo4j") for name in search), search
    assert any(name.startswith("neo4j") for name in loggers("logs-read"))
    # Every warning of the search code was logged in that request, and says so.
    unavailable = [line for line in lines if line["logger"] == "graph_api.search.engine"]
    assert unavailable and all(line.get("request_id") == "logs-search" for line in unavailable)
    everyone = {line["logger"] for line in lines}
    assert {"uvicorn.error", "graph_api.search.indexer"} <= everyone, everyone
    assert any(line["event"] == "Application shutdown complete." for line in lines)


def test_console_mode_and_tracebacks(capsys: pytest.CaptureFixture[str]) -> None:
    """In-process: a standard-library record with a traceback is one JSON line with the
    bound request ID; console mode renders the same records as readable text."""
    foreign = logging.getLogger("graph_api.search.indexer")
    try:
        configure_logging("json", "info")
        capsys.readouterr()
        structlog.contextvars.bind_contextvars(request_id="in-process")
        try:
            raise RuntimeError("kaputt")
        except RuntimeError:
            foreign.exception("Search indexing failed (attempt %d)", 3)
        structlog.get_logger("graph_api.http").info("request", status=200)
        json_lines = capsys.readouterr().err.splitlines()
        assert len(json_lines) == 2, json_lines
        failed, request = (json.loads(line) for line in json_lines)
        assert failed["event"] == "Search indexing failed (attempt 3)"
        assert failed["level"] == "error" and failed["request_id"] == "in-process"
        assert "RuntimeError: kaputt" in failed["exception"]
        assert request["logger"] == "graph_api.http" and request["status"] == 200

        configure_logging("console", "info")
        foreign.warning("Search unavailable: %s", "down")
        text = capsys.readouterr().err
        assert "Search unavailable: down" in text and "request_id=in-process" in text
        assert not text.lstrip().startswith("{")
    finally:
        structlog.contextvars.clear_contextvars()
        configure_logging(Settings().log_format, Settings().log_level)


def test_the_request_line_is_the_pipelines_line(capsys: pytest.CaptureFixture[str]) -> None:
    """`log_request` renders the access line itself when the JSON handler is alone on the
    root (in a served process): the same line, key for key, as the pipeline's."""
    root = logging.getLogger()
    # pytest's capture handlers would send the line down the pipeline.
    others = [h for h in root.handlers if type(h).__module__.startswith("_pytest")]
    try:
        configure_logging("json", "info")
        for handler in others:
            root.removeHandler(handler)
        capsys.readouterr()
        structlog.contextvars.bind_contextvars(request_id="same-line")
        fields: dict[str, Any] = {"method": "POST", "path": "/graphql", "status": 200, "ms": 1.5}
        structlog.get_logger("graph_api.http").info("request", **fields)
        log_request("graph_api.http", **fields)
        piped, direct = (json.loads(line) for line in capsys.readouterr().err.splitlines())
        assert list(direct) == list(piped)
        assert {**direct, "timestamp": ""} == {**piped, "timestamp": ""}
        assert direct["timestamp"].endswith("Z") and direct["timestamp"] >= piped["timestamp"]
    finally:
        for handler in others:
            if handler not in root.handlers:
                root.addHandler(handler)
        structlog.contextvars.clear_contextvars()
        configure_logging(Settings().log_format, Settings().log_level)


def _per_worker(folder: Path) -> dict[str, float]:
    """MetricsProbe requests counted by each worker, read from its own file."""
    counts: dict[str, float] = {}
    for path in folder.glob("histogram_*.db"):
        for metric in MultiProcessCollector.merge([str(path)]):  # type: ignore[no-untyped-call]
            for sample in metric.samples:
                if sample.name == "graphql_request_seconds_count" and sample.labels == {
                    "operation": "MetricsProbe"
                }:
                    counts[path.stem] = counts.get(path.stem, 0) + sample.value
    return counts


def _scraped(text: str) -> float:
    for line in text.splitlines():
        if line.startswith('graphql_request_seconds_count{operation="MetricsProbe"}'):
            return float(line.rsplit(" ", 1)[1])
    return 0.0


def test_metrics_add_up_all_workers(tmp_path: Path, settings: Settings) -> None:
    with serving(tmp_path, GRAPH_API_WORKERS="2", GRAPH_API_LOG_FORMAT="json") as (
        base,
        port,
        output,
        _,
    ):
        folder = Path(settings.state_dir) / "metrics" / f"port-{port}"
        assert folder.is_dir()
        sent = 0

        def send() -> None:
            # A new connection per request, so the kernel hands them to either worker.
            payload = {"query": PROBE, "operationName": "MetricsProbe"}
            response = httpx.post(f"{base}/graphql", json=payload, timeout=TIMEOUT)
            assert response.status_code == 200, response.text

        # Until both workers have served some (bounded): only then does a sum prove anything.
        for _ in range(10):
            threads = [threading.Thread(target=send) for _ in range(8)]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join(timeout=60)
            sent += len(threads)
            if len([n for n in _per_worker(folder).values() if n > 0]) >= 2:
                break
        per_worker = _per_worker(folder)
        assert len(per_worker) == 2 and all(per_worker.values()), per_worker
        assert sum(per_worker.values()) == sent
        # Whichever worker answers a scrape, it reports the requests of both.
        for _ in range(6):
            assert _scraped(httpx.get(f"{base}/metrics", timeout=TIMEOUT).text) >= sent
    assert not folder.exists(), "serve leaves its metrics folder behind"
    # One access line per request, ours; uvicorn's own is off in every worker.
    lines = _lines(output)
    requests = [line for line in lines if line["event"] == "request" and line.get("status")]
    assert len(requests) >= sent
    assert not [line for line in lines if line["logger"] == "uvicorn.access"]


def test_one_worker_keeps_metrics_in_memory() -> None:
    assert "PROMETHEUS_MULTIPROC_DIR" not in os.environ
    from graph_api.http.metrics import collect

    assert b"python_info" in collect()  # the default registry, with its process collectors
