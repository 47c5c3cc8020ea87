"""The search outbox: a record (`graph_api.db.outbox.record`), written in the same Neo4j
transaction as the change, that a searchable document is dirty. The indexer applies the
current state of dirty documents and clears an entry only once Meilisearch has applied it,
so nothing is lost while the search engine is down.

Graph contract:
  (:OutboxEntry {ref: entity + ':' + key, entity: 'practice' | 'organisation',
                 key: <the node's id>, version: int, at: datetime | null})
    one per document ever changed (unique on `ref`); every recorded change bumps `version`,
    which never goes down; `at` is when it became dirty, so the oldest are applied first,
    and is removed once the indexer has applied it: only entries with `at` wait.
  (:OutboxTally {name: 'search', applied: int})
    the changes of entries deleted by earlier versions (which deleted applied entries);
    no longer written.

Entries are never deleted. A writer's MERGE that finds an entry and then waits for its
lock (held by the indexer clearing it) goes on with the node it found: had the indexer
deleted that node, the writer's version bump went to a deleted node, its commit succeeded,
and its change was never indexed (a practice published again right after being hidden
stayed unfindable, with an empty outbox). Clearing by removing `at` under the same lock
makes the writer's bump land after the clear, on a node that still exists.

Writers of different documents share no node, so they never wait for each other; writers
of the same document meet on its entry (a unique constraint makes the MERGE safe). The
order the indexer needs is per document only: it reads each document's current state.
"""

from __future__ import annotations

from typing import Any, LiteralString

from neo4j import Driver, ManagedTransaction, RoutingControl

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

_ANY: LiteralString = (
    f"MATCH (e:{Label.OUTBOX_ENTRY}) WHERE e.at IS NOT NULL RETURN true AS any LIMIT 1"
)
_COUNT: LiteralString = (
    f"RETURN COUNT {{ MATCH (e:{Label.OUTBOX_ENTRY}) WHERE e.at IS NOT NULL }} AS n"
)
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
    + """ = entry.version
// Cleaned, not deleted: see the module's docstring.
REMOVE e.at
RETURN count(*) AS cleared
"""
)
# Entries keep their versions, so they count every change; the tally holds those of the
# entries earlier versions deleted.
RECORDED: LiteralString = f"""
OPTIONAL MATCH (t:{Label.OUTBOX_TALLY} {{name: 'search'}})
RETURN coalesce(t.applied, 0) + reduce(s = 0, v IN COLLECT {{
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
    """Mark the applied entries clean whose version is still the one read; an entry written
    meanwhile stays dirty for the next batch. Returns how many were cleaned."""
    if not entries:
        return 0
    with driver.session(database=database) as session:
        return session.execute_write(clear_in, entries)


def clear_in(tx: ManagedTransaction, entries: list[dict[str, Any]]) -> int:
    """`clear_applied` inside the caller's transaction."""
    rows = [{"id": e["id"], "version": e["version"]} for e in entries]
    record = tx.run(_CLEAR, entries=rows).single()
    return int(record["cleared"]) if record else 0


def recorded_changes(driver: Driver, database: str) -> int:
    """Every change ever recorded: those applied plus those waiting (a monotonic count)."""
    records, _, _ = driver.execute_query(RECORDED, database_=database)
    return int(records[0]["recorded"])
