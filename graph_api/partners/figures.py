"""Network figures: per coalition, and the best-connected organisations.

Per-province figures are `coverage { perProvince }` (ProvinceCoverage in partners.types).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from graph_api.graph_names import Label
from graph_api.graphql.compiler import Compiler, Selection
from graph_api.partners.counts import degree


def coalition_figures_cypher(
    c: Compiler, coalition_id: str, selections: Iterable[Selection]
) -> str:
    """One row, or none when the coalition is unknown."""
    body = c.project("CoalitionFigures", "k", selections)
    return f"MATCH (k:{Label.COALITION} {{id: {c.param(coalition_id)}}}) RETURN {body} AS result"


def best_connected_cypher(
    c: Compiler, first: int, kinds: Sequence[str] | None, selections: Iterable[Selection]
) -> str:
    """Ranking needs every organisation's degree, read from the degree store (no expansion);
    with `kinds` the organisation_kind index narrows them first. Ties go by id."""
    where = f" WHERE o.kind IN {c.param(list(kinds))}" if kinds else ""
    body = c.project("ConnectedOrganisation", "o", selections)
    return (
        f"RETURN COLLECT {{ MATCH (o:{Label.ORGANISATION}){where} "
        f"WITH o, {degree('o')} AS degree ORDER BY degree DESC, o.id "
        f"LIMIT {c.param(first)} RETURN {body} }} AS result"
    )
