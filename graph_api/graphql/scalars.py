"""Date and time scalars. Cypher already renders them as ISO 8601 text, so they pass through."""

from __future__ import annotations

import datetime as dt
from typing import NewType

import strawberry
from strawberry.types.scalar import ScalarDefinition

from graph_api.graphql.errors import InvalidArgumentError

Date = NewType("Date", str)
DateTime = NewType("DateTime", str)


def _parse_date(value: object) -> Date:
    try:
        return Date(dt.date.fromisoformat(str(value)).isoformat())
    except ValueError as exc:
        raise InvalidArgumentError(f"{value!r} is not an ISO 8601 date (YYYY-MM-DD).") from exc


def _parse_datetime(value: object) -> DateTime:
    try:
        return DateTime(dt.datetime.fromisoformat(str(value)).isoformat())
    except ValueError as exc:
        raise InvalidArgumentError(f"{value!r} is not an ISO 8601 date-time.") from exc


SCALAR_MAP: dict[object, ScalarDefinition] = {
    Date: strawberry.scalar(
        name="Date",
        description="A calendar date in ISO 8601, e.g. 2022-09-28.",
        serialize=str,
        parse_value=_parse_date,
    ),
    DateTime: strawberry.scalar(
        name="DateTime",
        description="A date and time in ISO 8601 with offset, e.g. 2024-05-01T09:30:00Z.",
        serialize=str,
        parse_value=_parse_datetime,
    ),
}
