"""Activity mutations. Thin: validate the input, call the workflow, shape the payload.

Input rules: an end after the start, dates from 2018 (the programme's start) to five years
ahead, at most 31 days long, a place (a municipality) unless online, a `week` that is the
start's year, known themes, target groups and municipality. Any problem is a VALIDATION
error naming the field, and nothing is written.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

import strawberry
from neo4j import AsyncManagedTransaction
from strawberry import UNSET
from strawberry.types import Info

from graph_api.activities import workflow
from graph_api.activities.filters import AMSTERDAM
from graph_api.activities.types import Activity
from graph_api.graphql import mutate
from graph_api.graphql.context import Context
from graph_api.graphql.errors import InvalidIdError
from graph_api.graphql.mapping import sized
from graph_api.graphql.mutation_errors import (
    ErrorCode,
    MutationError,
    MutationRefused,
    failed,
    refuse,
)
from graph_api.graphql.relay import decode_id
from graph_api.graphql.scalars import DateTime
from graph_api.network.filters import MUNICIPALITY_CODE
from graph_api.validation import Checker

ACTIVITY_NODE = ("Activity", "Activity", "id")
EARLIEST = dt.datetime(2018, 1, 1, tzinfo=AMSTERDAM)
YEARS_AHEAD = 5
MAX_DAYS = 31


@strawberry.type(description="The result of an activity mutation: the activity, or why not.")
class ActivityPayload:
    activity: Activity | None
    errors: list[MutationError] = sized(5)


@strawberry.input(description="A new activity; it starts PLANNED.")
class CreateActivityInput:
    organisation_id: strawberry.ID | None = strawberry.field(
        default=None, description="The organiser; partners may leave it out (their own)."
    )
    title: str
    description: str | None = None
    start: DateTime = strawberry.field(description="Without an offset: Amsterdam time.")
    end: DateTime = strawberry.field(description="After `start`, at most 31 days later.")
    municipality_code: str | None = strawberry.field(
        default=None, description="Where it is held; required unless `online`."
    )
    address: str | None = None
    online: bool = False
    themes: list[str] = strawberry.field(default_factory=list, description="Theme slugs.")
    target_groups: list[str] = strawberry.field(default_factory=list)
    action_line: int | None = strawberry.field(default=None, description="1, 2 or 3.")
    week: int | None = strawberry.field(
        default=None, description="The year of the Week tegen Eenzaamheid, if part of it."
    )
    sign_up_url: str | None = strawberry.field(default=None, description="An http(s) URL.")


@strawberry.input(
    description="Changes to an activity. A field left out stays as it is; null clears "
    "description, address, municipalityCode (online ones), actionLine, week or signUpUrl "
    "and is refused for the others; a list replaces the list."
)
class UpdateActivityInput:
    title: str | None = UNSET
    description: str | None = UNSET
    start: DateTime | None = UNSET
    end: DateTime | None = UNSET
    municipality_code: str | None = UNSET
    address: str | None = UNSET
    online: bool | None = UNSET
    themes: list[str] | None = UNSET
    target_groups: list[str] | None = UNSET
    action_line: int | None = UNSET
    week: int | None = UNSET
    sign_up_url: str | None = UNSET


def _instant(check: Checker, name: str, value: str | None) -> dt.datetime | None:
    """An aware datetime with Amsterdam's offset of that moment (so the graph shows local
    time and compares instants), or None with a problem noted."""
    if value is None:
        return None
    try:
        parsed = dt.datetime.fromisoformat(value)
    except ValueError:
        check.add(name, f"`{name}` is not an ISO 8601 date-time.")
        return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=AMSTERDAM)
    latest = dt.datetime.now(AMSTERDAM).replace(microsecond=0) + dt.timedelta(
        days=365 * YEARS_AHEAD
    )
    if not EARLIEST <= parsed <= latest:
        check.add(name, f"`{name}` must lie between 2018 and {YEARS_AHEAD} years from now.")
        return None
    local = parsed.astimezone(AMSTERDAM).replace(microsecond=0)
    offset = local.utcoffset()
    assert offset is not None
    return local.replace(tzinfo=dt.timezone(offset))


def _check_span(check: Checker, start: dt.datetime | None, end: dt.datetime | None) -> None:
    if start is None or end is None:
        return
    if end <= start:
        check.add("end", "`end` must come after `start`.")
    elif end - start > dt.timedelta(days=MAX_DAYS):
        check.add("end", f"An activity lasts at most {MAX_DAYS} days.")


def _check_week(check: Checker, week: int | None, start: dt.datetime | None) -> None:
    if week is not None and start is not None and week != start.astimezone(AMSTERDAM).year:
        check.add("week", "`week` is the year of the Week tegen Eenzaamheid: the start's year.")


def _municipality(check: Checker, code: str | None) -> list[str] | None:
    if code is None:
        return None
    code = code.strip().upper()
    if not MUNICIPALITY_CODE.match(code):
        check.add("municipalityCode", f"{code[:20]!r} is not a municipality code (GM0363).")
    return [code]


def _lists(check: Checker, data: CreateActivityInput | UpdateActivityInput) -> None:
    if data.themes not in (UNSET, None):
        check.count("themes", data.themes)
    if data.target_groups not in (UNSET, None):
        check.count("targetGroups", data.target_groups)
    if data.action_line not in (UNSET, None):
        check.action_lines([data.action_line])


def _create(data: CreateActivityInput) -> tuple[dict[str, Any], dict[str, Any]]:
    check = Checker()
    start = _instant(check, "start", data.start)
    end = _instant(check, "end", data.end)
    _check_span(check, start, end)
    _check_week(check, data.week, start)
    place = _municipality(check, data.municipality_code)
    if place is None and not data.online:
        check.add("municipalityCode", "Say where it is held, or that it is online.")
    fields: dict[str, Any] = {
        "title": check.text("title", data.title, True),
        "description": check.text("description", data.description, False),
        "address": check.text("address", data.address, False),
        "signUpUrl": check.url("signUpUrl", data.sign_up_url),
        "start": start,
        "end": end,
        "online": data.online,
        "week": data.week,
    }
    _lists(check, data)
    check.raise_if_any()
    links = {
        "themes": data.themes,
        "target_groups": data.target_groups,
        "municipality": place or [],
        "action_line": [data.action_line] if data.action_line is not None else [],
    }
    return {k: v for k, v in fields.items() if v is not None}, links


def _update(data: UpdateActivityInput) -> tuple[dict[str, Any], dict[str, Any], Any]:
    check = Checker()
    fields: dict[str, Any] = {}
    for name, attr, clearable in (
        ("title", "title", False),
        ("description", "description", True),
        ("address", "address", True),
    ):
        value = getattr(data, attr)
        if value is UNSET:
            continue
        if value is None and not clearable:
            check.not_null(name, value)
        else:
            fields[name] = check.text(name, value, not clearable)
    for name in ("start", "end", "online", "themes", "targetGroups"):
        check.not_null(name, getattr(data, {"targetGroups": "target_groups"}.get(name, name)))
    start = _instant(check, "start", data.start) if data.start not in (UNSET, None) else None
    end = _instant(check, "end", data.end) if data.end not in (UNSET, None) else None
    if start is not None:
        fields["start"] = start
    if end is not None:
        fields["end"] = end
    if data.online not in (UNSET, None):
        fields["online"] = data.online
    if data.sign_up_url is not UNSET:
        fields["signUpUrl"] = check.url("signUpUrl", data.sign_up_url)
    if data.week is not UNSET:
        fields["week"] = data.week
    place = None
    if data.municipality_code is not UNSET:
        place = _municipality(check, data.municipality_code) or []
    _lists(check, data)
    check.raise_if_any()
    links: dict[str, Any] = {
        "themes": None if data.themes is UNSET else data.themes,
        "target_groups": None if data.target_groups is UNSET else data.target_groups,
        "municipality": place,
        "action_line": None
        if data.action_line is UNSET
        else ([data.action_line] if data.action_line is not None else []),
    }

    def check_place(now: workflow.Current) -> None:
        """The rules that span given and stored fields, under the activity's lock."""
        later = Checker()
        _check_span(later, fields.get("start", now.start), fields.get("end", now.end))
        _check_week(later, fields.get("week", now.week), fields.get("start", now.start))
        online = fields.get("online", now.online)
        held = now.municipality if place is None else (place[0] if place else None)
        if not online and held is None:
            later.add("municipalityCode", "Say where it is held, or that it is online.")
        later.raise_if_any()

    return fields, links, check_place


