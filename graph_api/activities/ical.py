"""`GET /activities.ics`: the activities as an iCalendar feed (RFC 5545) to subscribe to.

The query parameters are the `activities` filter's: `from`, `to` (ISO 8601; without an
offset, Amsterdam time), `municipality` (a CBS code: held there, or with `radiusKm` within
that radius of it), `themes` and `targetGroups` (slugs, comma-separated or repeated),
`organisation` (a global ID) and `week` (a year). Without `from` the feed starts 31 days
back, so a calendar keeps the recent past; it holds at most 1,000 events, soonest first.
Times are written in Europe/Amsterdam with its VTIMEZONE; cancelled activities stay in the
feed with STATUS:CANCELLED, so subscribed calendars strike them out. Bad parameters are a
400 with a message saying which and why. One Cypher read, like a root field.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from icalendar import Calendar, Event
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response

from graph_api.activities.filters import ACTIVITY_FILTERS, AMSTERDAM, instant
from graph_api.db.driver import Database
from graph_api.graph_names import Label, Rel
from graph_api.graphql.errors import QueryTimeoutError, ServiceUnavailableError, UserError
from graph_api.network.filters import NearFilter

MAX_EVENTS = 1000
DEFAULT_PAST = dt.timedelta(days=31)
PRODID = "-//Eén tegen eenzaamheid//Activiteiten//NL"
PARAMETERS = {"from", "to", "municipality", "radiusKm", "themes", "targetGroups",
              "organisation", "week"}  # fmt: skip


@dataclass
class FeedFilter:
    """The feed's filter, with the attributes `ACTIVITY_FILTERS` reads (all declared)."""

    from_: str | None = None
    to: str | None = None
    near: NearFilter | None = None
    themes: list[str] | None = None
    target_groups: list[str] | None = None
    organisation: str | None = None
    week: int | None = None
    municipalities: list[str] | None = None


class _Params:
    """Parameters and existence checks, as the GraphQL compiler collects them."""

    def __init__(self) -> None:
        self.values: dict[str, Any] = {}
        self.checks: list[tuple[str, str, str, str]] = []

    def param(self, value: Any) -> str:
        name = f"p{len(self.values)}"
        self.values[name] = value
        return f"${name}"

    def existing(self, label: str, prop: str, values: list[Any], what: str) -> str:
        param = self.param(values)
        self.checks.append((label, prop, param, what))
        return param


class BadParameter(Exception):
    pass


def _list(request: Request, name: str) -> list[str] | None:
    values = [v.strip() for raw in request.query_params.getlist(name) for v in raw.split(",")]
    values = [v for v in values if v]
    return values or None


def parse(request: Request) -> FeedFilter:
    """The filter from the query string; BadParameter names the parameter at fault."""
    unknown = sorted(set(request.query_params) - PARAMETERS)
    if unknown:
        raise BadParameter(
            f"Unknown parameter {unknown[0]!r}; use {', '.join(sorted(PARAMETERS))}."
        )
    q = request.query_params
    f = FeedFilter(
        from_=q.get("from") or (dt.datetime.now(AMSTERDAM) - DEFAULT_PAST).isoformat(),
        to=q.get("to"),
        themes=_list(request, "themes"),
        target_groups=_list(request, "targetGroups"),
        organisation=q.get("organisation"),
    )
    if q.get("week"):
        try:
            f.week = int(q["week"])
        except ValueError as exc:
            raise BadParameter("`week` must be a year, e.g. 2027.") from exc
    code, radius = q.get("municipality"), q.get("radiusKm")
    if radius is not None and code is None:
        raise BadParameter("`radiusKm` needs `municipality`.")
    if code is not None and radius is None:
        f.municipalities = [code.strip().upper()]
    elif code is not None and radius is not None:
        try:
            km = float(radius)
        except ValueError as exc:
            raise BadParameter("`radiusKm` must be a number of kilometres.") from exc
        f.near = NearFilter(municipality_code=code, radius_km=km)
    for name, value in (("from", f.from_), ("to", f.to)):
        if value is not None:
            try:
                instant(value, name)
            except UserError as exc:
                raise BadParameter(f"`{name}`: {exc.message}") from exc
    return f


