"""Rate limiting by query cost, per client: the token's subject, else the client address.

A token bucket per client holds `per_minute` cost points and refills continuously. A request
is let in while the bucket is above zero and its cost is charged afterwards (the cost is
known only once the document is validated), so one large query can overdraw the bucket;
the next requests then wait, told how long by `Retry-After`. The buckets live in this
process: behind several API instances each instance counts on its own (see README).
"""

from __future__ import annotations

import math
import time
from collections import OrderedDict
from dataclasses import dataclass

MAX_CLIENTS = 100_000


@dataclass
class Bucket:
    tokens: float
    updated: float


class CostRateLimiter:
    def __init__(self, per_minute: int) -> None:
        self.capacity = float(per_minute)
        self.rate = per_minute / 60.0
        self._buckets: OrderedDict[str, Bucket] = OrderedDict()

    @property
    def enabled(self) -> bool:
        return self.capacity > 0

    def _bucket(self, key: str, now: float) -> Bucket:
        bucket = self._buckets.get(key)
        if bucket is None:
            bucket = Bucket(self.capacity, now)
            self._buckets[key] = bucket
            if len(self._buckets) > MAX_CLIENTS:
                self._buckets.popitem(last=False)  # forget the least recently seen client
        else:
            self._buckets.move_to_end(key)
            bucket.tokens = min(self.capacity, bucket.tokens + (now - bucket.updated) * self.rate)
            bucket.updated = now
        return bucket

    def retry_after(self, key: str) -> int | None:
        """Seconds to wait, or None when the client may go ahead."""
        if not self.enabled:
            return None
        bucket = self._bucket(key, time.monotonic())
        if bucket.tokens > 0:
            return None
        return max(1, math.ceil(-bucket.tokens / self.rate + 1e-9))

    def charge(self, key: str, cost: int) -> float:
        """Deduct `cost`; returns what is left (for the RateLimit-Remaining header)."""
        if not self.enabled:
            return math.inf
        bucket = self._bucket(key, time.monotonic())
        bucket.tokens -= max(cost, 1)
        return bucket.tokens
