"""Three clients send unique documents of the largest size allowed for 10 s while a fourth asks
`{ __typename }`: its p95 stays under 50 ms (issue 11). Against a real uvicorn server with the
default limits and budgets.

Each flood document is as many `__typename`s as the byte and token limits allow, each one
new, so no cache helps: validating one takes hundreds of milliseconds on the 2-core machine.
The same client's p95 without the flood is measured first: on a machine other work keeps
busy, the flood may add less than 50 ms to what the machine already costs (on an idle one
that baseline is a few milliseconds).

What keeps the fourth client fast is that this time is charged to the sender's budget as it
is spent, so after a document or two each flooder is refused before its body is read.
The flooders run in a process of their own, so that their Python does not share the GIL with
the server thread; each binds its own loopback address, so each is a separate anonymous
caller, and so is the fourth.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from collections.abc import Iterator

import httpx2 as httpx
import pytest

from graph_api.app import create_app
from graph_api.settings import Settings
from tests.conftest import serving

SECONDS = 10.0
FLOODERS = ["127.0.0.21", "127.0.0.22", "127.0.0.23"]
PROBE = "127.0.0.24"

FLOOD = r"""
import json, sys, threading, time, uuid
import httpx2 as httpx

url, max_bytes, max_tokens, seconds = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), float(
    sys.argv[4]
)
addresses = sys.argv[5:]


def document():
    head = "# " + uuid.uuid4().hex + "\n{ "
    fields = min(max_tokens - 3, (max_bytes - len(head) - 1) // 11)  # comment and braces
    body = head + "__typename " * fields
    return body + " " * (max_bytes - len(body) - 1) + "}"


statuses = {}
lock = threading.Lock()
clients = [
    httpx.Client(transport=httpx.HTTPTransport(local_address=a), timeout=60) for a in addresses
]
start = threading.Event()


def flood(http):
    start.wait()
    stop = time.monotonic() + seconds
    while time.monotonic() < stop:
        status = http.post(url, json={"query": document()}).status_code
        with lock:
            statuses[status] = statuses.get(status, 0) + 1


threads = [threading.Thread(target=flood, args=(c,)) for c in clients]
for thread in threads:
    thread.start()
print("go", flush=True)
start.set()
for thread in threads:
    thread.join()
print(json.dumps(statuses), flush=True)
"""


@pytest.fixture(scope="module")
def url(settings: Settings) -> Iterator[str]:
    defaults = {
        name: Settings.model_fields[name].default
        for name in (
            "rate_limit_per_minute",
            "rate_limit_anonymous_per_minute",
            "max_document_bytes",
            "max_tokens",
        )
    }
    app = create_app(settings.model_copy(update=defaults), run_indexer=False)
    with serving(app) as base:
        yield f"{base}/graphql"


def probe_p95(url: str, seconds: float) -> tuple[float, list[float]]:
    """`{ __typename }` one after the other for `seconds`: the p95 and all latencies (ms)."""
    latencies: list[float] = []
    transport = httpx.HTTPTransport(local_address=PROBE)
    with httpx.Client(transport=transport, timeout=120) as probe:
        stop = time.monotonic() + seconds
        while time.monotonic() < stop:
            started = time.perf_counter()
            response = probe.post(url, json={"query": "{ __typename }"})
            latencies.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200, response.text
            assert response.json()["data"] == {"__typename": "Query"}
    latencies.sort()
    return latencies[int(len(latencies) * 0.95)], latencies


def test_a_flood_of_large_documents_leaves_others_fast(url: str) -> None:
    baseline, _ = probe_p95(url, 3.0)
    limits = Settings.model_fields
    flooders = subprocess.Popen(
        [
            sys.executable,
            "-c",
            FLOOD,
            url,
            str(limits["max_document_bytes"].default),
            str(limits["max_tokens"].default),
            str(SECONDS),
            *FLOODERS,
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert flooders.stdout is not None
        assert flooders.stdout.readline().strip() == "go"
        p95, latencies = probe_p95(url, SECONDS)
        statuses = json.loads(flooders.stdout.readline())
    finally:
        flooders.wait(timeout=60)
    print(
        f"probe: {len(latencies)} requests, p50 {latencies[len(latencies) // 2]:.1f} ms, "
        f"p95 {p95:.1f} ms (without the flood {baseline:.1f} ms), max {latencies[-1]:.0f} ms; "
        f"flooders: {statuses}"
    )
    assert p95 < 50 + baseline, f"p95 {p95:.1f} ms; without the flood {baseline:.1f} ms"
    # The flood reached the server's validation (a request error: 400, or 200 for a client
    # that accepts only JSON) and was then refused by the rate limit.
    validated = statuses.get("200", 0) + statuses.get("400", 0)
    assert validated >= len(FLOODERS) and statuses.get("429", 0) > 0
