"""Activities: the seeded Week, reads, filters, mutations with their input rules."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from graph_api.graphql.relay import encode_cursor
from tests.conftest import GraphQL, Tokens

LIST = """query($f: ActivityFilter, $first: Int, $after: String) {
  activities(filter: $f, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor }
    nodes { id title start end week status isDemo
            place { online address municipality { code } }
            organiser { id } themes { slug } targetGroups { slug } actionLine { number } } } }"""


def test_seeded_week_is_plausible(run_cypher: Any) -> None:
    row = run_cypher(
        # The seeded ones: activities other tests create through the API are not demo.
        """MATCH (a:Activity {week: 2027}) WHERE a.demo
           RETURN count(a) AS n, count(DISTINCT COLLECT { MATCH (a)-[:HELD_IN]->(m)
                    RETURN m.code }[0]) AS places,
                  min(a.start) >= datetime('2027-09-23T00:00:00+02:00') AS inside,
                  max(a.end) <= datetime('2027-10-03T00:00:00+02:00') AS ends,
                  all(x IN collect(a.end > a.start) WHERE x) AS ordered"""
    )[0]
    assert row["n"] >= 200 and row["places"] >= 50, row
    assert row["inside"] and row["ends"] and row["ordered"], row
    # Held only in joined municipalities, organised by demo organisations.
    stray = run_cypher(
        """MATCH (a:Activity)-[:HELD_IN]->(m:Municipality)
           WHERE a.demo AND m.participation <> 'JOINED'
           RETURN count(a) AS n"""
    )[0]["n"]
    assert stray == 0
    sourced = run_cypher(
        """MATCH (a:Activity)-[:ORGANISED_BY]->(o:Organisation)
           WHERE a.demo AND NOT coalesce(o.demo, false)
           RETURN count(a) AS n"""
    )[0]["n"]
    assert sourced == 0


def test_list_sorted_by_start_and_paged(gql: GraphQL) -> None:
    seen: list[str] = []
    after = None
    for _ in range(3):
        page = gql.ok(LIST, {"f": {"week": 2027}, "first": 40, "after": after})["activities"]
        seen += [n["start"] for n in page["nodes"]]
        after = page["pageInfo"]["endCursor"]
        assert all(n["week"] == 2027 for n in page["nodes"])
    from datetime import datetime

    instants = [datetime.fromisoformat(s) for s in seen]
    assert instants == sorted(instants) and len(instants) == 120
    assert all(s.endswith("+02:00") for s in seen), seen[:3]  # local summer time


def test_filters(gql: GraphQL, run_cypher: Any) -> None:
    f = {
        "from": "2027-09-25T00:00:00",
        "to": "2027-09-27T23:59:59",
        "themes": ["armoede", "gezondheid", "zingeving"],
        "near": {"municipalityCode": "GM0363", "radiusKm": 60},
    }
    got = gql.ok(LIST, {"f": f, "first": 100})["activities"]
    expected = run_cypher(
        """MATCH (c:Municipality {code: 'GM0363'})
           MATCH (a:Activity)-[:HELD_IN]->(m:Municipality)
           WHERE a.end >= datetime('2027-09-25T00:00:00+02:00')
             AND a.start <= datetime('2027-09-27T23:59:59+02:00')
             AND point.distance(m.location, c.location) <= 60000
             AND EXISTS { (a)-[:ADDRESSES]->(t:Theme)
                          WHERE t.slug IN ['armoede', 'gezondheid', 'zingeving'] }
           RETURN 'Activity:' + a.id AS id"""
    )
    assert got["totalCount"] == len(expected) > 0
    assert {n["id"] for n in got["nodes"]} == {r["id"] for r in expected}


def test_bad_filters_are_typed(gql: GraphQL) -> None:
    assert gql(LIST, {"f": {"themes": ["bestaat-niet"]}}).codes == ["UNKNOWN_VALUE"]
    assert gql(LIST, {"f": {"from": "0202-01-01T00:00:00"}}).codes == ["INVALID_ARGUMENT"]
    assert gql(LIST, {"f": {"week": 20255}}).codes == ["INVALID_ARGUMENT"]
    near = {"municipalityCode": "GM9999", "radiusKm": 5}
    assert gql(LIST, {"f": {"near": near}}).codes == ["UNKNOWN_VALUE"]
    # A cursor's start is ISO text read back with datetime(): anything else is refused.
    for start in (5, "gisteren", "2027-09-24T14:00"):
        cursor = encode_cursor(["START", start, "x"])
        assert gql(LIST, {"after": cursor}).codes == ["INVALID_CURSOR"], start


def test_organisation_municipality_and_node(gql: GraphQL, run_cypher: Any) -> None:
    row = run_cypher(
        """MATCH (a:Activity)-[:ORGANISED_BY]->(o), (a)-[:HELD_IN]->(m)
           RETURN a.id AS a, o.id AS o, m.code AS m ORDER BY a.id LIMIT 1"""
    )[0]
    data = gql.ok(
        """query($o: ID!, $m: String!, $a: ID!) {
             node(id: $o) { ... on Organisation { activities(first: 100) { nodes { id } } } }
             municipality(code: $m) { activities(first: 100) { totalCount nodes { id } } }
             activity: node(id: $a) { ... on Activity { title organiser { id } } } }""",
        {"o": f"Organisation:{row['o']}", "m": row["m"], "a": f"Activity:{row['a']}"},
    )
    wanted = f"Activity:{row['a']}"
    assert wanted in {n["id"] for n in data["node"]["activities"]["nodes"]}
    assert data["municipality"]["activities"]["totalCount"] >= 1
    assert data["activity"]["organiser"]["id"] == f"Organisation:{row['o']}"


def test_one_round_trip_per_root_field(execute_traced: Any) -> None:
    _, trips = execute_traced(
        """{ activities(filter: {week: 2027, themes: ["mantelzorg"]}, first: 5) {
               totalCount nodes { title organiser { name } place { municipality { name } } } } }"""
    )
    assert trips.count == 1


def test_create_update_cancel(
    gql: GraphQL, tokens: Tokens, create: Callable[..., dict[str, Any]], run_cypher: Any
) -> None:
    made = create(token=tokens.partner, organisationId=None, week=2027)
    assert made["errors"] == [], made
    activity = made["activity"]
    assert activity["start"].startswith("2027-09-24T14:00") and activity["start"].endswith("+02:00")
    update = """mutation($id: ID!, $r: Int!, $i: UpdateActivityInput!) {
      updateActivity(id: $id, baseRevision: $r, input: $i) {
        activity { revision title } errors { code field } } }"""
    changed = gql.ok(update, {"id": activity["id"], "r": 1, "i": {"title": "Nieuwe titel hier"}},
                     tokens.partner)["updateActivity"]  # fmt: skip
    assert changed == {"activity": {"revision": 2, "title": "Nieuwe titel hier"}, "errors": []}
    stale = gql.ok(update, {"id": activity["id"], "r": 1, "i": {"title": "Te laat gekomen"}},
                   tokens.staff)["updateActivity"]  # fmt: skip
    assert stale["errors"] == [{"code": "CONFLICT", "field": "baseRevision"}]
    # An end moved before the stored start: refused under the lock, nothing written.
    early = gql.ok(update, {"id": activity["id"], "r": 2, "i": {"end": "2027-09-24T13:00:00"}},
                   tokens.staff)["updateActivity"]  # fmt: skip
    assert early["errors"] == [{"code": "VALIDATION", "field": "end"}]
    cancel = """mutation($id: ID!) { cancelActivity(id: $id, baseRevision: 2) {
      activity { status revision } errors { code } } }"""
    done = gql.ok(cancel, {"id": activity["id"]}, tokens.staff)["cancelActivity"]
    assert done == {"activity": {"status": "CANCELLED", "revision": 3}, "errors": []}
    kept = run_cypher(
        "MATCH (a:Activity) WHERE 'Activity:' + a.id = $id RETURN a.status AS s, a.title AS t",
        id=activity["id"],
    )
    assert kept == [{"s": "CANCELLED", "t": "Nieuwe titel hier"}]


def test_bad_input_writes_nothing(create: Callable[..., dict[str, Any]], run_cypher: Any) -> None:
    def count() -> int:
        return int(run_cypher("MATCH (a:Activity) RETURN count(a) AS n")[0]["n"])

    before = count()
    cases: list[tuple[dict[str, Any], str]] = [
        ({"end": "2027-09-24T13:00:00"}, "end"),
        ({"start": "1999-09-24T14:00:00"}, "start"),
        ({"start": "2091-09-24T14:00:00"}, "start"),
        ({"end": "2027-12-24T14:00:00"}, "end"),
        ({"municipalityCode": "GM9999"}, "municipalityCode"),
        ({"municipalityCode": "Amsterdam"}, "municipalityCode"),
        ({"municipalityCode": None}, "municipalityCode"),
        ({"themes": ["bestaat-niet"]}, "themes"),
        ({"week": 2026}, "week"),
        ({"signUpUrl": "javascript:alert(1)"}, "signUpUrl"),
        ({"title": "Met\u202egeheim"}, "title"),
    ]
    for fields, field in cases:
        result = create(**fields)
        assert result["activity"] is None, fields
        assert [(e["code"], e["field"]) for e in result["errors"]] == [("VALIDATION", field)], (
            fields,
            result["errors"],
        )
    assert count() == before


def test_other_partner_may_not_edit(
    gql: GraphQL, tokens: Tokens, create: Callable[..., dict[str, Any]]
) -> None:
    made = create()["activity"]
    refused = gql.ok(
        """mutation($id: ID!) { cancelActivity(id: $id) { activity { id } errors { code } } }""",
        {"id": made["id"]},
        tokens.other_partner,
    )["cancelActivity"]
    assert refused == {"activity": None, "errors": [{"code": "FORBIDDEN"}]}
