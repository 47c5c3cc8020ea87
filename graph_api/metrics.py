"""Prometheus metrics of the whole service: request latency by operation, errors by code,
Cypher time, search latency, outbox lag.

With several workers `graph-api serve` sets PROMETHEUS_MULTIPROC_DIR before they start:
each process then writes its values to files there and /metrics adds them up (see
graph_api/http/metrics.py). With one worker the process keeps them in memory."""

from __future__ import annotations

import os

from prometheus_client import Counter, Gauge, Histogram, multiprocess

MULTIPROC_ENV = "PROMETHEUS_MULTIPROC_DIR"

BUCKETS = (0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1.0, 2.0, 5.0, 10.0)

REQUEST_SECONDS = Histogram(
    "graphql_request_seconds",
    "GraphQL request latency by operation name.",
    ["operation"],
    buckets=BUCKETS,
)
ERRORS = Counter("graphql_errors_total", "GraphQL errors by code.", ["code"])
KNOWN_QUERIES = Counter(
    "graphql_known_queries_total",
    "Requests for queries that ran before, by path: `known` answered on the short path, "
    "`full` had to be run again on the full path.",
    ["path"],
)
CYPHER_SECONDS = Histogram(
    "neo4j_cypher_seconds", "Time in Neo4j transactions by kind.", ["kind"], buckets=BUCKETS
)
SEARCH_SECONDS = Histogram(
    "meilisearch_search_seconds",
    "Meilisearch search latency by index.",
    ["index"],
    buckets=BUCKETS,
)
# Set by whichever worker last answered /readyz: across workers the latest value is the
# truth, not a sum; "live" drops the value of a worker that has exited.
OUTBOX_LAG = Gauge(
    "search_outbox_entries",
    "Search outbox entries waiting to be indexed.",
    multiprocess_mode="livemostrecent",
)
OUTBOX_AGE = Gauge(
    "search_outbox_oldest_seconds",
    "Age of the oldest waiting outbox entry.",
    multiprocess_mode="livemostrecent",
)
RATE_LIMITED = Counter("graphql_rate_limited_total", "Requests refused by the rate limit.")


def multiprocess_dir() -> str | None:
    return os.environ.get(MULTIPROC_ENV) or None


def worker_exited() -> None:
    """At the end of a worker's lifespan: drop its live gauges from the shared figures. Its
    counters and histograms stay in the sums, as counted work does."""
    if multiprocess_dir():
        multiprocess.mark_process_dead(os.getpid())  # type: ignore[no-untyped-call]