def _activity_key(activity_id: strawberry.ID) -> str:
    try:
        return decode_id(activity_id, "Activity")[1]
    except InvalidIdError as exc:
        raise refuse(ErrorCode.NOT_FOUND, str(exc.message), "id") from exc


BASE_REVISION = (
    "The revision you edited. If the activity has moved on since, the answer is a CONFLICT "
    "and nothing changes."
)


@strawberry.type
class ActivityMutation:
    @strawberry.mutation(
        description="Announce an activity (partners for their own organisation, staff for any)."
    )
    async def create_activity(self, info: Info, input: CreateActivityInput) -> ActivityPayload:
        ctx: Context = info.context
        try:
            fields, links = _create(input)
            if input.organisation_id is not None:
                org = decode_id(input.organisation_id, "Organisation")[1]
            elif ctx.viewer.organisation_id:
                org = ctx.viewer.organisation_id
            else:
                raise refuse(ErrorCode.VALIDATION, "Say which organisation.", "organisationId")
        except InvalidIdError as exc:
            return failed(refuse(ErrorCode.VALIDATION, exc.message, "organisationId"), "activity")
        except MutationRefused as exc:
            return failed(exc, "activity")

        async def write(tx: AsyncManagedTransaction) -> str:
            return await workflow.create(tx, ctx.viewer, org, fields, links)

        return await mutate.run(info, "ActivityPayload", "activity", ACTIVITY_NODE, write)

    @strawberry.mutation(description="Change an activity (its organiser's partners, or staff).")
    async def update_activity(
        self,
        info: Info,
        id: strawberry.ID,
        base_revision: Annotated[int, strawberry.argument(description=BASE_REVISION)],
        input: UpdateActivityInput,
    ) -> ActivityPayload:
        ctx: Context = info.context
        try:
            key = _activity_key(id)
            fields, links, check_place = _update(input)
        except MutationRefused as exc:
            return failed(exc, "activity")

        async def write(tx: AsyncManagedTransaction) -> str:
            return await workflow.update(
                tx, ctx.viewer, key, base_revision, fields, links, check_place
            )

        return await mutate.run(info, "ActivityPayload", "activity", ACTIVITY_NODE, write)

    @strawberry.mutation(
        description="Call an activity off. The record stays, marked CANCELLED, so links and "
        "calendar subscriptions say so."
    )
    async def cancel_activity(
        self,
        info: Info,
        id: strawberry.ID,
        base_revision: Annotated[int | None, strawberry.argument(description=BASE_REVISION)] = None,
    ) -> ActivityPayload:
        ctx: Context = info.context
        try:
            key = _activity_key(id)
        except MutationRefused as exc:
            return failed(exc, "activity")

        async def write(tx: AsyncManagedTransaction) -> str:
            return await workflow.cancel(tx, ctx.viewer, key, base_revision)

        return await mutate.run(info, "ActivityPayload", "activity", ACTIVITY_NODE, write)
