"""Seed the graph: the real reference data from seed/*.csv plus deterministic demo data.

`seed()` generates the rows in chunks (pure Python, deterministic) and merges them into
Neo4j in batches while the next chunks are generated; running it twice changes nothing.
"""

from __future__ import annotations

from pathlib import Path

from neo4j import Driver

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
    write_stream(driver, database, plan, plan.expected, progress)
    # Seeding merges nodes and links directly, not through the upkeep writes that keep the
    # aggregates: compute them once at the end (a second run recomputes the same values).
    recompute(driver, database)
    return graph_counts(driver, database)


def graph_is_empty(driver: Driver, database: str) -> bool:
    """True when no municipality is loaded, i.e. the graph has never been seeded."""
    records, _, _ = driver.execute_query(
        "RETURN NOT EXISTS { MATCH (:Municipality) } AS empty", database_=database
    )
    return bool(records[0]["empty"])


def graph_counts(driver: Driver, database: str) -> dict[str, int]:
    """Nodes per label and relationships per type, as the graph holds them now."""
    labels, _, _ = driver.execute_query(
        "CALL db.labels() YIELD label "
        "CALL (label) { MATCH (n:$(label)) RETURN count(n) AS count } "
        "RETURN label AS name, count",
        database_=database,
    )
    types, _, _ = driver.execute_query(
        "CALL db.relationshipTypes() YIELD relationshipType AS type "
        "CALL (type) { MATCH ()-[r:$(type)]->() RETURN count(r) AS count } "
        "RETURN type AS name, count",
        database_=database,
    )
    return {r["name"]: r["count"] for r in [*labels, *types] if r["count"] > 0}
