"""`searchActivities`: Meilisearch ranks and highlights, the graph gives the nodes.

Past activities stay in the index (they remain readable through the API) and are left out
of a search by a filter on `endTs` unless `includePast`. While Meilisearch is unreachable
the graph's full-text index (`activity_text`, Dutch analyzer) answers, with the same filter
as Cypher conditions (`source: GRAPH_FALLBACK`).
"""

from __future__ import annotations

import time
from enum import Enum
from typing import Annotated, Any

import strawberry
from strawberry.types import Info

from graph_api.activities.filters import ACTIVITY_SEARCH_FILTERS, ActivityFilter
from graph_api.activities.types import Activity
from graph_api.graph_names import Label
from graph_api.graphql import root
from graph_api.graphql.compiler import Compiler, Selection
from graph_api.graphql.errors import (
    InvalidArgumentError,
    InvalidCursorError,
    SearchUnavailableError,
)
from graph_api.graphql.filtering import all_of
from graph_api.graphql.pagination import PageInfo
from graph_api.graphql.relay import check_first, decode_cursor, encode_cursor
from graph_api.search import engine, fallback
from graph_api.search.client import activity_index_name
from graph_api.search.highlight import POST, PRE, to_html
from graph_api.search.hits import NODE, nodes, snippet
from graph_api.search.index_settings import MAX_TOTAL_HITS
from graph_api.search.types import HTML_NOTE, SearchSource
from graph_api.settings import Settings

PAGE = 20
MAX_QUERY_LENGTH = 500
CROP_WORDS = 24
SNIPPET = ("description", "address")


@strawberry.enum(description="Orders of activity search results.")
class ActivitySearchSort(Enum):
    RELEVANCE = "RELEVANCE"
    START = strawberry.enum_value("START", description="Soonest first.")


@strawberry.type(description="Where the words matched in an activity found by search.")
class ActivitySearchHighlight:
    title: str = strawberry.field(description=f"The title. {HTML_NOTE}")
    snippet: str = strawberry.field(
        description=f"A cropped passage of the description around the match. {HTML_NOTE}"
    )


@strawberry.type(description="One search result: the activity, and how it matched.")
class ActivitySearchEdge:
    node: Activity
    highlight: ActivitySearchHighlight
    cursor: str


@strawberry.type(description="A page of activity search results.")
class ActivitySearchConnection:
    source: SearchSource
    edges: list[ActivitySearchEdge]
    nodes: list[Activity]
    page_info: PageInfo
    estimated_total_hits: int = strawberry.field(
        description="An estimate; pages reach the first 1,000 hits."
    )


def _highlight(hit: dict[str, Any]) -> dict[str, str]:
    formatted = hit.get("_formatted") or {}
    return {
        "title": to_html(formatted.get("title") or hit.get("title")),
        "snippet": snippet(formatted, SNIPPET),
    }


def _node_selections(c: Compiler, info: Info) -> list[Selection] | None:
    found: list[Selection] | None = None
    for field in c.fields_of("ActivitySearchConnection", root.selections(info)):
        if field.name == "nodes":
            found = [*(found or []), *field.selections]
        elif field.name == "edges":
            for sub in c.fields_of("ActivitySearchEdge", field.selections):
                if sub.name == "node":
                    found = [*(found or []), *sub.selections]
    return found


async def _filter(
    info: Info, c: Compiler, f: ActivityFilter | None
) -> tuple[str | None, list[str]]:
    """The Meilisearch expression and the Cypher conditions; unknown values are checked in
    one read (UNKNOWN_VALUE), which also resolves `near` to municipality codes."""
    if f is None:
        return None, []
    conditions = ACTIVITY_SEARCH_FILTERS.cypher(c, f)
    lookups = ACTIVITY_SEARCH_FILTERS.lookups(c, f)
    looked_up: dict[str, Any] = {}
    if c.checks or lookups:
        body = ", ".join(f"`{name}`: {expression}" for name, expression in lookups.items())
        looked_up = await root.run(info, c, f"RETURN {{{body}}} AS result") or {}
    return all_of(ACTIVITY_SEARCH_FILTERS.meili(f, looked_up).values()), conditions


