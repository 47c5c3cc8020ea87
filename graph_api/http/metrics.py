"""/metrics in the Prometheus text format: this process's registry with one worker, the sum
over all workers' files when `graph-api serve` runs several (prometheus-client's
multiprocess mode)."""

from __future__ import annotations

from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, generate_latest
from prometheus_client.multiprocess import MultiProcessCollector
from starlette.requests import Request
from starlette.responses import Response

from graph_api.metrics import multiprocess_dir


def collect() -> bytes:
    directory = multiprocess_dir()
    if directory is None:
        return generate_latest()
    # A fresh registry per scrape: the collector reads every worker's files each time.
    registry = CollectorRegistry()
    MultiProcessCollector(registry, path=directory)  # type: ignore[no-untyped-call]
    return generate_latest(registry)


async def metrics(_: Request) -> Response:
    return Response(collect(), media_type=CONTENT_TYPE_LATEST)
