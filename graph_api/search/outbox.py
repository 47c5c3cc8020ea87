"""The search outbox: a record (`graph_api.db.outbox.record`), written in the same Neo4j
transaction as the change, that a searchable document is dirty. The indexer applies the
current state of dirty documents and clears an entry only once Meilisearch has applied it,
so nothing is lost while the search engine is down.

Graph contract:
  (:OutboxEntry {ref: entity + ':' + key, entity: 'practice' | 'organisation',
                 key: <the node's id>, version: int, at: datetime})
    one per dirty document (unique on `ref`); every recorded change bumps `version`; `at`
    is when it became dirty, so the oldest are applied first.
  (:OutboxTally {name: 'search', applied: int})
    the changes applied and cleared so far; written only by the indexer holding the lease.

Writers of different documents share no node, so they never wait for each other; writers
of the same document meet on its entry (a unique constraint makes the MERGE safe). The
order the indexer needs is per document only: it reads each document's current state.
"""

from __future__ import annotations

from typing import Any, LiteralString

from neo4j import Driver, RoutingControl

# Writers record in the domains' transactions (graph_api.db.outbox); the indexer reads here.
from graph_api.db.outbox import Entity, record, record_sync
from graph_api.graph_names import Label

__all__ = ["Entity", "record", "record_sync"]

# -- read and cleared by the indexer (graph_api.search.indexer) ---------------------------

# Entries of before the per-document outbox (no `version`) count as one change each.
VERSION: LiteralString = "coalesce(e.version, 1)"
# The oldest first (`at` is indexed); `ref` breaks ties so batches are deterministic.
OLDEST: LiteralString = (
    f"MATCH (e:{Label.OUTBOX_ENTRY}) WHERE e.at IS NOT NULL WITH e ORDER BY e.at, e.ref"
)
ENTRY: LiteralString = "e {id: elementId(e), .entity, .key, version: " + VERSION + "}"

_ANY: LiteralString = f"MATCH (e:{Label.OUTBOX_ENTRY}) RETURN true AS any LIMIT 1"
_COUNT: LiteralString = f"RETURN COUNT {{ MATCH (e:{Label.OUTBOX_ENTRY}) }} AS n"
_CLEAR: LiteralString = (
    f"""
UNWIND $entries AS entry
MATCH (e:{Label.OUTBOX_ENTRY}) WHERE elementId(e) = entry.id
// Lock the entry before reading its version: a writer's bump in flight has then either
// committed (and is seen here) or waits for this transaction; read first, it could be lost.
SET e._lock = true
REMOVE e._lock
WITH e, entry WHERE """
    + VERSION
    + f""" = entry.version
DELETE e
WITH count(*) AS cleared, sum(entry.version) AS changes
MERGE (t:{Label.OUTBOX_TALLY} {{name: 'search'}})
SET t.applied = coalesce(t.applied, 0) + changes
RETURN cleared
"""
)
RECORDED: LiteralString = f"""
MERGE (t:{Label.OUTBOX_TALLY} {{name: 'search'}})
// Locked first, so an indexer clearing entries meanwhile is seen wholly or not at all.
SET t.applied = coalesce(t.applied, 0)
WITH t
RETURN t.applied + reduce(s = 0, v IN COLLECT {{
         MATCH (e:{Label.OUTBOX_ENTRY}) RETURN coalesce(e.version, 1) }} | s + v) AS recorded
"""


def has_entries(driver: Driver, database: str) -> bool:
    records, _, _ = driver.execute_query(_ANY, database_=database, routing_=RoutingControl.READ)
    return bool(records)


def entry_count(driver: Driver, database: str) -> int:
    """Dirty documents waiting to be indexed."""
    records, _, _ = driver.execute_query(_COUNT, database_=database, routing_=RoutingControl.READ)
    return int(records[0]["n"])


def clear_applied(driver: Driver, database: str, entries: list[dict[str, Any]]) -> int:
    """Delete the applied entries whose version is still the one read; an entry written
    meanwhile stays for the next batch. Returns how many were deleted."""
    if not entries:
        return 0
    rows = [{"id": e["id"], "version": e["version"]} for e in entries]
    records, _, _ = driver.execute_query(_CLEAR, entries=rows, database_=database)
    return int(records[0]["cleared"]) if records else 0


def recorded_changes(driver: Driver, database: str) -> int:
    """Every change ever recorded: those applied plus those waiting (a monotonic count)."""
    records, _, _ = driver.execute_query(RECORDED, database_=database)
    return int(records[0]["recorded"])
