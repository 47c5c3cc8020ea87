"""Relay global IDs (`Type:key`) and opaque keyset cursors."""

from __future__ import annotations

import base64
import binascii
from collections.abc import Collection
from typing import Any

import orjson

from graph_api.graphql.errors import InvalidArgumentError, InvalidCursorError, InvalidIdError

# Global IDs are built inside Cypher as `'<Type>:' + key`, so the database returns them
# ready to send; the format is documented as opaque to clients. Which types exist is the
# graph model's business (`GraphModel.node_types`); callers say which they accept.
MAX_KEY_LENGTH = 200


def decode_id(
    global_id: str,
    expected: str | tuple[str, ...] | None = None,
    known: Collection[str] = (),
) -> tuple[str, str]:
    """`(type, key)` of a global ID of one of the `expected` types (or of any `known` one)."""
    type_name, sep, key = global_id.partition(":")
    allowed = (expected,) if isinstance(expected, str) else expected
    unknown = type_name not in known and (allowed is None or not type_name.isidentifier())
    if not sep or unknown or not key or len(key) > MAX_KEY_LENGTH:
        raise InvalidIdError(f"{global_id[:80]!r} is not a valid ID.")
    if allowed is not None and type_name not in allowed:
        raise InvalidIdError(
            f"Expected the ID of {' or '.join(allowed)}, got the ID of {type_name}.",
            expected=list(allowed),
            actual=type_name,
        )
    return type_name, key


def encode_cursor(key: list[Any]) -> str:
    return base64.urlsafe_b64encode(orjson.dumps(key)).decode().rstrip("=")


def decode_cursor(cursor: str, sort: str, arity: int) -> list[Any]:
    """Returns the sort key values; the first element of a cursor names its sort order."""
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        key = orjson.loads(base64.urlsafe_b64decode(padded.encode("ascii")))
    except (ValueError, binascii.Error, UnicodeEncodeError) as exc:
        raise InvalidCursorError("The cursor is malformed; pass a cursor from this API.") from exc
    if not isinstance(key, list) or len(key) != arity + 1 or key[0] != sort:
        raise InvalidCursorError(
            "The cursor does not belong to this list or sort order; start again without `after`."
        )
    if not all(isinstance(v, str | int | float) for v in key[1:]):
        raise InvalidCursorError("The cursor is malformed; pass a cursor from this API.")
    return list(key[1:])


def check_page(argument: str, size: int, maximum: int) -> int:
    if size < 1 or size > maximum:
        raise InvalidArgumentError(
            f"`{argument}` must be between 1 and {maximum}, got {size}.", argument=argument
        )
    return size


def check_first(first: int, maximum: int) -> int:
    return check_page("first", first, maximum)


def int_key(key: str) -> int | None:
    """A numeric key as Neo4j stores it: ASCII digits within a signed 64-bit integer."""
    if not (key.isascii() and key.isdigit()) or len(key) > 19:
        return None
    value = int(key)
    return value if value < 2**63 else None
