"""Percentiles and the summary of one measured cell."""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

MAX_ERROR_SAMPLES = 5


def percentile(sorted_values: Sequence[float], q: float) -> float:
    """Linear interpolation between closest ranks (numpy's default), q in [0, 100]."""
    if not sorted_values:
        return math.nan
    if len(sorted_values) == 1:
        return sorted_values[0]
    rank = (len(sorted_values) - 1) * q / 100.0
    low = math.floor(rank)
    high = min(low + 1, len(sorted_values) - 1)
    return sorted_values[low] + (sorted_values[high] - sorted_values[low]) * (rank - low)


@dataclass
class Summary:
    """Client-side latencies in milliseconds; errors are counted, not timed."""

    concurrency: int
    requests: int
    ok: int
    errors: int
    seconds: float
    rps: float
    p50_ms: float
    p95_ms: float
    p99_ms: float
    mean_ms: float
    max_ms: float
    cut_short: bool = False  # the cell's time limit ended it before its request count
    error_samples: list[str] = field(default_factory=list)
    error_codes: dict[str, int] = field(default_factory=dict)  # errors counted by code
    extra: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        # NaN is not JSON; an empty cell has no latencies.
        return {k: (None if isinstance(v, float) and math.isnan(v) else v) for k, v in data.items()}


_CODE = re.compile(r"^(HTTP \d{3}|[A-Z][A-Z_]+):")


def error_code(message: str) -> str:
    """The code an error message starts with (`SERVICE_UNAVAILABLE: ...`, `HTTP 503: ...`);
    messages without one (timeouts, broken connections) count as OTHER."""
    found = _CODE.match(message)
    return found.group(1) if found else "OTHER"


def summarize(
    concurrency: int,
    latencies_ms: list[float],
    errors: list[str],
    seconds: float,
    cut_short: bool = False,
) -> Summary:
    values = sorted(latencies_ms)
    distinct: list[str] = []
    for message in errors:
        if message not in distinct and len(distinct) < MAX_ERROR_SAMPLES:
            distinct.append(message)
    done = len(values) + len(errors)
    return Summary(
        concurrency=concurrency,
        requests=done,
        ok=len(values),
        errors=len(errors),
        seconds=round(seconds, 3),
        rps=round(len(values) / seconds, 1) if seconds > 0 else math.nan,  # successful only
        p50_ms=round(percentile(values, 50), 3),
        p95_ms=round(percentile(values, 95), 3),
        p99_ms=round(percentile(values, 99), 3),
        mean_ms=round(sum(values) / len(values), 3) if values else math.nan,
        max_ms=round(values[-1], 3) if values else math.nan,
        cut_short=cut_short,
        error_samples=distinct,
        error_codes=dict(Counter(error_code(m) for m in errors).most_common()),
    )
