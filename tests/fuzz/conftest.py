"""A real uvicorn server on a free loopback port, for tools that speak plain HTTP."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator

import pytest
import uvicorn

from graph_api.app import create_app
from graph_api.servers.process import free_port
from graph_api.settings import Settings


@pytest.fixture(scope="session")
def live_url(settings: Settings) -> Iterator[str]:
    # No rate limit: the fuzzer sends many requests from one address on purpose.
    app = create_app(settings.model_copy(update={"rate_limit_per_minute": 0}), run_indexer=False)
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert server.started, "uvicorn did not start"
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)
