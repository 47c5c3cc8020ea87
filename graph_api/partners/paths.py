"""`connectionPath`: the shortest chain of memberships, partnerships and branches.

Hops count relationships, so two members of one coalition are 2 hops apart (through the
coalition). The search always goes up to LONGEST_PATH hops and `maxHops` only decides
whether the path found counts as `found`: shortestPath stops at the first (shortest) path,
so a pair within `maxHops` costs what it did with the smaller bound, and a pair beyond it
learns how far it is and through whom. Cypher cannot take a variable-length bound as a
parameter; the one bound is a constant of this module.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from graph_api.graph_names import Label, Rel
from graph_api.graphql.compiler import Compiler, Selection
from graph_api.locale import Locale
from graph_api.partners.projection import cypher_map, selected
from graph_api.partners.types import LONGEST_PATH, PathRelationship

MAX_HOPS = LONGEST_PATH
# The types a path may cross are exactly the `PathStep.relationship` enum's values (taken
# from `Rel`), so every step's `type(rel)` is one of them.
_TYPES = "|".join(r.value for r in PathRelationship)
PATTERN = f"(a)-[:{_TYPES}*..{MAX_HOPS}]-(b)"
_EMPTY = {
    "found": "false",
    "hops": "null",
    "steps": "[]",
    "introducers": "[]",
    "introducer_details": "[]",
}


def itself_cypher(c: Compiler, key: str, selections: Iterable[Selection]) -> str:
    """From an organisation to itself: a path of zero hops (shortestPath refuses equal ends)."""
    sel = selected(c, "ConnectionPath", selections)
    itself = {**_EMPTY, "found": "true", "hops": "0"}
    body = cypher_map({k: v for k, v in itself.items() if k in sel})
    return f"MATCH (a:{Label.ORGANISATION} {{id: {c.param(key)}}}) RETURN {body} AS result"


def path_cypher(
    c: Compiler, from_key: str, to_key: str, max_hops: int, selections: Iterable[Selection]
) -> str:
    """One row with the path between two different organisations, or no row when either is
    unknown. The values only become parameters, so the statement is kept between requests
    (`projections.statement`)."""
    sel = selected(c, "ConnectionPath", selections)
    entries: dict[str, str] = {}
    if "found" in sel:
        entries["found"] = f"length(path) <= {c.param(max_hops)}"
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
    if "introducer_details" in sel:
        entries["introducer_details"] = _introducer_details(c, sel["introducer_details"])
    empty = cypher_map({k: v for k, v in _EMPTY.items() if k in sel})
    return f"""
MATCH (a:{Label.ORGANISATION} {{id: {c.param(from_key)}}})
MATCH (b:{Label.ORGANISATION} {{id: {c.param(to_key)}}})
OPTIONAL MATCH path = shortestPath({PATTERN})
RETURN CASE WHEN path IS NULL THEN {empty} ELSE {cypher_map(entries)} END AS result
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


def _introducer_details(c: Compiler, selections: list[Selection]) -> str:
    """Each organisation between the ends with the one before it on the path: through a
    coalition (both members) the organisation two nodes back, else the one just before."""
    sel = selected(c, "PathIntroducer", selections)
    # The facts the description is worded from are always read.
    entries = {
        "relationship": "type(rel)",
        "_previous": "prev.name",
        "_coalition": "CASE WHEN via IS NULL THEN null ELSE via.name END",
        "_is_branch": "startNode(rel) = x",
    }
    if "organisation" in sel:
        entries["organisation"] = c.project("Organisation", "x", sel["organisation"])
    if "coalition" in sel:
        coalition = c.project("Coalition", "via", sel["coalition"])
        entries["coalition"] = f"CASE WHEN via IS NULL THEN null ELSE {coalition} END"
    return (
        "COLLECT { UNWIND range(1, length(path) - 1) AS i "
        "WITH i, nodes(path)[i] AS x, nodes(path)[i - 1] AS before, "
        f"relationships(path)[i - 1] AS rel WHERE x:{Label.ORGANISATION} "
        f"WITH i, x, rel, CASE WHEN before:{Label.COALITION} THEN before END AS via, "
        f"CASE WHEN before:{Label.COALITION} THEN nodes(path)[i - 2] ELSE before END AS prev "
        f"ORDER BY i RETURN {cypher_map(entries)} }}"
    )


_WORDS: dict[Locale, dict[str, str]] = {
    Locale.NL: {
        Rel.PARTNERS_WITH: "Partner van {previous}",
        Rel.MEMBER_OF: "Lid van {coalition}, net als {previous}",
        "branch": "Lokale afdeling van {previous}",
        "parent": "Landelijke organisatie van de afdeling {previous}",
    },
    Locale.EN: {
        Rel.PARTNERS_WITH: "Partner of {previous}",
        Rel.MEMBER_OF: "Member of {coalition}, as is {previous}",
        "branch": "Local branch of {previous}",
        "parent": "National organisation of the branch {previous}",
    },
}
_PRIVATE = ("_previous", "_coalition", "_is_branch")


def finish(result: dict[str, Any] | None, locale: Locale) -> dict[str, Any] | None:
    """Word each introducer's link in `locale` and drop the facts it came from."""
    if result is None:
        return None
    words = _WORDS[locale]
    for item in result.get("introducer_details") or []:
        relationship = item["relationship"]
        if relationship == Rel.BRANCH_OF:
            form = words["branch" if item["_is_branch"] else "parent"]
        else:
            form = words[relationship]
        item["description"] = form.format(previous=item["_previous"], coalition=item["_coalition"])
        for key in _PRIVATE:
            item.pop(key, None)
    return result
