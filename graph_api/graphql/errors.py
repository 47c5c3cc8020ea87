"""Typed errors for bad input: a message for people and a stable code for programs."""

from __future__ import annotations

from typing import Any

from graphql import GraphQLError


class UserError(GraphQLError):
    """An error the caller caused; shown as is, never masked."""

    code = "BAD_USER_INPUT"

    def __init__(self, message: str, **details: Any) -> None:
        super().__init__(message, extensions={"code": self.code, **details})


class InvalidIdError(UserError):
    code = "INVALID_ID"


class InvalidCursorError(UserError):
    code = "INVALID_CURSOR"


class InvalidArgumentError(UserError):
    code = "INVALID_ARGUMENT"


class UnknownValueError(UserError):
    """A filter names something that does not exist (a theme slug, a province code...)."""

    code = "UNKNOWN_VALUE"


class ForbiddenError(UserError):
    """The caller's role does not allow this."""

    code = "FORBIDDEN"


class SearchUnavailableError(UserError):
    """The search engine cannot be reached. Not the caller's fault, but shown as is (never
    masked) so that clients can tell it apart and fall back or retry."""

    code = "SEARCH_UNAVAILABLE"


class RefusedError(UserError):
    """A request refused before it runs (a limit, the trusted-documents list); shown as is,
    pointing at the part of the document at fault where there is one."""

    code = "REFUSED"

    def __init__(self, message: str, nodes: Any = None, **details: Any) -> None:
        # GraphQLError's own constructor: UserError's takes no nodes, so no locations.
        GraphQLError.__init__(self, message, nodes, extensions={"code": self.code, **details})


class QueryTooDeepError(RefusedError):
    code = "QUERY_TOO_DEEP"


class TooManyAliasesError(RefusedError):
    code = "TOO_MANY_ALIASES"


class QueryTooCostlyError(RefusedError):
    code = "QUERY_TOO_COSTLY"


class IntrospectionDisabledError(RefusedError):
    code = "INTROSPECTION_DISABLED"


class PersistedQueryNotFoundError(RefusedError):
    """The request names a document by a hash that is not in the trusted-documents list."""

    code = "PERSISTED_QUERY_NOT_FOUND"


class PersistedQueryNotAllowedError(RefusedError):
    """The request sends document text that is not in the trusted-documents list."""

    code = "PERSISTED_QUERY_NOT_ALLOWED"


class TooManyTokensError(RefusedError):
    """Its code tags graphql-core's own error, which the parser raises and Strawberry keeps."""

    code = "TOO_MANY_TOKENS"


class OperationNameRequiredError(RefusedError):
    """The document holds several operations and the request does not say which to run."""

    code = "OPERATION_NAME_REQUIRED"


class ServiceUnavailableError(UserError):
    """Neo4j cannot be reached right now; the request failed fast and may be retried."""

    code = "SERVICE_UNAVAILABLE"


class QueryTimeoutError(UserError):
    """The statement ran past the transaction timeout and was stopped."""

    code = "QUERY_TIMEOUT"


class QueryTooLargeError(RefusedError):
    """Fragments spread inside fragments can make a short document enormous."""

    code = "QUERY_TOO_LARGE"
