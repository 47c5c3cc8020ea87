"""`graph-api serve` run as a real process for the tests that need one (logs, metrics,
workers)."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

import httpx2 as httpx

from graph_api.servers.process import free_port


class Served(NamedTuple):
    base: str
    port: int
    output: Path  # everything it wrote (stdout and stderr), complete once the block is left
    process: subprocess.Popen[bytes]


@contextlib.contextmanager
def serving(tmp_path: Path, **env: str) -> Iterator[Served]:
    """`graph-api serve` on a free port with `env` added, until the block is left (SIGTERM)."""
    port = free_port()
    output = tmp_path / f"serve-{port}.log"
    environment = {**os.environ, "GRAPH_API_PORT": str(port), "GRAPH_API_RATE_LIMIT": "0", **env}
    environment.pop("PROMETHEUS_MULTIPROC_DIR", None)
    with output.open("wb") as sink:
        server = subprocess.Popen(
            [sys.executable, "-m", "graph_api.cli", "serve"],
            env=environment,
            stdout=sink,
            stderr=subprocess.STDOUT,
        )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90
        while True:
            assert server.poll() is None, output.read_text()
            assert time.monotonic() < deadline, "the server did not start"
            try:
                if httpx.get(f"{base}/healthz", timeout=5).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.2)
        yield Served(base, port, output, server)
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
