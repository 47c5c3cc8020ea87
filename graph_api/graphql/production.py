"""What a production server keeps to itself: the details of unexpected errors, the schema
(no introspection) and its spelling (no "Did you mean ...?" hints)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any

from graphql import GraphQLError
from graphql.validation import NoSchemaIntrospectionCustomRule
from strawberry.extensions import MaskErrors, SchemaExtension

from graph_api.graphql.errors import IntrospectionDisabledError

INTERNAL_SERVER_ERROR = "INTERNAL_SERVER_ERROR"
_SUGGESTION = re.compile(r"\s*Did you mean .*$", re.DOTALL)


def is_request_error(error: GraphQLError) -> bool:
    """graphql-core's own complaint about the request, e.g. a variable of the wrong type:
    it wraps another GraphQLError and, unlike anything a resolver raised, has no path."""
    return error.path is None and isinstance(error.original_error, GraphQLError)


class MaskUnexpectedErrors(MaskErrors):
    """Strawberry's masking ("Unexpected error."), with a code clients can rely on."""

    def __init__(self, should_mask_error: Callable[[GraphQLError], bool]) -> None:
        super().__init__(should_mask_error=should_mask_error, error_message="Unexpected error.")

    def anonymise_error(self, error: GraphQLError) -> GraphQLError:
        masked = super().anonymise_error(error)
        masked.extensions = {"code": INTERNAL_SERVER_ERROR}
        return masked


class HideSuggestions(SchemaExtension):
    """Drops graphql-core's "Did you mean ...?" from every message: with introspection off
    they would still spell out field, argument and enum names. (Strawberry's
    `disable_field_suggestions` covers only unknown fields.)"""

    def on_operation(self) -> Iterator[None]:
        yield
        result: Any = self.execution_context.result
        for error in getattr(result, "errors", None) or ():
            error.message = _SUGGESTION.sub("", error.message)


class NoIntrospection(NoSchemaIntrospectionCustomRule):
    """graphql-core's rule, with a code, and one error rather than one per field."""

    _reported = False

    def report_error(self, error: GraphQLError) -> None:
        if not self._reported:
            self._reported = True
            super().report_error(
                IntrospectionDisabledError("Introspection is disabled on this server.", error.nodes)
            )
