"""Nearness between municipalities, from their centroids, for "nearby" demo links."""

from __future__ import annotations

import math

from graph_api.seeding.reference import Municipality

EARTH_RADIUS_KM = 6371.0


def distance_km(a: Municipality, b: Municipality) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (a.lat, a.lon, b.lat, b.lon))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(h))


class Neighbours:
    """For each municipality, the others ordered by distance (342² pairs: cheap to hold)."""

    def __init__(self, municipalities: tuple[Municipality, ...]) -> None:
        self._by_code = {m.code: m for m in municipalities}
        self._ordered: dict[str, list[tuple[float, str]]] = {}
        for m in municipalities:
            others = [(distance_km(m, o), o.code) for o in municipalities if o.code != m.code]
            # Ties broken by code, so the order never depends on dict or set iteration.
            others.sort()
            self._ordered[m.code] = others

    def nearest(self, code: str, count: int, within_km: float = math.inf) -> list[str]:
        return [c for d, c in self._ordered[code][:count] if d <= within_km]

    def distance(self, a: str, b: str) -> float:
        return distance_km(self._by_code[a], self._by_code[b])
