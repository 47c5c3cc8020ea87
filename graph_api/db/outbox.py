"""Marking searchable documents dirty, in the writer's own transaction: the write side of
the search outbox (`graph_api.search.outbox` describes the contract and the indexer reads
it). Here, below the domains, so that the network and practices record their changes
without depending on the search domain.
"""

from __future__ import annotations

from typing import Literal, LiteralString

from neo4j import AsyncManagedTransaction, ManagedTransaction

from graph_api.graph_names import Label

Entity = Literal["practice", "organisation", "activity"]

# An entry is dirty while it has `at`. The indexer cleans it by removing `at` and never
# deletes it (graph_api/search/outbox.py says why): a clean entry found here becomes dirty
# again, now; a dirty one keeps its time. The transaction's clock, not the statement's: a
# publish in the same transaction then has the same time (search/fresh.py compares them).
_RECORD: LiteralString = f"""
UNWIND $keys AS key
MERGE (e:{Label.OUTBOX_ENTRY} {{ref: $entity + ':' + key}})
ON CREATE SET e.entity = $entity, e.key = key, e.version = 1, e.at = datetime.transaction()
ON MATCH SET e.version = coalesce(e.version, 1) + 1, e.at = coalesce(e.at, datetime.transaction())
"""


def _keys(keys: list[str]) -> list[str]:
    # Sorted, so two writers of overlapping documents lock them in the same order.
    return sorted(set(keys))


async def record(tx: AsyncManagedTransaction, entity: Entity, keys: list[str]) -> None:
    """Mark the documents of `keys` dirty inside the caller's write transaction."""
    if keys:
        await (await tx.run(_RECORD, keys=_keys(keys), entity=entity)).consume()


def record_sync(tx: ManagedTransaction, entity: Entity, keys: list[str]) -> None:
    """The same, for the command line's synchronous driver."""
    if keys:
        tx.run(_RECORD, keys=_keys(keys), entity=entity).consume()
