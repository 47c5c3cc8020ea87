"""Activities in search (through the outbox) and in the iCalendar feed."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

import icalendar
from starlette.testclient import TestClient

from graph_api.search.indexer import OutboxIndexer
from tests.conftest import GraphQL, Tokens

SEARCH = """query($q: String!, $past: Boolean!, $f: ActivityFilter) {
  searchActivities(query: $q, includePast: $past, filter: $f) {
    source estimatedTotalHits edges { highlight { title } node { id status } } } }"""


def _found(gql: GraphQL, query: str, past: bool = False, f: Any = None) -> dict[str, str]:
    data = gql.ok(SEARCH, {"q": query, "past": past, "f": f})["searchActivities"]
    return {e["node"]["id"]: e["node"]["status"] for e in data["edges"]}


def test_search_follows_the_outbox(
    gql: GraphQL,
    tokens: Tokens,
    create: Callable[..., dict[str, Any]],
    indexer: OutboxIndexer,
    run_cypher: Any,
) -> None:
    # A word of this run only (letters, so the engine keeps it one word): a rerun on the same
    # store must not find the previous run's activities.
    word = "zeefdruk" + "".join(chr(ord("a") + int(c, 16)) for c in uuid.uuid4().hex[:6])
    coming = create(title=f"{word.capitalize()} voor buren")["activity"]
    past = create(
        title=f"{word.capitalize()} van vorig jaar",
        start="2025-09-26T14:00:00",
        end="2025-09-26T16:00:00",
    )["activity"]
    # Recorded in the outbox (the live server's indexer may have applied them already, which
    # clears `at` but keeps the entry).
    entries = run_cypher("MATCH (e:OutboxEntry {entity: 'activity'}) RETURN e.key AS k")
    assert {f"Activity:{r['k']}" for r in entries} >= {coming["id"], past["id"]}
    indexer.drain()
    assert set(_found(gql, word)) == {coming["id"]}
    assert set(_found(gql, word, past=True)) == {coming["id"], past["id"]}
    # Filters reach the index too.
    assert _found(gql, word, f={"themes": ["mantelzorg"]}) == {}
    # The past one stays readable through the API.
    node = gql.ok("query($id: ID!) { node(id: $id) { id } }", {"id": past["id"]})["node"]
    assert node == {"id": past["id"]}
    gql.ok(
        "mutation($id: ID!) { cancelActivity(id: $id) { errors { code } } }",
        {"id": coming["id"]},
        tokens.staff,
    )
    indexer.drain()
    assert _found(gql, word) == {coming["id"]: "CANCELLED"}


def test_seeded_activities_are_searchable(gql: GraphQL, indexer: OutboxIndexer) -> None:
    indexer.drain()
    data = gql.ok(SEARCH, {"q": "rouwcafe", "past": False, "f": {"week": 2027}})
    hits = data["searchActivities"]["edges"]
    assert hits and all("<mark>" in e["highlight"]["title"] for e in hits)


def _feed(client: TestClient, **params: Any) -> Any:
    response = client.get("/activities.ics", params=params)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/calendar")
    return icalendar.Calendar.from_ical(response.content)


def test_feed_matches_the_graph(client: TestClient, gql: GraphQL) -> None:
    params = {"week": 2027, "themes": "mantelzorg,zingeving", "from": "2027-09-01T00:00:00"}
    cal = _feed(client, **params)
    events = list(cal.walk("VEVENT"))
    zones = [tz["TZID"] for tz in cal.walk("VTIMEZONE")]
    assert zones == ["Europe/Amsterdam"]
    listed = gql.ok(
        """{ activities(filter: {week: 2027, themes: ["mantelzorg", "zingeving"],
                                 from: "2027-09-01T00:00:00"}, first: 100) {
             totalCount nodes { id title start end status } } }"""
    )["activities"]
    assert len(events) == listed["totalCount"] > 0
    by_uid = {str(e["UID"]).split("@")[0].removeprefix("activity-"): e for e in events}
    for activity in listed["nodes"]:
        event = by_uid[activity["id"].removeprefix("Activity:")]
        start = event.decoded("DTSTART")
        assert start.tzinfo is not None and str(event["DTSTART"].params["TZID"]) == (
            "Europe/Amsterdam"
        )
        assert start == datetime.fromisoformat(activity["start"])
        assert event.decoded("DTEND") == datetime.fromisoformat(activity["end"])
        assert str(event["SUMMARY"]) == activity["title"]
        assert str(event["STATUS"]) == (
            "CANCELLED" if activity["status"] == "CANCELLED" else "CONFIRMED"
        )


def test_feed_near_and_winter_time(client: TestClient, run_cypher: Any) -> None:
    cal = _feed(
        client, municipality="GM0363", radiusKm="40", **{"from": "2027-11-01", "to": "2027-12-31"}
    )
    events = list(cal.walk("VEVENT"))
    amsterdam = ZoneInfo("Europe/Amsterdam")
    for event in events:
        start = event.decoded("DTSTART")
        assert start.astimezone(amsterdam).utcoffset().total_seconds() == 3600  # CET
    expected = run_cypher(
        """MATCH (c:Municipality {code: 'GM0363'}) MATCH (a:Activity)-[:HELD_IN]->(m)
           WHERE point.distance(m.location, c.location) <= 40000
             AND a.end >= datetime('2027-11-01T00:00:00+01:00')
             AND a.start <= datetime('2027-12-31T00:00:00+01:00')
           RETURN count(a) AS n"""
    )[0]["n"]
    assert len(events) == expected


def test_feed_bad_parameters(client: TestClient) -> None:
    cases = [
        ({"from": "gisteren"}, "from"),
        ({"from": "1900-01-01"}, "from"),
        ({"week": "twee"}, "week"),
        ({"radiusKm": "5"}, "municipality"),
        ({"municipality": "GM0363", "radiusKm": "veel"}, "radiusKm"),
        ({"municipality": "GM0363", "radiusKm": "900"}, "radiusKm"),
        ({"themes": "bestaat-niet"}, "theme"),
        ({"organisation": "Practice:1"}, "Organisation"),
        ({"municipality": "GM9999"}, "municipality"),
        ({"colour": "red"}, "colour"),
    ]
    for params, word in cases:
        response = client.get("/activities.ics", params=params)
        assert response.status_code == 400, (params, response.status_code, response.text)
        assert word in response.text, (params, response.text)
