"""One writer of the indexes at a time: a lease kept in the graph.

Two indexers (API workers, instances, `graph-api indexer`) draining the outbox together
could apply an older state after a newer one; a reindex must also keep the indexer from
writing to the index it is about to replace. Whoever holds the lease may write; it expires
after `TTL_S` unless renewed, so a crashed holder blocks the others for that long at most.

It lives on a `(:SearchLease {name: 'search-indexer'})` node, whose uniqueness constraint
makes the MERGE safe when two processes create it at once; writers never touch it, so the
lease never delays a write.
"""

from __future__ import annotations

import os
import socket
import time
import uuid
from typing import LiteralString

from neo4j import Driver

from graph_api.graph_names import Label

LEASE_NAME = "search-indexer"
TTL_S = 30

# The lease's lock is taken before its holder is read (as every read-check-write here):
# without it, two indexers could both read "free" and both take the lease, and an indexer
# still working on a draft's old state could then delete the document another had just
# indexed for its publication.
_ACQUIRE: LiteralString = f"""
MERGE (lease:{Label.SEARCH_LEASE} {{name: $name}})
SET lease._lock = true REMOVE lease._lock
WITH lease
WHERE lease.leaseHolder IS NULL OR lease.leaseHolder = $holder
   OR lease.leaseUntil < datetime()
SET lease.leaseHolder = $holder, lease.leaseUntil = datetime() + duration({{seconds: $ttl}})
RETURN true AS held
"""
_RELEASE: LiteralString = f"""
MATCH (lease:{Label.SEARCH_LEASE} {{name: $name}})
SET lease._lock = true REMOVE lease._lock
WITH lease WHERE lease.leaseHolder = $holder
SET lease.leaseHolder = null, lease.leaseUntil = null
"""


class LeaseBusyError(RuntimeError):
    """Another indexer or reindex holds the lease."""


class Lease:
    def __init__(
        self, driver: Driver, database: str, role: str = "indexer", name: str = LEASE_NAME
    ) -> None:
        self.driver = driver
        self.database = database
        self.name = name
        self.holder = f"{role}@{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"
        self.held = False

    def acquire(self) -> bool:
        """Take or renew the lease; False when someone else holds it."""
        records, _, _ = self.driver.execute_query(
            _ACQUIRE, name=self.name, holder=self.holder, ttl=TTL_S, database_=self.database
        )
        self.held = bool(records)
        return self.held

    def renew(self) -> None:
        """Renew a held lease; raise when it was lost (expired and taken by another)."""
        if not self.acquire():
            raise LeaseBusyError("The search lease expired and another process took it.")

    def wait(self, timeout_s: float, poll_s: float = 0.2) -> None:
        deadline = time.monotonic() + timeout_s
        while not self.acquire():
            if time.monotonic() > deadline:
                raise LeaseBusyError(
                    f"Another indexer or reindex kept the search lease for {timeout_s:.0f} s."
                )
            time.sleep(poll_s)

    def release(self) -> None:
        if self.held:
            self.held = False
            self.driver.execute_query(
                _RELEASE, name=self.name, holder=self.holder, database_=self.database
            )
