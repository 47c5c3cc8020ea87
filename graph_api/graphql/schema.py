"""Assembles the schema from the domains and wires the compiler to it."""

from __future__ import annotations

from typing import Any

import strawberry
from graphql import GraphQLObjectType
from strawberry.extensions import AddValidationRules
from strawberry.schema.config import StrawberryConfig
from strawberry.tools import merge_types
from strawberry.types.base import StrawberryObjectDefinition

import graph_api.network.specs
import graph_api.practices.specs  # noqa: F401  (registers the practices' Cypher)
from graph_api.auth.queries import AuthQuery
from graph_api.graphql.compiler import INTERFACES, PYTHON_NAMES
from graph_api.graphql.cost import QueryCost
from graph_api.graphql.errors import UserError
from graph_api.graphql.extensions import CypherRoundTrips
from graph_api.graphql.fast import CompiledExecutionContext
from graph_api.graphql.limits import TokenLimit, limit_rules
from graph_api.graphql.node_query import NodeQuery
from graph_api.graphql.parse_cache import ParseCache
from graph_api.graphql.production import (
    HideSuggestions,
    MaskUnexpectedErrors,
    NoIntrospection,
    is_request_error,
)
from graph_api.graphql.scalars import SCALAR_MAP
from graph_api.graphql.trusted import TrustedDocuments, load_manifest
from graph_api.network.mutations import NetworkMutation
from graph_api.network.queries import NetworkQuery
from graph_api.partners.queries import PartnerQuery
from graph_api.practices.mutations import PracticeMutation
from graph_api.practices.queries import PracticeQuery
from graph_api.search.queries import SearchQuery
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


Query = merge_types(
    "Query", (NodeQuery, AuthQuery, NetworkQuery, PracticeQuery, PartnerQuery, SearchQuery)
)
Mutation = merge_types("Mutation", (PracticeMutation, NetworkMutation))


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
    rules = limit_rules(settings.max_depth, settings.max_aliases, settings.max_tokens)
    if not settings.development:
        rules.append(NoIntrospection)
    # Factories, so each request gets its own instances. QueryCost validates (with the
    # rules above) and must stay the last extension with an on_validate hook.
    extensions: list[Any] = [
        lambda: MaskUnexpectedErrors(lambda e: _should_mask(e) and not is_request_error(e)),
        lambda: TokenLimit(settings.max_tokens),
        # Parsed documents are kept per text (validation outcomes too, in QueryCost).
        ParseCache,
        lambda: AddValidationRules(rules),
        lambda: QueryCost(settings.cost_budget, settings.default_page_size, settings.max_page_size),
    ]
    if settings.trusted_documents is not None:
        documents = load_manifest(settings.trusted_documents)
        # First, so that a refused request is answered before anything else looks at it.
        extensions.insert(0, lambda: TrustedDocuments(documents))
    if settings.development:
        extensions.append(CypherRoundTrips)
    else:
        extensions.append(HideSuggestions)
    schema = strawberry.Schema(
        query=Query,
        mutation=Mutation,
        config=StrawberryConfig(
            default_resolver=_read,
            scalar_map=SCALAR_MAP,
            disable_field_suggestions=not settings.development,
        ),
        extensions=extensions,
        execution_context_class=CompiledExecutionContext,
    )
    _index_types(schema)
    return schema
