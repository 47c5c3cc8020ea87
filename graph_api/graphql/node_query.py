"""`node(id:)` and `nodes(ids:)`: any object by its global ID, in one round trip.

Which types exist, and by which label and key they are found, comes from the graph model
(`@node` declarations); unpublished content stays invisible to whom it is hidden.
"""

from __future__ import annotations

from typing import Any

import strawberry
from strawberry.types import Info

from graph_api.graphql import root
from graph_api.graphql.compiler import Compiler
from graph_api.graphql.errors import InvalidArgumentError
from graph_api.graphql.model import model_of
from graph_api.graphql.node import Node
from graph_api.graphql.relay import decode_id, int_key

MAX_IDS = 100


def _key(numeric: bool, key: str) -> str | int | None:
    return int_key(key) if numeric else key


@strawberry.type
class NodeQuery:
    @strawberry.field(description="Any object by its global ID; null if it does not exist.")
    async def node(self, info: Info, id: strawberry.ID) -> Node | None:
        nodes = model_of(info).node_types
        type_name, key = decode_id(id, known=nodes)
        decl = nodes[type_name]
        value = _key(decl.numeric_key, key)
        if value is None:
            return None
        c = root.compiler(info)
        n = root.ROOT
        conditions = [f"{n}.{decl.key} = {c.param(value)}", *c.visible(type_name, n)]
        match = f"({n}:{decl.label}) WHERE {' AND '.join(conditions)}"
        return await root.one(info, type_name, match, c)

    @strawberry.field(
        description=f"Objects by their global IDs (at most {MAX_IDS}), in the order asked; "
        "null for each that does not exist or is hidden."
    )
    async def nodes(self, info: Info, ids: list[strawberry.ID]) -> list[Node | None]:
        if len(ids) > MAX_IDS:
            raise InvalidArgumentError(
                f"At most {MAX_IDS} IDs at once, got {len(ids)}.", argument="ids"
            )
        types = model_of(info).node_types
        wanted: dict[str, list[Any]] = {}
        asked: list[tuple[str, Any] | None] = []
        for global_id in ids:
            type_name, key = decode_id(global_id, known=types)
            value = _key(types[type_name].numeric_key, key)
            asked.append(None if value is None else (type_name, value))
            if value is not None:
                wanted.setdefault(type_name, []).append(value)
        if not wanted:
            return [None] * len(ids)
        c = root.compiler(info)
        found = await root.run(info, c, f"RETURN {_by_type(c, info, wanted)} AS result")
        index = {
            (type_name, row[0]): row[1] for type_name, rows in (found or {}).items() for row in rows
        }
        return [None if a is None else index.get(a) for a in asked]


def _by_type(c: Compiler, info: Info, wanted: dict[str, list[Any]]) -> str:
    """`{Type: [[key, object], ...], ...}`: one COLLECT per type asked for."""
    types = model_of(info).node_types
    parts = []
    for type_name, keys in wanted.items():
        decl = types[type_name]
        n = c.var("n")
        conditions = [f"{n}.{decl.key} IN {c.param(keys)}", *c.visible(type_name, n)]
        projection = c.project(type_name, n, root.selections(info))
        parts.append(
            f"`{type_name}`: COLLECT {{ MATCH ({n}:{decl.label}) WHERE "
            f"{' AND '.join(conditions)} RETURN [{n}.{decl.key}, {projection}] }}"
        )
    return "{" + ", ".join(parts) + "}"
