"""Partner tokens must name an organisation that exists; checked once a minute per id."""

from __future__ import annotations

import time

from graph_api.auth.tokens import TokenError
from graph_api.db.driver import Database
from graph_api.graph_names import Label

CACHE_S = 60.0
MAX_ENTRIES = 10_000


class KnownOrganisations:
    def __init__(self) -> None:
        self._until: dict[str, float] = {}

    async def check(self, db: Database, organisation_id: str) -> None:
        if self._until.get(organisation_id, 0.0) > time.monotonic():
            return
        rows = await db.read(
            f"RETURN EXISTS {{ MATCH (o:{Label.ORGANISATION}) WHERE o.id = $id }} AS known",
            {"id": organisation_id},
        )
        if not rows or not rows[0]["known"]:
            raise TokenError(f"The token names an unknown organisation ({organisation_id[:60]!r}).")
        if len(self._until) > MAX_ENTRIES:
            self._until.clear()
        self._until[organisation_id] = time.monotonic() + CACHE_S
