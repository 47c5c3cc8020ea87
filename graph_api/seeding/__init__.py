"""Seed the graph: the real reference data from seed/*.csv plus deterministic demo data.

`seed()` builds everything in memory first (fast, pure Python) and then merges it into
Neo4j in batches; running it twice leaves the graph as it was.
"""

from __future__ import annotations

from pathlib import Path

from neo4j import Driver

from graph_api.seeding.anchors import build_anchors
from graph_api.seeding.geo import Neighbours
from graph_api.seeding.joining import plan_joining
from graph_api.seeding.model import Network
from graph_api.seeding.organisations import generate_organisations
from graph_api.seeding.practices import generate_practices
from graph_api.seeding.reference import load_reference
from graph_api.seeding.rows import Row, build_rows
from graph_api.seeding.text import name_key
from graph_api.seeding.writer import write_all

__all__ = ["build", "graph_counts", "graph_is_empty", "name_key", "seed"]


def build(seed_dir: Path, scale: int = 1) -> dict[str, list[Row]]:
    """The rows to load, per step; no database needed (used by the unit tests too)."""
    if scale < 1:
        raise ValueError("scale must be at least 1")
    ref = load_reference(seed_dir)
    neighbours = Neighbours(ref.municipalities)
    net = Network()
    plan_joining(ref, neighbours, net)
    index = build_anchors(ref, net)
    generate_organisations(ref, neighbours, index, scale)
    generate_practices(ref, neighbours, index, scale)
    return build_rows(ref, net)


def seed(
    driver: Driver, database: str, seed_dir: Path, scale: int = 1, progress: bool = True
) -> dict[str, int]:
    """Load everything; return the node count per label and relationship count per type."""
    write_all(driver, database, build(seed_dir, scale), progress)
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
