"""`node(id:)`: any object by its global ID, in one round trip."""

from __future__ import annotations

import strawberry
from strawberry.types import Info

from graph_api.graphql import root
from graph_api.graphql.node import Node
from graph_api.graphql.relay import decode_id

# Type -> (label, key property, whether the key is an integer, extra visibility condition).
NODE_KEYS: dict[str, tuple[str, str, bool, str]] = {
    "Province": ("Province", "code", False, ""),
    "Municipality": ("Municipality", "code", False, ""),
    "Coalition": ("Coalition", "id", False, ""),
    "Organisation": ("Organisation", "id", False, ""),
    "Theme": ("Theme", "slug", False, ""),
    "TargetGroup": ("TargetGroup", "slug", False, ""),
    "ActionLine": ("ActionLine", "number", True, ""),
    "Practice": ("Practice", "id", False, " AND {n}.status = 'PUBLISHED'"),
    "Person": ("Person", "id", False, ""),
}


@strawberry.type
class NodeQuery:
    @strawberry.field(description="Any object by its global ID; null if it does not exist.")
    async def node(self, info: Info, id: strawberry.ID) -> Node | None:
        type_name, key = decode_id(id)
        label, prop, numeric, visible = NODE_KEYS[type_name]
        value: str | int = key
        if numeric:
            if not key.isdigit():
                return None
            value = int(key)
        c = root.compiler(info)
        n = root.ROOT
        match = f"({n}:{label}) WHERE {n}.{prop} = {c.param(value)}{visible.format(n=n)}"
        return await root.one(info, type_name, match, c)
