"""The search outbox: a record, written in the same Neo4j transaction as the change, that
something searchable changed. The indexer drains it in `seq` order and deletes an entry only
once Meilisearch has applied it, so nothing is lost while the search engine is down.

Graph contract:
  (:OutboxEntry {seq: int, entity: 'practice' | 'organisation', key: <the node's id>,
                 at: datetime})
  (:OutboxCounter {name: 'search', value: <last seq>}) -- writing it orders the writers.
"""

from __future__ import annotations

from typing import Literal, LiteralString

from neo4j import AsyncManagedTransaction, Driver, ManagedTransaction, RoutingControl

Entity = Literal["practice", "organisation"]

_BUMP = """
MERGE (counter:OutboxCounter {name: 'search'})
SET counter.value = coalesce(counter.value, 0) + size($keys)
RETURN counter.value AS last
"""
_CREATE = """
UNWIND range(0, size($keys) - 1) AS i
CREATE (:OutboxEntry {seq: $last - size($keys) + 1 + i, entity: $entity, key: $keys[i],
                      at: datetime()})
"""


async def record(tx: AsyncManagedTransaction, entity: Entity, keys: list[str]) -> None:
    """Append entries for `keys` inside the caller's write transaction."""
    if not keys:
        return
    result = await tx.run(_BUMP, keys=keys)
    last = (await result.single(strict=True))["last"]
    await (await tx.run(_CREATE, keys=keys, last=last, entity=entity)).consume()


def record_sync(tx: ManagedTransaction, entity: Entity, keys: list[str]) -> None:
    """The same, for the command line's synchronous driver."""
    if not keys:
        return
    last = tx.run(_BUMP, keys=keys).single(strict=True)["last"]
    tx.run(_CREATE, keys=keys, last=last, entity=entity).consume()


# -- read and cleared by the indexer (graph_api.search.indexer) ---------------------------

_ANY: LiteralString = "MATCH (e:OutboxEntry) RETURN e.seq AS seq LIMIT 1"
_COUNT: LiteralString = "RETURN COUNT { MATCH (e:OutboxEntry) } AS n"
_DELETE: LiteralString = """
UNWIND $seqs AS seq
MATCH (e:OutboxEntry {seq: seq})
DELETE e
"""


def has_entries(driver: Driver, database: str) -> bool:
    records, _, _ = driver.execute_query(_ANY, database_=database, routing_=RoutingControl.READ)
    return bool(records)


def entry_count(driver: Driver, database: str) -> int:
    records, _, _ = driver.execute_query(_COUNT, database_=database, routing_=RoutingControl.READ)
    return int(records[0]["n"])


def delete_entries(driver: Driver, database: str, seqs: list[int]) -> None:
    """Delete exactly the entries that were applied; later ones for the same key stay."""
    if seqs:
        driver.execute_query(_DELETE, seqs=seqs, database_=database)
