"""Assembles the schema from the domains and wires the compiler to it."""

from __future__ import annotations

from typing import Any

import strawberry
from graphql import GraphQLObjectType
from strawberry.extensions import MaskErrors
from strawberry.schema.config import StrawberryConfig
from strawberry.tools import merge_types
from strawberry.types.base import StrawberryObjectDefinition

import graph_api.network.specs
import graph_api.practices.specs  # noqa: F401  (registers the practices' Cypher)
from graph_api.graphql.compiler import INTERFACES, PYTHON_NAMES
from graph_api.graphql.errors import UserError
from graph_api.graphql.extensions import CypherRoundTrips
from graph_api.graphql.node_query import NodeQuery
from graph_api.graphql.scalars import SCALAR_MAP
from graph_api.network.queries import NetworkQuery
from graph_api.practices.queries import PracticeQuery
from graph_api.settings import Settings


def _read(source: Any, name: str) -> Any:
    # Compiled results are dicts; anything else (rarely) is an object.
    if type(source) is dict:
        return source.get(name)
    return getattr(source, name)


def _should_mask(error: Any) -> bool:
    # Errors the caller caused and GraphQL's own validation errors are shown; anything
    # unexpected is masked so no internals leak. The log keeps the details.
    original = getattr(error, "original_error", None)
    return original is not None and not isinstance(original, UserError)


Query = merge_types("Query", (NodeQuery, NetworkQuery, PracticeQuery))


def _index_types(schema: strawberry.Schema) -> None:
    """Record each type's GraphQL -> Python field names and its interfaces for the compiler."""
    for type_def in schema.schema_converter.type_map.values():
        definition = type_def.definition
        if not isinstance(definition, StrawberryObjectDefinition) or definition.is_interface:
            continue
        converter = schema.config.name_converter
        PYTHON_NAMES[definition.name] = {
            converter.get_graphql_name(f): f.python_name for f in definition.fields
        }
        implementation = type_def.implementation
        if isinstance(implementation, GraphQLObjectType) and implementation.interfaces:
            INTERFACES[definition.name] = {i.name for i in implementation.interfaces}


def build_schema(settings: Settings) -> strawberry.Schema:
    extensions: list[Any] = [lambda: MaskErrors(should_mask_error=_should_mask)]
    if settings.development:
        extensions.append(CypherRoundTrips)
    schema = strawberry.Schema(
        query=Query,
        config=StrawberryConfig(default_resolver=_read, scalar_map=SCALAR_MAP),
        extensions=extensions,
    )
    _index_types(schema)
    return schema
