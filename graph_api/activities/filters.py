"""Filter inputs of activity lists and search, and the one declaration of each field.

`ACTIVITY_FILTERS` serves the graph list (`activities`, the iCalendar feed) and the
Meilisearch search alike; see `graph_api.graphql.filtering` for how a declaration renders.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

import strawberry

from graph_api.graph_names import Label, Rel
from graph_api.graphql.errors import InvalidArgumentError
from graph_api.graphql.filtering import Field, Filters, OneOf, Params, Reaches, global_ids
from graph_api.graphql.scalars import DateTime
from graph_api.network.filters import NearFilter, municipalities, near, target_groups, themes

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
# Dates a filter or an activity may name: the programme began in 2018; nothing is planned
# generations ahead. Outside, a value is a typo (0202, 20255) rather than a wish.
EARLIEST = dt.datetime(2000, 1, 1, tzinfo=AMSTERDAM)
LATEST = dt.datetime(2100, 1, 1, tzinfo=AMSTERDAM)
FIRST_WEEK, LAST_WEEK = 2000, 2099


def instant(value: str | dt.datetime, argument: str = "filter") -> dt.datetime:
    """An aware datetime from ISO text; without an offset it is Amsterdam time. Outside
    2000-2099 it is an INVALID_ARGUMENT error."""
    try:
        parsed = value if isinstance(value, dt.datetime) else dt.datetime.fromisoformat(value)
    except ValueError as exc:
        raise InvalidArgumentError(
            f"{str(value)[:40]!r} is not an ISO 8601 date-time.", argument=argument
        ) from exc
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=AMSTERDAM)
    if not EARLIEST <= parsed < LATEST:
        raise InvalidArgumentError("Dates must lie between 2000 and 2099.", argument=argument)
    return parsed


def weeks(value: int | list[int]) -> list[int]:
    years = value if isinstance(value, list) else [value]
    if any(not FIRST_WEEK <= y <= LAST_WEEK for y in years):
        raise InvalidArgumentError(
            "`week` is the year of a Week tegen Eenzaamheid, 2000 to 2099.", argument="filter"
        )
    return years


@dataclass(frozen=True, kw_only=True)
class Bound(Field):
    """One end of a time window: with `at_least`, the node's `prop` is at or after the
    value (`from`: the activity has not ended before it); otherwise at or before it (`to`:
    it has begun by then). `attribute` holds the same instant in epoch seconds."""

    prop: str
    at_least: bool

    def cypher(self, c: Params, value: Any) -> str:
        op = ">=" if self.at_least else "<="
        # In UTC: the driver packs a fixed offset; a zone-database zone is not needed here.
        return f"{{m}}.{self.prop} {op} {c.param(instant(value).astimezone(dt.UTC))}"

    def meili(self, value: Any, looked_up: Any) -> str:
        op = ">=" if self.at_least else "<="
        return f"{self._attribute()} {op} {int(instant(value).timestamp())}"


@strawberry.input(description="Narrows an activity list; all given fields must match.")
class ActivityFilter:
    from_: DateTime | None = strawberry.field(
        default=None,
        name="from",
        description="Only activities that have not ended before this time (no offset: "
        "Amsterdam time).",
    )
    to: DateTime | None = strawberry.field(
        default=None, description="Only activities that start at or before this time."
    )
    near: NearFilter | None = strawberry.field(
        default=None, description="Held in a municipality within the radius (not online only)."
    )
    themes: list[str] | None = strawberry.field(default=None, description="Theme slugs.")
    target_groups: list[str] | None = strawberry.field(
        default=None, description="Target group slugs."
    )
    organisation: strawberry.ID | None = strawberry.field(
        default=None, description="The organiser."
    )
    week: int | None = strawberry.field(
        default=None, description="Only those of the Week tegen Eenzaamheid of this year."
    )


_HELD_IN = f"-[:{Rel.HELD_IN}]->"
# Attributes: the activity's search document (`graph_api.activities.documents`).
ACTIVITY_FILTERS = Filters(
    {
        "from_": Bound(prop="end", at_least=True, attribute="endTs"),
        "to": Bound(prop="start", at_least=False, attribute="startTs"),
        "near": near(_HELD_IN, "municipality"),
        "themes": themes(f"-[:{Rel.ADDRESSES}]->", "themes"),
        "target_groups": target_groups(f"-[:{Rel.TARGETS}]->", "targetGroups"),
        "organisation": Reaches(
            path=f"-[:{Rel.ORGANISED_BY}]->",
            label=Label.ORGANISATION,
            key="id",
            parse=global_ids("Organisation"),
            what="organisation",
            attribute="organisationId",
        ),
        "week": OneOf(prop="week", parse=weeks, attribute="week"),
        # Only the iCalendar feed's `municipality` without a radius (no GraphQL input has it).
        "municipalities": municipalities(_HELD_IN, "municipality"),
    }
)
ACTIVITY_LIST_FILTERS = ACTIVITY_FILTERS.for_input(ActivityFilter)
ACTIVITY_SEARCH_FILTERS = ACTIVITY_FILTERS.for_search(ActivityFilter)


def activity_conditions(c: Params, f: ActivityFilter | None) -> list[str]:
    return ACTIVITY_LIST_FILTERS.cypher(c, f)
