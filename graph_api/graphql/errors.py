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
