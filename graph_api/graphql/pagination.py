"""Relay connection plumbing shared by every list: page info, and shaping compiled pages."""

from __future__ import annotations

from typing import Any

import strawberry
from strawberry.types import Info

from graph_api.graphql.relay import encode_cursor


@strawberry.type(description="Where a page stands in its list (Relay).")
class PageInfo:
    has_next_page: bool
    has_previous_page: bool
    start_cursor: str | None
    end_cursor: str | None


def shape_connection(raw: dict[str, Any] | None, first: int, after: str | None) -> dict[str, Any]:
    """Turn the compiled `{edges: first+1 rows, total_count}` into a Relay connection."""
    raw = raw or {}
    edges: list[dict[str, Any]] = raw.get("edges") or []
    has_next = len(edges) > first
    if has_next:
        edges = edges[:first]
    return {
        "edges": edges,
        "total_count": raw.get("total_count"),
        "page_info": {
            "has_next_page": has_next,
            # Forward-only pagination: a page reached with `after` has rows before it.
            "has_previous_page": after is not None,
            "start_cursor": encode_cursor(edges[0]["_k"]) if edges else None,
            "end_cursor": encode_cursor(edges[-1]["_k"]) if edges else None,
        },
    }


def nested_connection(source: Any, info: Info, first: int, after: str | None) -> Any:
    """Resolver body of a connection inside an object: its page is already in the source."""
    return shape_connection(source.get(info.path.key), first, after)


def edge_cursor(source: Any) -> str:
    return encode_cursor(source["_k"])
