"""Meilisearch filter expressions, built so that no value can change the expression.

Attribute names are the project's own constants. Values are validated by the callers
(slugs, codes, enums, numbers) and are quoted here anyway: inside double quotes, only a
backslash and a double quote are special, and both are escaped.
"""

from __future__ import annotations

from collections.abc import Iterable


def quote(value: str | int) -> str:
    if isinstance(value, bool):  # bool is an int; never meant here
        raise TypeError("boolean filter values are not supported")
    if isinstance(value, int):
        return str(value)
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def any_of(attribute: str, values: Iterable[str | int]) -> str:
    """`attribute IN ["a", "b"]`: true when the attribute (or any element of it) is one of them."""
    return f"{attribute} IN [{', '.join(quote(v) for v in values)}]"


def all_of(conditions: Iterable[str]) -> str | None:
    parts = [f"({c})" for c in conditions]
    return " AND ".join(parts) if parts else None
