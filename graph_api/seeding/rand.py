"""Deterministic randomness: one generator per (stream, item), dates drawn from it.

Each generated item gets its own `random.Random`, seeded from the fixed seed, a stream name
and the item's index. An item therefore looks the same whatever the scale, and the data of
a small run is a prefix of the data of a larger one. No value ever comes from the clock.
"""

from __future__ import annotations

import bisect
import itertools
import random
from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta
from typing import Generic, TypeVar

SEED = 20180901

T = TypeVar("T")


def rng_for(stream: str, index: int | str = 0) -> random.Random:
    # String seeds are hashed with SHA-512 by `random`, so this is stable across processes
    # (unlike hash(), which PYTHONHASHSEED randomises).
    return random.Random(f"{SEED}/{stream}/{index}")


def below(rng: random.Random, n: int) -> int:
    """An int in [0, n). Cheaper than randrange, which matters at 100,000s of items."""
    return int(rng.random() * n)


def between(rng: random.Random, low: int, high: int) -> int:
    """An int in [low, high], like randint."""
    return low + int(rng.random() * (high - low + 1))


def choose(rng: random.Random, seq: Sequence[T]) -> T:
    return seq[int(rng.random() * len(seq))]


def random_date(rng: random.Random, start: date, end: date) -> date:
    """A day in [start, end]."""
    span = (end - start).days
    return start + timedelta(days=between(rng, 0, max(span, 0)))


def random_datetime(rng: random.Random, start: datetime, end: datetime) -> datetime:
    """A UTC instant in [start, end], whole seconds, office hours-ish for plausibility."""
    day = random_date(rng, start.date(), end.date())
    moment = datetime(
        day.year,
        day.month,
        day.day,
        between(rng, 7, 18),
        between(rng, 0, 59),
        between(rng, 0, 59),
        tzinfo=UTC,
    )
    return min(max(moment, start), end)


def utc(year: int, month: int, day: int) -> datetime:
    return datetime(year, month, day, tzinfo=UTC)


class Weighted(Generic[T]):
    """A fixed weighted choice, with the cumulative weights computed once."""

    def __init__(self, options: dict[T, float]) -> None:
        self.keys = list(options)
        self.cumulative = list(itertools.accumulate(options[k] for k in self.keys))

    def draw(self, rng: random.Random) -> T:
        point = rng.random() * self.cumulative[-1]
        return self.keys[bisect.bisect_right(self.cumulative, point)]


def pick_some(rng: random.Random, pool: Sequence[T], low: int, high: int, bias: int = 0) -> list[T]:
    """Between low and high distinct items of pool; with bias > 0 the first `bias` items
    (the most typical ones) are three times as likely to be drawn."""
    count = min(between(rng, low, high), len(pool))
    if count <= 0:
        return []
    # Weighted sampling without replacement (Efraimidis-Spirakis): keep the largest keys.
    keyed = [(rng.random() ** (1.0 / (3.0 if i < bias else 1.0)), i) for i in range(len(pool))]
    keyed.sort(reverse=True)
    return [pool[i] for _, i in keyed[:count]]
