"""Exponential backoff with jitter, for retrying while Neo4j or Meilisearch is unreachable."""

from __future__ import annotations

import random
from dataclasses import dataclass


@dataclass
class Backoff:
    base_s: float = 0.25
    cap_s: float = 30.0
    attempt: int = 0

    def next_delay(self) -> float:
        """The next wait: doubling up to the cap, then a random point in its upper half so
        that several indexers coming back do not all retry at the same instant."""
        delay = min(self.cap_s, self.base_s * 2**self.attempt)
        self.attempt += 1
        return random.uniform(delay / 2, delay)

    def reset(self) -> None:
        self.attempt = 0
