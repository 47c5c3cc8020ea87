"""Deterministic randomness: one generator per (stream, item), dates drawn from it.

Each generated item gets its own `random.Random`, seeded from the fixed seed, a stream name
and the item's index. An item therefore looks the same whatever the scale, and the data of
a small run is a prefix of the data of a larger one. No value ever comes from the clock.
"""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, timedelta
from typing import TypeVar

SEED = 20180901

T = TypeVar("T")


def rng_for(stream: str, index: int | str = 0) -> random.Random:
    # String seeds are hashed with SHA-512 by `random`, so this is stable across processes
    # (unlike hash(), which PYTHONHASHSEED randomises).
    return random.Random(f"{SEED}/{stream}/{index}")


def random_date(rng: random.Random, start: date, end: date) -> date:
    """A day in [start, end]."""
    span = (end - start).days
    return start + timedelta(days=rng.randint(0, max(span, 0)))


def random_datetime(rng: random.Random, start: datetime, end: datetime) -> datetime:
    """A UTC instant in [start, end], whole seconds, office hours-ish for plausibility."""
    day = random_date(rng, start.date(), end.date())
    moment = datetime(
        day.year,
        day.month,
        day.day,
        rng.randint(7, 18),
        rng.randint(0, 59),
        rng.randint(0, 59),
        tzinfo=UTC,
    )
    return min(max(moment, start), end)


def utc(year: int, month: int, day: int) -> datetime:
    return datetime(year, month, day, tzinfo=UTC)


def weighted(rng: random.Random, options: dict[T, float]) -> T:
    keys = list(options)
    return rng.choices(keys, weights=[options[k] for k in keys], k=1)[0]


def pick_some(
    rng: random.Random, pool: tuple[T, ...] | list[T], low: int, high: int, bias: int = 0
) -> list[T]:
    """Between low and high distinct items of pool; with bias > 0 the first `bias` items
    (the most typical ones) are drawn more often."""
    count = min(rng.randint(low, high), len(pool))
    if count <= 0:
        return []
    weights = [3.0 if i < bias else 1.0 for i in range(len(pool))]
    chosen: list[T] = []
    candidates = list(pool)
    while len(chosen) < count:
        item = rng.choices(candidates, weights=weights, k=1)[0]
        idx = candidates.index(item)
        chosen.append(item)
        del candidates[idx]
        del weights[idx]
    return chosen