async def search_activities(
    info: Info,
    query: Annotated[str, strawberry.argument(description="Words to find; empty lists all.")],
    filter: ActivityFilter | None = None,
    include_past: Annotated[
        bool, strawberry.argument(description="Also activities that have ended.")
    ] = False,
    sort: ActivitySearchSort = ActivitySearchSort.RELEVANCE,
    first: int = PAGE,
    after: str | None = None,
) -> Any:
    settings: Settings = info.context.settings
    if len(query) > MAX_QUERY_LENGTH:
        raise InvalidArgumentError(
            f"`query` has at most {MAX_QUERY_LENGTH} characters.", argument="query"
        )
    check_first(first, settings.max_page_size)
    tag = f"search:activities:{sort.name}:{int(include_past)}"
    offset = 0
    if after is not None:
        value = decode_cursor(after, tag, 1)[0]
        if type(value) is not int or not 0 <= value <= MAX_TOTAL_HITS:
            raise InvalidCursorError("The cursor is malformed; pass a cursor from this API.")
        offset = value
    c = root.compiler(info)
    expression, conditions = await _filter(info, c, filter)
    now = int(time.time())
    if not include_past:
        expression = " AND ".join(p for p in (f"endTs >= {now}", expression) if p)
        conditions = [*conditions, "{m}.end >= datetime()"]
    selected = _node_selections(c, info)
    projection = None if selected is None else c.project("Activity", NODE, selected)
    params: dict[str, Any] = {
        "offset": offset,
        "limit": first + 1,
        "attributesToRetrieve": ["id", "title"],
        "attributesToHighlight": ["title", *SNIPPET],
        "attributesToCrop": list(SNIPPET),
        "cropLength": CROP_WORDS,
        "highlightPreTag": PRE,
        "highlightPostTag": POST,
        "matchingStrategy": "all" if sort is ActivitySearchSort.START else "last",
    }
    if expression:
        params["filter"] = expression
    if sort is ActivitySearchSort.START:
        params["sort"] = ["startTs:asc"]
    source = SearchSource.MEILISEARCH
    try:
        result = await engine.search(settings, activity_index_name(settings), query, params)
    except SearchUnavailableError:
        source = SearchSource.GRAPH_FALLBACK
        result = await _fallback(info, c, query, conditions, sort, offset, first + 1, projection)
    hits = result.get("hits") or []
    total = result.get("estimatedTotalHits") or 0
    shown = list(enumerate(hits[:first]))
    if source is SearchSource.MEILISEARCH and projection is not None:
        found, _ = await nodes(
            info.context, c, Label.ACTIVITY, [h["id"] for _, h in shown], projection, False
        )
        shown = [(i, h) for i, h in shown if h["id"] in found]
        for _, hit in shown:
            hit["node"] = found[hit["id"]]
    edges = [
        {
            "node": hit.get("node"),
            "highlight": _highlight(hit),
            "cursor": encode_cursor([tag, offset + i + 1]),
        }
        for i, hit in shown
    ]
    return {
        "source": source,
        "edges": edges,
        "nodes": [e["node"] for e in edges],
        "page_info": {
            "has_next_page": len(hits) > first,
            "has_previous_page": offset > 0,
            "start_cursor": edges[0]["cursor"] if edges else None,
            "end_cursor": edges[-1]["cursor"] if edges else None,
        },
        "estimated_total_hits": total,
    }


async def _fallback(
    info: Info,
    c: Compiler,
    query: str,
    conditions: list[str],
    sort: ActivitySearchSort,
    offset: int,
    limit: int,
    projection: str | None,
) -> dict[str, Any]:
    """The graph's full-text index, ranked by Lucene's score (or by start)."""
    where = " AND ".join(cond.replace("{m}", NODE) for cond in conditions)
    where = f"WHERE {where}" if where else ""
    text = fallback.lucene(query)
    if text is None:
        source = f"MATCH ({NODE}:{Label.ACTIVITY}) {where} WITH {NODE}, 0.0 AS score"
    else:
        source = (
            f"CALL db.index.fulltext.queryNodes('activity_text', {c.param(text)}) "
            f"YIELD node AS {NODE}, score {where} WITH {NODE}, score"
        )
    order = (
        f"{NODE}.start, {NODE}.id"
        if sort is ActivitySearchSort.START or text is None
        else f"score DESC, {NODE}.id"
    )
    cypher = f"""{source} ORDER BY {order}
WITH collect({NODE})[..{MAX_TOTAL_HITS}] AS ranked
CALL (ranked) {{
  UNWIND ranked[{c.param(offset)}..({c.param(offset)} + {c.param(limit)})] AS {NODE}
  RETURN collect({{id: {NODE}.id, title: {NODE}.title, description: {NODE}.description,
                   node: {projection or "null"}}}) AS hits
}}
RETURN size(ranked) AS total, hits"""
    ctx = info.context
    rows = await ctx.db.read(cypher, c.params, ctx.trips)
    hits: list[dict[str, Any]] = rows[0]["hits"] if rows else []
    words = fallback.WORD.findall(query.lower())
    for hit in hits:
        hit["_formatted"] = {
            "title": fallback._mark(hit.get("title") or "", words),
            "description": fallback._mark(
                (hit.get("description") or "")[: fallback.SNIPPET_CHARS], words
            ),
        }
    return {"hits": hits, "estimatedTotalHits": int(rows[0]["total"]) if rows else 0}
