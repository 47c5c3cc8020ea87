"""Network figures: per coalition, and the best-connected organisations.

Per-province figures are `coverage { perProvince }` (ProvinceCoverage in partners.types).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from graph_api.graph_names import Label
from graph_api.graphql.compiler import Compiler, Selection


def coalition_figures_cypher(
    c: Compiler, coalition_id: str, selections: Iterable[Selection]
) -> str:
    """One row, or none when the coalition is unknown."""
    body = c.project("CoalitionFigures", "k", selections)
    return f"MATCH (k:{Label.COALITION} {{id: {c.param(coalition_id)}}}) RETURN {body} AS result"


def best_connected_cypher(
    c: Compiler, first: int, kinds: Sequence[str] | None, selections: Iterable[Selection]
) -> str:
    """Reads the maintained degree (partners.aggregates) in the order of its index, so the
    first page costs about the page, not every organisation. With `kinds`, the best of each
    kind come from the (kind, degree) index and are merged. Ties go by id."""
    first_p = c.param(first)
    body = c.project("ConnectedOrganisation", "o", selections)
    # `degree >= 0` lets the planner read the index (a missing degree is never ranked).
    ranked = f"WITH o ORDER BY o.degree DESC, o.id LIMIT {first_p}"
    if kinds:
        match = (
            f"UNWIND {c.param(list(kinds))} AS bc_kind CALL (bc_kind) {{ "
            f"MATCH (o:{Label.ORGANISATION}) WHERE o.kind = bc_kind AND o.degree >= 0 "
            # Naming the kind (one value here) lets the index provide the order.
            f"WITH o ORDER BY o.kind DESC, o.degree DESC, o.id LIMIT {first_p} RETURN o }} "
        )
    else:
        match = f"MATCH (o:{Label.ORGANISATION}) WHERE o.degree >= 0 "
    return f"RETURN COLLECT {{ {match}{ranked} RETURN {body} }} AS result"
