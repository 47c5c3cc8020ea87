"""Rate limiting in points, per caller: the token's subject, else (anonymous callers) the
client address, each with a budget of its own.

A request is charged its query cost (what ran, at least 1) plus the time its parsing and
validation held the process, at `POINTS_PER_MS`: a document that takes 100 ms to refuse costs
10,000 points, the same document again (cached) next to nothing. A token bucket per caller holds a
minute's budget and refills continuously. A request is let in while the bucket is above zero;
its cost is known only once it has run, so one request can overdraw the bucket, and the next
wait until it is above zero again (`Retry-After`). The buckets live in this process: behind
several workers or instances each counts on its own (see README).
"""

from __future__ import annotations

import math
import time
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any

MAX_CALLERS = 100_000
WINDOW_SECONDS = 60
# One point is about 10 µs of the server's time: the scale query cost has at its cheapest.
POINTS_PER_MS = 100


def work_points(seconds: float) -> float:
    return seconds * 1000.0 * POINTS_PER_MS


@dataclass(frozen=True)
class Caller:
    key: str  # "token:<subject>" or "address:<host>"
    limit: int  # points a minute


@dataclass(frozen=True)
class Quota:
    """A caller's budget as the IETF draft's RateLimit header fields report it."""

    limit: int
    remaining: int
    reset: int  # seconds until the budget is whole again
    retry_after: int | None  # when the caller may not go ahead now: seconds to wait

    def headers(self) -> dict[str, str]:
        return {
            "RateLimit-Limit": str(self.limit),
            "RateLimit-Remaining": str(self.remaining),
            "RateLimit-Reset": str(self.reset),
            "RateLimit-Policy": f"{self.limit};w={WINDOW_SECONDS}",
        }

    def extension(self) -> dict[str, Any]:
        return {"limit": self.limit, "remaining": self.remaining, "reset": self.reset}


@dataclass
class _Bucket:
    tokens: float
    updated: float


class RateLimiter:
    def __init__(self, per_token: int, per_address: int) -> None:
        self.per_token = per_token
        self.per_address = per_address
        self._buckets: OrderedDict[str, _Bucket] = OrderedDict()

    @property
    def enabled(self) -> bool:
        return self.per_token > 0

    def caller(self, subject: str | None, address: str) -> Caller | None:
        """Whose budget a request uses; None when it is not limited."""
        if not self.enabled:
            return None
        if subject:
            return Caller(f"token:{subject}", self.per_token)
        if self.per_address <= 0:
            return None
        return Caller(f"address:{address}", self.per_address)

    def _bucket(self, caller: Caller, now: float) -> _Bucket:
        bucket = self._buckets.get(caller.key)
        if bucket is None:
            bucket = _Bucket(float(caller.limit), now)
            self._buckets[caller.key] = bucket
            if len(self._buckets) > MAX_CALLERS:
                self._buckets.popitem(last=False)  # forget the least recently seen caller
        else:
            self._buckets.move_to_end(caller.key)
            rate = caller.limit / WINDOW_SECONDS
            bucket.tokens = min(caller.limit, bucket.tokens + (now - bucket.updated) * rate)
            bucket.updated = now
        return bucket

    def quota(self, caller: Caller) -> Quota:
        tokens = self._bucket(caller, time.monotonic()).tokens
        rate = caller.limit / WINDOW_SECONDS
        retry_after = None if tokens > 0 else max(1, math.ceil(-tokens / rate + 1e-9))
        return Quota(
            limit=caller.limit,
            remaining=max(0, math.floor(tokens)),
            reset=math.ceil((caller.limit - tokens) / rate - 1e-9),
            retry_after=retry_after,
        )

    def charge(self, caller: Caller, points: float) -> None:
        self._bucket(caller, time.monotonic()).tokens -= points
