"""The Relay Node interface."""

from __future__ import annotations

from typing import Any

import strawberry
from graphql import GraphQLResolveInfo


@strawberry.interface(description="An object with a global ID; fetch any of them with `node(id:)`.")
class Node:
    id: strawberry.ID = strawberry.field(description="Global ID, opaque to clients.")

    @classmethod
    def is_type_of(cls, obj: Any, _info: GraphQLResolveInfo[Any]) -> bool:
        # Compiled results are dicts already checked against the schema by construction;
        # for `node(id:)` the type comes from their `__typename`.
        return type(obj) is dict or isinstance(obj, cls)
