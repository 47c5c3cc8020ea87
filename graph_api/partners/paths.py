"""`connectionPath`: the shortest chain of memberships, partnerships and branches.

Hops count relationships, so two members of one coalition are 2 hops apart (through the
coalition). Cypher cannot take a variable-length bound as a parameter, so the bound is one
of six fixed pattern texts chosen by the validated `maxHops`; no request value is written
into the statement.
"""

from __future__ import annotations

from collections.abc import Iterable

from graph_api.graph_names import Label
from graph_api.graphql.compiler import Compiler, Selection
from graph_api.partners.projection import cypher_map, selected
from graph_api.partners.types import PathRelationship

MAX_HOPS = 6
# The types a path may cross are exactly the `PathStep.relationship` enum's values (taken
# from `Rel`), so every step's `type(rel)` is one of them.
_TYPES = "|".join(r.value for r in PathRelationship)
PATTERNS: dict[int, str] = {
    hops: f"(a)-[:{_TYPES}*..{hops}]-(b)" for hops in range(1, MAX_HOPS + 1)
}


def path_cypher(
    c: Compiler, from_key: str, to_key: str, max_hops: int, selections: Iterable[Selection]
) -> str:
    """One row with the path, or no row when either organisation is unknown; `result` is null
    when no path is within the bound."""
    sel = selected(c, "ConnectionPath", selections)
    if from_key == to_key:
        # shortestPath refuses equal ends; an organisation reaches itself in zero hops.
        empty = {"hops": "0", "steps": "[]", "introducers": "[]"}
        body = cypher_map({k: v for k, v in empty.items() if k in sel})
        return f"MATCH (a:{Label.ORGANISATION} {{id: {c.param(from_key)}}}) RETURN {body} AS result"
    entries: dict[str, str] = {}
    if "hops" in sel:
        entries["hops"] = "length(path)"
    if "steps" in sel:
        entries["steps"] = _steps(c, sel["steps"])
    if "introducers" in sel:
        org = c.project("Organisation", "x", sel["introducers"])
        entries["introducers"] = (
            "COLLECT { UNWIND range(1, length(path) - 1) AS i "
            f"WITH i, nodes(path)[i] AS x WHERE x:{Label.ORGANISATION} "
            f"WITH i, x ORDER BY i RETURN {org} }}"
        )
    return f"""
MATCH (a:{Label.ORGANISATION} {{id: {c.param(from_key)}}})
MATCH (b:{Label.ORGANISATION} {{id: {c.param(to_key)}}})
OPTIONAL MATCH path = shortestPath({PATTERNS[max_hops]})
RETURN CASE WHEN path IS NULL THEN null ELSE {cypher_map(entries)} END AS result
"""


def _steps(c: Compiler, selections: list[Selection]) -> str:
    sel = selected(c, "PathStep", selections)
    entries: dict[str, str] = {}
    if "node" in sel:
        org = c.project("Organisation", "x", sel["node"])
        coalition = c.project("Coalition", "x", sel["node"])
        entries["node"] = f"CASE WHEN x:{Label.ORGANISATION} THEN {org} ELSE {coalition} END"
    if "relationship" in sel:
        entries["relationship"] = "type(rel)"
    if "direction" in sel:
        entries["direction"] = "CASE WHEN startNode(rel) = prev THEN 'OUTGOING' ELSE 'INCOMING' END"
    if "role" in sel:
        entries["role"] = "rel.role"
    if "since" in sel:
        entries["since"] = "toString(rel.since)"
    return (
        "COLLECT { UNWIND range(1, length(path)) AS i "
        "WITH i, nodes(path)[i] AS x, nodes(path)[i - 1] AS prev, "
        "relationships(path)[i - 1] AS rel "
        f"ORDER BY i RETURN {cypher_map(entries)} }}"
    )
