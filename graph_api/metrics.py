"""Prometheus metrics of the whole service: request latency by operation, errors by code,
Cypher time, search latency, outbox lag. One registry per process (see README on workers)."""

from __future__ import annotations

from prometheus_client import Counter, Gauge, Histogram

BUCKETS = (0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1.0, 2.0, 5.0, 10.0)

REQUEST_SECONDS = Histogram(
    "graphql_request_seconds",
    "GraphQL request latency by operation name.",
    ["operation"],
    buckets=BUCKETS,
)
ERRORS = Counter("graphql_errors_total", "GraphQL errors by code.", ["code"])
CYPHER_SECONDS = Histogram(
    "neo4j_cypher_seconds", "Time in Neo4j transactions by kind.", ["kind"], buckets=BUCKETS
)
SEARCH_SECONDS = Histogram(
    "meilisearch_search_seconds",
    "Meilisearch search latency by index.",
    ["index"],
    buckets=BUCKETS,
)
OUTBOX_LAG = Gauge("search_outbox_entries", "Search outbox entries waiting to be indexed.")
OUTBOX_AGE = Gauge("search_outbox_oldest_seconds", "Age of the oldest waiting outbox entry.")
RATE_LIMITED = Counter("graphql_rate_limited_total", "Requests refused by the rate limit.")