_ROWS = f"""
RETURN COLLECT {{
  MATCH (a:{Label.ACTIVITY}) WHERE {{where}}
  WITH a ORDER BY a.start, a.id LIMIT {MAX_EVENTS}
  RETURN a {{ .id, .title, .description, .address, .status, .revision, .signUpUrl,
             online: coalesce(a.online, false), start: a.start, end: a.end,
             updatedAt: coalesce(a.updatedAt, a.createdAt, a.start),
             organiser: COLLECT {{ MATCH (a)-[:{Rel.ORGANISED_BY}]->(o:{Label.ORGANISATION})
                                  RETURN o.name LIMIT 1 }},
             place: COLLECT {{ MATCH (a)-[:{Rel.HELD_IN}]->(m:{Label.MUNICIPALITY})
                              RETURN m.name LIMIT 1 }},
             themes: COLLECT {{ MATCH (a)-[:{Rel.ADDRESSES}]->(t:{Label.THEME})
                               RETURN t.name ORDER BY t.name }} }}
}} AS events"""


async def events(db: Database, f: FeedFilter) -> list[dict[str, Any]]:
    """The activities of the filter, soonest first; UserError for unknown values."""
    p = _Params()
    conditions = ["a.start IS NOT NULL", "a.id IS NOT NULL"]  # read in (start, id) index order
    conditions += [c.replace("{m}", "a") for c in ACTIVITY_FILTERS.cypher(p, f)]
    cypher = _ROWS.replace("{where}", " AND ".join(conditions))
    checks = [
        f"[v IN {param} WHERE NOT EXISTS {{ MATCH (x:{label}) WHERE x.{prop} = v }}]"
        for label, prop, param, _ in p.checks
    ]
    if checks:
        cypher += f", [{', '.join(checks)}] AS missing"
    rows = await db.read(cypher, p.values)
    row = rows[0]
    for (_, _, _, what), missing in zip(p.checks, row.get("missing", []), strict=True):
        if missing:
            raise BadParameter(f"Unknown {what}: {', '.join(repr(v) for v in missing[:5])}.")
    return list(row["events"])


def calendar(rows: list[dict[str, Any]], host: str) -> bytes:
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", "Activiteiten tegen eenzaamheid")
    cal.add("x-wr-timezone", "Europe/Amsterdam")
    for row in rows:
        event = Event()
        event.add("uid", f"activity-{row['id']}@{host}")
        event.add("dtstamp", row["updatedAt"].to_native().astimezone(dt.UTC))
        # In the named zone, so calendars show local time and the VTIMEZONE below applies.
        event.add("dtstart", row["start"].to_native().astimezone(AMSTERDAM))
        event.add("dtend", row["end"].to_native().astimezone(AMSTERDAM))
        event.add("summary", row["title"])
        event.add("sequence", max(int(row["revision"] or 1) - 1, 0))
        event.add("status", "CANCELLED" if row["status"] == "CANCELLED" else "CONFIRMED")
        text = [row["description"] or ""]
        if row["organiser"]:
            text.append(f"Organisatie: {row['organiser'][0]}")
        event.add("description", "\n\n".join(t for t in text if t))
        place = [row["address"], row["place"][0] if row["place"] else None]
        location = ", ".join(p for p in place if p) or None
        if row["online"]:
            location = f"Online{f' en {location}' if location else ''}"
        if location:
            event.add("location", location)
        if row["signUpUrl"]:
            event.add("url", row["signUpUrl"])
        if row["themes"]:
            event.add("categories", row["themes"])
        cal.add_component(event)
    cal.add_missing_timezones()
    return bytes(cal.to_ical())


def feed(database: Callable[[], Database]) -> Callable[[Request], Awaitable[Response]]:
    """The route's endpoint; `database` gives the app's (opened by its lifespan)."""

    async def serve(request: Request) -> Response:
        try:
            f = parse(request)
            rows = await events(database(), f)
        except BadParameter as exc:
            return PlainTextResponse(f"{exc}\n", status_code=400)
        except (ServiceUnavailableError, QueryTimeoutError) as exc:
            return PlainTextResponse(
                f"{exc.message}\n", status_code=503, headers={"Retry-After": "5"}
            )
        except UserError as exc:
            return PlainTextResponse(f"{exc.message}\n", status_code=400)
        body = calendar(rows, request.url.hostname or "localhost")
        return Response(
            body,
            media_type="text/calendar; charset=utf-8",
            headers={"Cache-Control": "public, max-age=300"},
        )

    return serve
