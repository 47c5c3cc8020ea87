"""An execution fast path for compiled results.

The compiled Cypher already returns every object as a dict shaped like the response, so
walking it field by field through graphql-core's general machinery (a resolve-info object,
a resolver call and several checks per field) costs far more than Neo4j took to produce it.
For dicts of compiled types this context copies plain fields straight across, serializing
leaves and recursing into objects and lists; fields with their own resolvers (cursors,
nested connections, rendered HTML), abstract types and anything unexpected (a missing
non-null value, say) go through the standard path, which also reports errors as usual.
"""

from __future__ import annotations

from typing import Any

from graphql import (
    GraphQLEnumType,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLOutputType,
    GraphQLScalarType,
)
from graphql.pyutils import Path
from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext

from graph_api.graphql.model import TypeMap

_FALLBACK = object()
_PLAIN_SCALARS = {"String": str, "ID": str, "Int": int, "Float": float, "Boolean": bool}


class CompiledExecutionContext(StrawberryGraphQLCoreExecutionContext):
    @property
    def _types(self) -> dict[str, TypeMap]:
        # The graph model of the Strawberry schema this GraphQL schema was built from.
        types: dict[str, TypeMap] = self.schema._strawberry_schema.graph_model.types  # type: ignore[attr-defined]
        return types

    def execute_fields(
        self,
        parent_type: GraphQLObjectType,
        source_value: Any,
        path: Path | None,
        grouped_field_set: Any,
        position_context: Any,
    ) -> Any:
        if type(source_value) is not dict or parent_type.name not in self._types:
            return super().execute_fields(
                parent_type, source_value, path, grouped_field_set, position_context
            )
        return self._object(parent_type, source_value, path, grouped_field_set, position_context)

    def _object(
        self,
        parent_type: GraphQLObjectType,
        source: dict[str, Any],
        path: Path | None,
        grouped_field_set: Any,
        position_context: Any,
    ) -> Any:
        names = self._types[parent_type.name].python_names
        fields = parent_type.fields
        results: dict[str, Any] = {}
        for response_name, details in grouped_field_set.items():
            field_name = details[0].node.name.value
            if field_name == "__typename":
                results[response_name] = parent_type.name
                continue
            field_def = fields.get(field_name)
            if field_def is None:
                continue
            value: Any = _FALLBACK
            field_path = Path(path, response_name, parent_type.name)
            if getattr(field_def.resolve, "_is_default", False) and field_name in names:
                value = self._value(
                    field_def.type,
                    details,
                    source.get(names[field_name]),
                    field_path,
                    position_context,
                )
            if value is _FALLBACK:
                value = self.execute_field(
                    parent_type, source, details, field_path, position_context
                )
                if self.is_awaitable(value):
                    # Our own resolvers are synchronous; anything else takes the long way.
                    return super().execute_fields(
                        parent_type, source, path, grouped_field_set, position_context
                    )
            results[response_name] = value
        return results

    def _value(
        self,
        return_type: GraphQLOutputType,
        details: Any,
        value: Any,
        path: Path,
        position_context: Any,
    ) -> Any:
        if isinstance(return_type, GraphQLNonNull):
            if value is None:
                return _FALLBACK  # the standard path raises the proper error
            return_type = return_type.of_type
        if value is None:
            return None
        if isinstance(return_type, GraphQLScalarType):
            plain = _PLAIN_SCALARS.get(return_type.name)
            if plain is not None and type(value) is plain:
                return value
            return return_type.serialize(value)
        if isinstance(return_type, GraphQLEnumType):
            return return_type.serialize(value)
        if isinstance(return_type, GraphQLList):
            if type(value) is not list:
                return _FALLBACK
            item_type = return_type.of_type
            out = []
            for index, item in enumerate(value):
                done = self._value(
                    item_type, details, item, Path(path, index, None), position_context
                )
                if done is _FALLBACK:
                    return _FALLBACK
                out.append(done)
            return out
        if (
            isinstance(return_type, GraphQLObjectType)
            and type(value) is dict
            and return_type.name in self._types
        ):
            grouped = self.collect_subfields(return_type, details)[0]
            return self._object(return_type, value, path, grouped, position_context)
        return _FALLBACK
