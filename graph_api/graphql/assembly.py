"""Builds a schema from root types: the request guards, the execution path for compiled
results, and the graph model derived from the types' declarations. Knows no domain: the
domains' root types are merged in `graph_api.schema`."""

from __future__ import annotations

from typing import Any

import strawberry
from strawberry.extensions import AddValidationRules
from strawberry.schema.config import StrawberryConfig

from graph_api.graphql.cost import QueryCost
from graph_api.graphql.errors import UserError
from graph_api.graphql.extensions import CypherRoundTrips
from graph_api.graphql.fast import CompiledExecutionContext
from graph_api.graphql.limits import DocumentLimits, TokenLimit, limit_rules
from graph_api.graphql.model import GraphModel, build_model
from graph_api.graphql.operation_choice import OperationChoice
from graph_api.graphql.parse_cache import ParseCache, WorkClock
from graph_api.graphql.production import (
    HideSuggestions,
    MaskUnexpectedErrors,
    NoIntrospection,
    is_request_error,
)
from graph_api.graphql.scalars import SCALAR_MAP
from graph_api.graphql.trusted import TrustedDocuments, load_manifest
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


class MappedSchema(strawberry.Schema):
    """A Strawberry schema that carries the graph model its compiler reads."""

    graph_model: GraphModel

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.graph_model = build_model(self)


def build(query: type, mutation: type, settings: Settings) -> MappedSchema:
    rules = limit_rules(settings.max_depth, settings.max_aliases, settings.max_tokens)
    if not settings.development:
        rules.append(NoIntrospection)
    # Factories, so each request gets its own instances. QueryCost validates (with the
    # rules above) and must stay the last extension with an on_validate hook.
    trusted = settings.trusted_documents is not None
    extensions: list[Any] = [
        # First among the parse and validate hooks: it times all of them, for the rate limit.
        WorkClock,
        lambda: MaskUnexpectedErrors(lambda e: _should_mask(e) and not is_request_error(e)),
        OperationChoice,
    ]
    if not trusted:
        # Bytes and tokens, counted before anything parses; the parser counts tokens again.
        # Trusted documents are exempt: only documents of the list run then.
        extensions += [
            lambda: TokenLimit(settings.max_tokens),
            lambda: DocumentLimits(settings.max_document_bytes, settings.max_tokens),
        ]
    extensions += [
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
    return MappedSchema(
        query=query,
        mutation=mutation,
        config=StrawberryConfig(
            default_resolver=_read,
            scalar_map=SCALAR_MAP,
            disable_field_suggestions=not settings.development,
        ),
        extensions=extensions,
        execution_context_class=CompiledExecutionContext,
    )
