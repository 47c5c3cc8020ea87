"""The graph's reference data that search needs besides the index: names for facet values
and where each municipality lies.

Facet values are slugs and codes (`PV30`, `GM0755`, `jongeren-12-25`, `2`), so a search page
would need a second query to name them; a hit found `near` a place should say how far it
is. Themes, target groups, provinces, municipalities and action lines change only by
seeding and migrations: they are read once per process and again after `TTL_S`, outside any
request's round trips, rather than once per search. The app reads them at start-up
(`warm`), so requests find them ready.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Iterable, Mapping
from enum import Enum
from typing import Any, LiteralString

from graph_api.db.driver import Database
from graph_api.graph_names import Label
from graph_api.labels import label as enum_label
from graph_api.locale import Locale
from graph_api.network.enums import OrganisationKind, Scope
from graph_api.practices.types import EvidenceLevel

TTL_S = 300.0

# Each facet attribute (of either index) and which reference data names its values.
_KIND_OF_ATTRIBUTE: Mapping[str, str] = {
    "themes": "theme",
    "targetGroups": "targetGroup",
    "provinces": "province",
    "province": "province",
    "municipalities": "municipality",
    "municipality": "municipality",
    "actionLines": "actionLine",
}

# Facet attributes whose values are enum values: labelled by graph_api.labels.
_ENUM_OF_ATTRIBUTE: Mapping[str, type[Enum]] = {
    "organisationKind": OrganisationKind,
    "kind": OrganisationKind,
    "scope": Scope,
    "evidenceLevel": EvidenceLevel,
}

# Label scans, but over reference data of a few hundred nodes, once per TTL per process.
_READ: LiteralString = f"""RETURN
  COLLECT {{ MATCH (n:{Label.THEME}) RETURN [n.slug, n.name] }} AS theme,
  COLLECT {{ MATCH (n:{Label.TARGET_GROUP}) RETURN [n.slug, n.name] }} AS targetGroup,
  COLLECT {{ MATCH (n:{Label.PROVINCE}) RETURN [n.code, n.name] }} AS province,
  COLLECT {{ MATCH (n:{Label.MUNICIPALITY}) RETURN [n.code, n.name] }} AS municipality,
  COLLECT {{ MATCH (n:{Label.ACTION_LINE}) RETURN [toString(n.number), n.name] }} AS actionLine,
  COLLECT {{ MATCH (n:{Label.MUNICIPALITY})
            RETURN [n.code, [n.location.latitude, n.location.longitude]] }} AS location
"""
EARTH_RADIUS_KM = 6371.0


class ReferenceData:
    def __init__(self) -> None:
        self._labels: dict[str, dict[str, Any]] = {}
        self._read_at = float("-inf")

    async def warm(self, db: Database) -> None:
        row = (await db.read(_READ, {}))[0]
        self._labels = {kind: {str(k): v for k, v in pairs} for kind, pairs in row.items()}
        self._read_at = time.monotonic()

    async def _current(self, db: Database) -> dict[str, dict[str, Any]]:
        if time.monotonic() - self._read_at > TTL_S:
            # Two requests may both read them again: harmless, and no lock to share.
            await self.warm(db)
        return self._labels

    async def location(self, db: Database, code: str) -> tuple[float, float] | None:
        """(latitude, longitude) of a municipality's centroid, None when unknown."""
        point = (await self._current(db)).get("location", {}).get(code)
        return None if point is None else (point[0], point[1])

    async def distances(self, db: Database, centre: str) -> Callable[[Iterable[str]], float | None]:
        """`km(codes)`: from municipality `centre` to the nearest of `codes`, in km rounded
        to the metre as `nearby` gives it (None without a known place)."""
        points = (await self._current(db)).get("location", {})
        origin = points.get(centre)

        def km(codes: Iterable[str]) -> float | None:
            if origin is None:
                return None
            found = [_haversine_km(origin, points[c]) for c in codes if c in points]
            return round(min(found), 3) if found else None

        return km

    async def labeller(self, db: Database, locale: Locale) -> Callable[[str, str], str | None]:
        """`label(attribute, value)`: the value's name (an enum value's label in `locale`),
        or None when it has none."""
        labels = await self._current(db)

        def label(attribute: str, value: str) -> str | None:
            enum = _ENUM_OF_ATTRIBUTE.get(attribute)
            if enum is not None:
                member = enum.__members__.get(value)
                return None if member is None else enum_label(member, locale)
            kind = _KIND_OF_ATTRIBUTE.get(attribute)
            return None if kind is None else labels.get(kind, {}).get(value)

        return label


def _haversine_km(a: list[float], b: list[float]) -> float:
    # Neo4j's point.distance on WGS-84 points is this great-circle distance too.
    lat1, lng1, lat2, lng2 = map(math.radians, (*a, *b))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lng2 - lng1) / 2) ** 2
    )
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(h))


REFERENCE = ReferenceData()
