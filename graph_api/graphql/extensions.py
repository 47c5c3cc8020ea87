"""Schema extensions: round-trip figures for developers."""

from __future__ import annotations

from typing import Any

from strawberry.extensions import SchemaExtension


class CypherRoundTrips(SchemaExtension):
    """Adds `extensions.cypherRoundTrips`: how many Cypher statements this request ran."""

    def get_results(self) -> dict[str, Any]:
        context = self.execution_context.context
        trips = getattr(context, "trips", None)
        return {"cypherRoundTrips": trips.count} if trips is not None else {}
