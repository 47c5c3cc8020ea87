"""Date and time scalars. Cypher already renders them as ISO 8601 text, so they pass through."""

from __future__ import annotations

import datetime as dt
from typing import NewType

import strawberry

from graph_api.graphql.errors import InvalidArgumentError


def _parse_date(value: object) -> str:
    try:
        return dt.date.fromisoformat(str(value)).isoformat()
    except ValueError as exc:
        raise InvalidArgumentError(f"{value!r} is not an ISO 8601 date (YYYY-MM-DD).") from exc


def _parse_datetime(value: object) -> str:
    try:
        return dt.datetime.fromisoformat(str(value)).isoformat()
    except ValueError as exc:
        raise InvalidArgumentError(f"{value!r} is not an ISO 8601 date-time.") from exc


Date = strawberry.scalar(
    NewType("Date", str),
    description="A calendar date in ISO 8601, e.g. 2022-09-28.",
    serialize=str,
    parse_value=_parse_date,
)
DateTime = strawberry.scalar(
    NewType("DateTime", str),
    description="A date and time in ISO 8601 with offset, e.g. 2024-05-01T09:30:00Z.",
    serialize=str,
    parse_value=_parse_datetime,
)
