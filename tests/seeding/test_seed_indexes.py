"""Seeding an empty graph builds the secondary indexes once at the end (`deferred_indexes`):
the graph it leaves has every index the migrations define, online."""

from __future__ import annotations

from typing import Any

from neo4j import Driver

from graph_api.db.migrations import SECONDARY_INDEXES, deferred_indexes
from graph_api.settings import Settings

INDEXES = "SHOW INDEXES YIELD name, state, owningConstraint RETURN name, state, owningConstraint"


def _secondary(run_cypher: Any) -> dict[str, str]:
    return {r["name"]: r["state"] for r in run_cypher(INDEXES) if r["owningConstraint"] is None}


def test_the_seeded_graph_has_every_secondary_index_online(run_cypher: Any) -> None:
    # `graph-api test` migrated, then seeded the empty graph, which dropped these first.
    indexes = _secondary(run_cypher)
    assert set(SECONDARY_INDEXES) <= set(indexes)
    assert {name: indexes[name] for name in SECONDARY_INDEXES} == dict.fromkeys(
        SECONDARY_INDEXES, "ONLINE"
    )
    # The fixed list matches what the migrations make: the parsing found them all.
    assert len(SECONDARY_INDEXES) >= 25


def test_deferred_indexes_are_gone_inside_and_back_after(
    neo4j: Driver, settings: Settings, run_cypher: Any
) -> None:
    with deferred_indexes(neo4j, settings.neo4j_database, defer=True):
        assert set(SECONDARY_INDEXES) & set(_secondary(run_cypher)) == set()
        # The constraints stay: seeding's MERGEs look every node up through them.
        owned = [r for r in run_cypher(INDEXES) if r["owningConstraint"] is not None]
        assert {r["name"] for r in owned} >= {"organisation_id", "municipality_code"}
    indexes = _secondary(run_cypher)
    assert {name: indexes.get(name) for name in SECONDARY_INDEXES} == dict.fromkeys(
        SECONDARY_INDEXES, "ONLINE"
    )


def test_a_seed_into_a_graph_with_data_keeps_its_indexes(
    neo4j: Driver, settings: Settings, run_cypher: Any
) -> None:
    with deferred_indexes(neo4j, settings.neo4j_database, defer=False):
        assert set(SECONDARY_INDEXES) <= set(_secondary(run_cypher))
