"""What a server keeps to itself: the details of unexpected errors (logged, then masked),
and in production the schema (no introspection) and its spelling (no "Did you mean ...?"
hints). Errors the caller caused are shown with a code instead."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any

import structlog
from graphql import GraphQLError
from graphql.validation import NoSchemaIntrospectionCustomRule
from strawberry.exceptions import MissingQueryError
from strawberry.extensions import MaskErrors, SchemaExtension
from strawberry.schema.exceptions import CannotGetOperationTypeError, InvalidOperationTypeError
from strawberry.types.execution import PreExecutionError

from graph_api.graphql.errors import IntrospectionDisabledError, UserError

INTERNAL_SERVER_ERROR = "INTERNAL_SERVER_ERROR"
BAD_USER_INPUT = UserError.code
_SUGGESTION = re.compile(r"\s*Did you mean .*$", re.DOTALL)
# Strawberry answers these itself (the HTTP layer turns them into responses).
_PASSED_ON = (
    GraphQLError,
    MissingQueryError,
    CannotGetOperationTypeError,
    InvalidOperationTypeError,
)

log = structlog.get_logger("graph_api.graphql")


def is_argument_error(error: GraphQLError) -> bool:
    """graphql-core could not coerce a field's argument, e.g. a variable set to null for
    a non-null argument with a default: it raises a bare GraphQLError, before any resolver
    ran, which execution then wraps with the field's path. Only the wording marks it."""
    original = error.original_error
    return (
        type(original) is GraphQLError
        and original.path is None
        and original.message.startswith("Argument ")
    )


def is_request_error(error: GraphQLError) -> bool:
    """graphql-core's own complaint about the request: a variable of the wrong type wraps
    another GraphQLError and, unlike anything a resolver raised, has no path; an argument
    it could not coerce (see `is_argument_error`)."""
    return (
        error.path is None and isinstance(error.original_error, GraphQLError)
    ) or is_argument_error(error)


class MaskUnexpectedErrors(MaskErrors):
    """Strawberry's masking ("Unexpected error."), with a code clients can rely on; each
    masked error is logged with its stack (the request ID comes with the log context).
    Request errors that graphql-core reports without a code get `BAD_USER_INPUT`."""

    def __init__(self, should_mask_error: Callable[[GraphQLError], bool]) -> None:
        super().__init__(should_mask_error=should_mask_error, error_message="Unexpected error.")

    def on_operation(self) -> Iterator[None]:
        try:
            yield from super().on_operation()
        except _PASSED_ON:
            raise
        except Exception as exc:
            # A hook failed before execution: Strawberry would answer with the exception's
            # own text. Logged here, answered like any other unexpected error.
            log.error("unexpected error", exc_info=exc)
            raise _masked(self.error_message) from exc
        self._tag_request_errors()

    def _tag_request_errors(self) -> None:
        result: Any = self.execution_context.result
        if result is None:
            return
        # Variables that do not coerce stop graphql-core before execution: no data, and
        # errors without a path. (Parse and validation errors are PreExecutionErrors.)
        not_started = not isinstance(result, PreExecutionError) and result.data is None
        for error in getattr(result, "errors", None) or ():
            if "code" in (error.extensions or {}):
                continue
            if is_argument_error(error) or (not_started and error.path is None):
                error.extensions = {**(error.extensions or {}), "code": BAD_USER_INPUT}

    def anonymise_error(self, error: GraphQLError) -> GraphQLError:
        log.error("unexpected error", path=error.path, exc_info=error.original_error or error)
        masked = super().anonymise_error(error)
        masked.extensions = {"code": INTERNAL_SERVER_ERROR}
        return masked


def _masked(message: str) -> GraphQLError:
    return GraphQLError(message, extensions={"code": INTERNAL_SERVER_ERROR})


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
