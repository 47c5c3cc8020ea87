"""`node(id:)`: any object by its global ID, in one round trip."""

from __future__ import annotations

import strawberry
from strawberry.types import Info

from graph_api.graphql import root
from graph_api.graphql.node import Node
from graph_api.graphql.relay import decode_id

# Type -> (label, key property, whether the key is an integer).
NODE_KEYS: dict[str, tuple[str, str, bool]] = {
    "Province": ("Province", "code", False),
    "Municipality": ("Municipality", "code", False),
    "Coalition": ("Coalition", "id", False),
    "Organisation": ("Organisation", "id", False),
    "Theme": ("Theme", "slug", False),
    "TargetGroup": ("TargetGroup", "slug", False),
    "ActionLine": ("ActionLine", "number", True),
    "Practice": ("Practice", "id", False),
    "Person": ("Person", "id", False),
}


@strawberry.type
class NodeQuery:
    @strawberry.field(description="Any object by its global ID; null if it does not exist.")
    async def node(self, info: Info, id: strawberry.ID) -> Node | None:
        type_name, key = decode_id(id)
        label, prop, numeric = NODE_KEYS[type_name]
        value: str | int = key
        if numeric:
            if not key.isdigit():
                return None
            value = int(key)
        c = root.compiler(info)
        n = root.ROOT
        # Unpublished practices stay invisible to those who may not see them.
        conditions = [f"{n}.{prop} = {c.param(value)}", *c.visible(type_name, n)]
        match = f"({n}:{label}) WHERE {' AND '.join(conditions)}"
        return await root.one(info, type_name, match, c)
