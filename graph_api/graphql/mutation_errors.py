"""Errors as values in mutation payloads: validation, not found, forbidden, conflict."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import Any

import strawberry

from graph_api.graphql.errors import InvalidIdError
from graph_api.graphql.relay import decode_id


@strawberry.enum(description="Why a mutation did not change anything.")
class ErrorCode(Enum):
    VALIDATION = "VALIDATION"
    NOT_FOUND = "NOT_FOUND"
    FORBIDDEN = "FORBIDDEN"
    CONFLICT = "CONFLICT"


@strawberry.type(description="One reason a mutation was refused; nothing was written.")
class MutationError:
    code: ErrorCode
    message: str
    field: str | None = strawberry.field(description="The input field at fault, if one is.")


@dataclass
class Problem:
    code: ErrorCode
    message: str
    field: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return {"code": self.code, "message": self.message, "field": self.field}


class MutationRefused(Exception):
    """Raised inside a write transaction, which then rolls back; becomes payload errors."""

    def __init__(self, *problems: Problem) -> None:
        super().__init__("; ".join(p.message for p in problems))
        self.problems = list(problems)


def refuse(code: ErrorCode, message: str, field: str | None = None) -> MutationRefused:
    return MutationRefused(Problem(code, message, field))


def failed(exc: MutationRefused, key: str) -> Any:
    """A payload with no object and the errors (a dict standing in for the payload type)."""
    return {key: None, "errors": [p.as_dict() for p in exc.problems]}


def key_of(global_id: str, type_name: str, field: str) -> str:
    """The key inside a global ID of `type_name`; a malformed or foreign ID is a NOT_FOUND
    payload error on `field` (nothing can be found under it)."""
    try:
        return str(decode_id(global_id, type_name)[1])
    except InvalidIdError as exc:
        raise refuse(ErrorCode.NOT_FOUND, exc.message, field) from exc
