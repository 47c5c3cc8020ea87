"""Labels for facet values, so a search page needs no second query to name them.

Facet values are slugs and codes (`PV30`, `GM0755`, `jongeren-12-25`, `2`). Their names are
the graph's reference data (themes, target groups, provinces, municipalities, action
lines), which only seeding and migrations change: they are read once per process and again
after `TTL_S`, outside any request's round trips, rather than once per search. The app
reads them at start-up (`warm`), so requests find them ready.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from typing import LiteralString

from graph_api.db.driver import Database
from graph_api.graph_names import Label

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

# Label scans, but over reference data of a few hundred nodes, once per TTL per process.
_READ: LiteralString = f"""RETURN
  COLLECT {{ MATCH (n:{Label.THEME}) RETURN [n.slug, n.name] }} AS theme,
  COLLECT {{ MATCH (n:{Label.TARGET_GROUP}) RETURN [n.slug, n.name] }} AS targetGroup,
  COLLECT {{ MATCH (n:{Label.PROVINCE}) RETURN [n.code, n.name] }} AS province,
  COLLECT {{ MATCH (n:{Label.MUNICIPALITY}) RETURN [n.code, n.name] }} AS municipality,
  COLLECT {{ MATCH (n:{Label.ACTION_LINE}) RETURN [toString(n.number), n.name] }} AS actionLine
"""


class ReferenceLabels:
    def __init__(self) -> None:
        self._labels: dict[str, dict[str, str]] = {}
        self._read_at = float("-inf")

    async def warm(self, db: Database) -> None:
        row = (await db.read(_READ, {}))[0]
        self._labels = {kind: {str(k): v for k, v in pairs} for kind, pairs in row.items()}
        self._read_at = time.monotonic()

    async def labeller(self, db: Database) -> Callable[[str, str], str | None]:
        """`label(attribute, value)`: the value's name, or None when it has none."""
        if time.monotonic() - self._read_at > TTL_S:
            # Two requests may both read them again: harmless, and no lock to share.
            await self.warm(db)
        labels = self._labels

        def label(attribute: str, value: str) -> str | None:
            kind = _KIND_OF_ATTRIBUTE.get(attribute)
            return None if kind is None else labels.get(kind, {}).get(value)

        return label


REFERENCE_LABELS = ReferenceLabels()
