"""Seed the graph: the real reference data from seed/*.csv plus deterministic demo data.

`seed()` generates the rows in chunks (pure Python, deterministic) and merges them into
Neo4j in batches while the next chunks are generated; running it twice changes nothing.
"""

from __future__ import annotations

from pathlib import Path

from neo4j import Driver

from graph_api.db.migrations import deferred_indexes
from graph_api.graph_names import Label, Rel
from graph_api.partners.aggregates import recompute
from graph_api.seeding.plan import Plan, build
from graph_api.seeding.text import name_key
from graph_api.seeding.writer import write_stream

__all__ = ["build", "graph_counts", "graph_is_empty", "name_key", "seed"]


def seed(
    driver: Driver, database: str, seed_dir: Path, scale: int = 1, progress: bool = True
) -> dict[str, int]:
    """Load everything; return the node count per label and relationship count per type."""
    plan = Plan(seed_dir, scale)
    # Into an empty graph the secondary indexes are built once, after everything is written
    # (`deferred_indexes`), and the bulk steps create rather than merge; a second run keeps
    # the indexes, as readers may be using them, and merges.
    empty = graph_is_empty(driver, database)
    with deferred_indexes(driver, database, defer=empty):
        write_stream(driver, database, plan, plan.expected, progress, into_empty=empty)
        # Seeding merges nodes and links directly, not through the upkeep writes that keep
        # the aggregates: compute them once at the end (a second run recomputes the same).
        # Its writes give every relationship its copies, which in a graph with data may be
        # stale on links added through the API since.
        recompute(driver, database, copies=not empty)
    return graph_counts(driver, database)


# Seeding writes these; migrations write none of them (they may write provinces).
_SEEDED = (
    Label.MUNICIPALITY,
    Label.ORGANISATION,
    Label.PERSON,
    Label.PRACTICE,
    Label.ACTIVITY,
)


def graph_is_empty(driver: Driver, database: str) -> bool:
    """True when the graph holds none of the nodes seeding writes: it has never been seeded
    and nothing was added to it through the API either (then seeding may create them)."""
    exists = " OR ".join(f"EXISTS {{ MATCH (:{label}) }}" for label in _SEEDED)
    # Built from the fixed labels above: no value ever reaches the text.
    records, _, _ = driver.execute_query(f"RETURN NOT ({exists}) AS empty", database_=database)
    return bool(records[0]["empty"])


def graph_counts(driver: Driver, database: str) -> dict[str, int]:
    """Nodes per label and relationships per type, as the graph holds them now.

    Each count names its label or type in the text, so Neo4j reads it from the count store.
    With a dynamic label (`MATCH (n:$(label))`) it scanned every node and, per type, every
    relationship: 15 of the 128 s of seeding scale 100."""
    counts = [
        f"MATCH (n:{label}) RETURN '{label}' AS name, count(n) AS count" for label in Label
    ] + [f"MATCH ()-[r:{rel}]->() RETURN '{rel}' AS name, count(r) AS count" for rel in Rel]
    # Built from the fixed vocabulary in graph_names: no value ever reaches the text.
    records, _, _ = driver.execute_query(" UNION ALL ".join(counts), database_=database)
    return {r["name"]: r["count"] for r in records if r["count"] > 0}
