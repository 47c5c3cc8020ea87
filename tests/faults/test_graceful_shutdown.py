"""Graceful shutdown: on SIGTERM the server stops accepting, finishes the requests in flight,
then exits."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time

import httpx2 as httpx

from graph_api.servers.process import free_port
from graph_api.settings import Settings

SLOW = """{ coverage { perMunicipality { code organisations publishedPractices } }
  organisations(first: 100) { edges { node { name partners(first: 20) { edges { node {
    name themes { slug } coalitions { role coalition { name } } } } } } } } }"""


def test_in_flight_requests_finish(settings: Settings) -> None:
    port = free_port()
    env = {
        **os.environ,
        "GRAPH_API_PORT": str(port),
        "GRAPH_API_RATE_LIMIT": "0",
        "GRAPH_API_LOG_FORMAT": "console",
    }
    server = subprocess.Popen(
        [sys.executable, "-m", "graph_api.cli", "serve"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if httpx.get(f"{base}/healthz", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.2)
        statuses: list[int | str] = []
        sent = threading.Barrier(7)

        def call() -> None:
            with httpx.Client(timeout=60) as http:
                http.get(f"{base}/healthz")  # connected before the signal
                sent.wait()
                try:
                    response = http.post(f"{base}/graphql", json={"query": SLOW})
                    ok = not response.json().get("errors")
                    statuses.append(response.status_code if ok else response.text[:200])
                except httpx.HTTPError as exc:
                    statuses.append(repr(exc))

        threads = [threading.Thread(target=call) for _ in range(6)]
        for thread in threads:
            thread.start()
        sent.wait()
        time.sleep(0.5)  # the six requests are in flight on a single worker
        server.send_signal(signal.SIGTERM)
        for thread in threads:
            thread.join(timeout=60)
        assert statuses == [200] * 6
        # uvicorn re-raises the signal once it has shut down cleanly, so it "dies of" it.
        assert server.wait(timeout=30) in (0, -signal.SIGTERM)
        try:
            httpx.get(f"{base}/healthz", timeout=1)
            raise AssertionError("the server still accepts connections after shutting down")
        except httpx.HTTPError:
            pass
    finally:
        if server.poll() is None:
            server.kill()
