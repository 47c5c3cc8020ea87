"""The indexer's lease under contention: of many processes asking at once, one holds it.

Two indexers working at once is how a published practice went missing from search: one,
still applying the draft's state, deleted the document the other had just indexed.
"""

from __future__ import annotations

import uuid
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from neo4j import Driver

from graph_api.search.lease import Lease
from graph_api.settings import Settings

CONTENDERS = 16
ROUNDS = 10


def test_one_holder_among_many_asking_at_once(
    neo4j: Driver, settings: Settings, run_cypher: Any
) -> None:
    for _ in range(ROUNDS):
        name = f"test-lease-{uuid.uuid4().hex[:8]}"  # not the indexer's own lease
        leases = [Lease(neo4j, settings.neo4j_database, f"t{i}", name) for i in range(CONTENDERS)]
        # The lease exists and is free, as between two batches of the indexer.
        first = Lease(neo4j, settings.neo4j_database, "first", name)
        assert first.acquire()
        first.release()
        with ThreadPoolExecutor(CONTENDERS) as pool:
            held = list(pool.map(lambda lease: lease.acquire(), leases))
        holders = [lease.holder for lease, got in zip(leases, held, strict=True) if got]
        assert len(holders) == 1, holders
        stored = run_cypher(
            "MATCH (l:SearchLease {name: $name}) RETURN l.leaseHolder AS h", name=name
        )
        assert stored == [{"h": holders[0]}]
        # Someone else's release leaves it alone; the holder's frees it.
        loser = next(lease for lease, got in zip(leases, held, strict=True) if not got)
        loser.held = True  # as if it believed it still held an expired lease
        loser.release()
        assert run_cypher(
            "MATCH (l:SearchLease {name: $name}) RETURN l.leaseHolder AS h", name=name
        ) == [{"h": holders[0]}]
        winner = next(lease for lease, got in zip(leases, held, strict=True) if got)
        winner.release()
        run_cypher("MATCH (l:SearchLease {name: $name}) DELETE l", name=name)
