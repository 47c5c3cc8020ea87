"""Relay connections: page info, and the connection and edge types derived for a node type.

The compiled Cypher returns a connection already shaped (`edges`, `nodes`, `page_info`,
`total_count`); the types here only turn sort keys into opaque cursors.
"""

from __future__ import annotations

from typing import Any

import strawberry

from graph_api.graphql.mapping import reads_row
from graph_api.graphql.relay import encode_cursor


def _cursor_of(key: str) -> Any:
    """A resolver encoding the sort key the compiled Cypher left under `key` (a cursor made
    elsewhere, by search, arrives encoded and passes through)."""

    def resolve(self: Any) -> str | None:
        value = self.get(key) if type(self) is dict else None
        return value if value is None or isinstance(value, str) else encode_cursor(value)

    return reads_row(resolve, lambda row, _name: resolve(row))


def _edge_cursor(self: Any) -> str:
    return encode_cursor(self["_k"])


reads_row(_edge_cursor, lambda row, _name: _edge_cursor(row) if "_k" in row else None)


@strawberry.type(description="Where a page stands in its list (Relay).")
class PageInfo:
    has_next_page: bool
    has_previous_page: bool
    start_cursor: str | None = strawberry.field(resolver=_cursor_of("start_cursor"))
    end_cursor: str | None = strawberry.field(resolver=_cursor_of("end_cursor"))


def connection_type(
    prefix: str,
    node: Any,
    *,
    module: str,
    edge: type | None = None,
    description: str | None = None,
) -> type:
    """`<prefix>Connection` with `<prefix>Edge` for `node` (a type or its name in `module`).

    `edge` is a Strawberry type whose fields are the relationship's own (read from `{r}`);
    the edge type extends it with `node` and `cursor`.
    """
    edge_ns: dict[str, Any] = {
        "__annotations__": {"node": node},
        "__module__": module,
        "cursor": strawberry.field(resolver=_edge_cursor),
    }
    edge_cls = strawberry.type(
        type(f"{prefix}Edge", (edge,) if edge else (), edge_ns), description=description
    )
    conn_ns: dict[str, Any] = {
        "__annotations__": {
            "edges": list[edge_cls],  # type: ignore[valid-type]
            "nodes": list[node],
            "page_info": PageInfo,
            "total_count": int,
        },
        "__module__": module,
        "nodes": strawberry.field(
            description="The nodes of `edges`, for clients that need no edge."
        ),
        "total_count": strawberry.field(description="Computed only when selected."),
    }
    # A `node` given by name resolves in `module` when the schema is built.
    return strawberry.type(type(f"{prefix}Connection", (), conn_ns))
