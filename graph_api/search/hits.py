"""Meilisearch hits shaped as the GraphQL search types read them: the search's own parts
(highlights) from the hit, the node itself from the graph, read for the whole page in one
statement that also drops practices hidden after the index last saw them."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from graph_api.graphql.compiler import Compiler
from graph_api.graphql.context import Context
from graph_api.search import fresh
from graph_api.search.documents import PUBLISHED
from graph_api.search.highlight import has_match, to_html

# Bound to each node of the page, here and in the fallback's statement; `PUBLISHED` is
# written over `p` too.
NODE = "p"


async def nodes(
    ctx: Context,
    c: Compiler,
    label: str,
    ids: list[str],
    projection: str | None,
    published_only: bool,
    fresh_conditions: list[str] | None = None,
) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """The page's nodes by id, as `projection` (compiled by `c` over `NODE` from the `node`
    selection; None: nothing selected, so only which ids the graph still shows), and, with
    `fresh_conditions` (the search's filter over `NODE`), the practices published a moment
    ago that the index may not have yet (fresh.py: their documents and nodes), in one round
    trip.

    The index lags the graph by the indexer's delay (up to about a second), so a practice
    unpublished or archived a moment ago may still be a hit: with `published_only` the same
    rule that lets a practice into the index (documents.PUBLISHED) is checked here, now. An
    id the graph does not show is missing from the answer. Each id is a unique-index seek.
    """
    if not ids and fresh_conditions is None:
        return {}, []
    conditions = [*c.visible(label, NODE)]
    if published_only:
        conditions.insert(0, PUBLISHED)
    where = f" WHERE {' AND '.join(conditions)}" if conditions else ""
    # The label comes from the search target, never from the request.
    cypher = (
        f"CALL () {{ UNWIND {c.param(ids)} AS id MATCH ({NODE}:{label} {{id: id}}){where} "
        f"RETURN collect([{NODE}.id, {projection or 'null'}]) AS result }}"
    )
    if fresh_conditions is None:
        cypher += " RETURN result, [] AS fresh"
    else:
        visible = [*c.visible(label, NODE), *fresh_conditions]
        cypher += f"\n{fresh.statement(visible, projection)}\nRETURN result, fresh"
    rows = await ctx.db.read(cypher, c.params, ctx.trips)
    if not rows:
        return {}, []
    return dict(rows[0]["result"]), rows[0]["fresh"]


def without_hits(
    distribution: dict[str, dict[str, int]],
    dropped: Sequence[dict[str, Any]],
    attributes: Sequence[str],
) -> dict[str, dict[str, int]]:
    """Facet counts with the dropped hits taken out (their documents carry the values)."""
    out = {name: dict(counts) for name, counts in distribution.items()}
    for hit in dropped:
        for attribute in attributes:
            counts = out.get(attribute)
            if counts is None:
                continue
            for value in _facet_values(hit.get(attribute)):
                if value in counts:
                    counts[value] -= 1
                    if counts[value] <= 0:
                        del counts[value]
    return out


def _facet_values(raw: Any) -> list[str]:
    # Meilisearch keys a distribution by the value as text (numbers too: "2").
    items = raw if isinstance(raw, list) else [raw]
    return [str(v) for v in dict.fromkeys(items) if v is not None and not isinstance(v, dict)]


# Snippet sources in order of preference; the first with a match is cropped around it.
PRACTICE_SNIPPET = ("summary", "body", "results")
ORGANISATION_SNIPPET = ("description",)


def snippet(formatted: dict[str, Any], sources: Sequence[str]) -> str:
    for name in sources:
        if has_match(formatted.get(name)):
            return to_html(formatted[name])
    return to_html(formatted.get(sources[0]))


def practice_highlight(hit: dict[str, Any]) -> dict[str, str]:
    formatted = hit.get("_formatted") or {}
    return {
        "title": to_html(formatted.get("title") or hit["title"]),
        "snippet": snippet(formatted, PRACTICE_SNIPPET),
    }


def organisation_highlight(hit: dict[str, Any]) -> dict[str, str]:
    formatted = hit.get("_formatted") or {}
    return {
        "name": to_html(formatted.get("name") or hit["name"]),
        "snippet": snippet(formatted, ORGANISATION_SNIPPET),
    }


def facet_counts(
    distribution: dict[str, dict[str, int]],
    requested: Sequence[tuple[Any, str]],
    label: Callable[[str, str], str | None] | None,
) -> list[dict[str, Any]]:
    """`requested` pairs a facet enum with its attribute; counts largest first, each value
    with its `label(attribute, value)`."""
    out = []
    for facet, attribute in requested:
        counts = distribution.get(attribute) or {}
        values = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
        out.append(
            {
                "facet": facet,
                "values": [
                    {"value": v, "count": n, "label": label(attribute, v) if label else None}
                    for v, n in values
                ],
            }
        )
    return out
