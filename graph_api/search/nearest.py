"""Practice search ordered by distance (`sort: DISTANCE` with `filter.near`).

A practice applied in several places is as near as the nearest of them, but Meilisearch
keeps one `_geo` point per document, so it cannot sort them. The order is taken here
instead, over the matches' ids and places only. When all matches fit in one search (the
usual case), they are sorted by distance; equally far ones keep Meilisearch's order
(relevance, or newest first without words). When there are more, the first page lies in
the nearest places: a binary search over the municipalities within the radius (nearest
first) finds the fewest whose practices fill the page, and the last of them adds its
practices in Meilisearch's order, all being equally far. The page's hits themselves
(highlights, facets, nodes) are then fetched as for any other order.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

from graph_api.graphql.filtering import all_of, any_of
from graph_api.search import engine
from graph_api.search.index_settings import MAX_TOTAL_HITS
from graph_api.settings import Settings

PLACES = "municipalities"


async def nearest_ids(
    settings: Settings,
    index: str,
    q: str,
    expression: str | None,
    places: Sequence[str],
    km: Callable[[Iterable[str]], float | None],
    needed: int,
    ties: list[str],
    cap: int = MAX_TOTAL_HITS,
) -> tuple[list[str], int]:
    """The ids of the first `needed` matches by distance, and how many
    match in all (Meilisearch's estimate, capped at MAX_TOTAL_HITS as for other orders).
    `places`: the municipality codes within the radius, which `expression` requires;
    `ties`: Meilisearch's sort among equally far matches ([] for relevance); `cap`: the
    most hits one search returns (the index's `maxTotalHits`; tests lower it)."""
    needed = min(needed, cap)

    async def matches(condition: str | None, limit: int) -> tuple[list[dict[str, Any]], int]:
        params: dict[str, Any] = {
            "limit": limit,
            "attributesToRetrieve": ["id", PLACES],
            "matchingStrategy": "all",  # as the other sorted orders
        }
        if condition:
            params["filter"] = condition
        if ties:
            params["sort"] = ties
        result = await engine.search(settings, index, q, params)
        return list(result.get("hits") or []), int(result.get("estimatedTotalHits") or 0)

    def nearest_first(hits: list[dict[str, Any]]) -> list[str]:
        far = float("inf")
        # sorted() is stable: equally far hits keep Meilisearch's order.
        ranked = sorted(hits, key=lambda hit: _codes_distance(km, hit.get(PLACES), far))
        return [hit["id"] for hit in ranked]

    found, total = await matches(expression, cap)
    if len(found) < cap or not places:
        return nearest_first(found)[:needed], total
    ordered = sorted(places, key=lambda code: _codes_distance(km, [code], float("inf")))
    # Invariant: the practices of ordered[:lo] are fewer than `needed` (`inner`); those of
    # ordered[:hi] are at least `needed` (hi = all places: the full set just searched).
    lo, hi, inner = 0, len(ordered), []
    while hi - lo > 1:
        mid = (lo + hi) // 2
        hits, _ = await matches(all_of(_within(expression, ordered[:mid])), cap)
        if len(hits) >= needed:
            hi = mid
        else:
            lo, inner = mid, hits
    # Practices whose nearest place is ordered[lo]: all equally far, in Meilisearch's order.
    ring = [any_of(PLACES, [ordered[lo]])]
    if lo:
        ring.append(f"NOT {any_of(PLACES, ordered[:lo])}")
    rest, _ = await matches(all_of(_within(expression, [], ring)), needed - len(inner))
    return (nearest_first(inner) + [hit["id"] for hit in rest])[:needed], total


def _within(expression: str | None, codes: Sequence[str], extra: Sequence[str] = ()) -> list[str]:
    parts = [expression] if expression else []
    if codes:
        parts.append(any_of(PLACES, codes))
    return [*parts, *extra]


def _codes_distance(km: Callable[[Iterable[str]], float | None], codes: Any, far: float) -> float:
    values = codes if isinstance(codes, list) else [codes] if codes else []
    distance = km(values)
    return far if distance is None else distance
