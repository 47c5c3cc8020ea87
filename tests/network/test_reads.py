"""Network reads on the seeded graph: the done-when query, traversal both ways, filters."""

from __future__ import annotations

from typing import Any

import pytest

from tests.conftest import GraphQL

PROVINCES = {
    "Groningen",
    "Fryslân",
    "Drenthe",
    "Overijssel",
    "Flevoland",
    "Gelderland",
    "Utrecht",
    "Noord-Holland",
    "Zuid-Holland",
    "Zeeland",
    "Noord-Brabant",
    "Limburg",
}


def test_the_done_when_query(gql: GraphQL) -> None:
    data = gql.ok("{ municipalities { totalCount } provinces { name } nationalCoalition { name } }")
    assert data["municipalities"]["totalCount"] == 342
    assert {p["name"] for p in data["provinces"]} == PROVINCES
    assert data["nationalCoalition"]["name"] == "Nationale Coalitie tegen eenzaamheid"


def test_260_municipalities_joined_and_their_coalitions(gql: GraphQL, run_cypher: Any) -> None:
    data = gql.ok("""{ joined: municipalities(filter: {participation: JOINED}, first: 100) {
                          totalCount nodes { code localCoalition { kind } } }
                       notJoined: municipalities(filter: {participation: NOT_JOINED}, first: 100) {
                          totalCount nodes { code localCoalition { kind } } } }""")
    assert data["joined"]["totalCount"] == 260
    # Nederweert, Meierijstad and Heemstede: a sourced coalition, joining not stated.
    assert data["notJoined"]["totalCount"] == 342 - 260 - 3
    # Joining and having a coalition are separate facts: the API says which each has.
    covered = {
        r["code"]
        for r in run_cypher(
            "MATCH (:Coalition {kind: 'LOCAL'})-[:COVERS]->(m) RETURN m.code AS code"
        )
    }
    for group in ("joined", "notJoined"):
        for node in data[group]["nodes"]:
            coalition = node["localCoalition"]
            assert (coalition is not None) == (node["code"] in covered), node
            assert coalition is None or coalition["kind"] == "LOCAL"


def test_municipality_by_code_and_its_neighbourhood(gql: GraphQL) -> None:
    data = gql.ok("""{ municipality(code: "GM1948") {
        id code name location { latitude longitude } participation joinedOn
        province { code name }
        localCoalition { name members(role: LEAD) { totalCount edges { role node { name } } } }
        organisations(first: 5) { totalCount edges { node { homeMunicipality { code } } } }
    } }""")["municipality"]
    assert data["name"] == "Meierijstad" and data["province"]["name"] == "Noord-Brabant"
    assert 51 < data["location"]["latitude"] < 52 and 5 < data["location"]["longitude"] < 6
    # Its source lists its coalition, not its joining; the source names ten kartrekkers.
    assert data["participation"] == "COALITION_ONLY" and data["joinedOn"] is None
    coalition = data["localCoalition"]
    assert coalition["name"] == "Coalitie eenzaamheid Meierijstad"
    assert coalition["members"]["totalCount"] == 10
    names = {e["node"]["name"] for e in coalition["members"]["edges"]}
    assert "ONS welzijn" in names
    assert data["organisations"]["totalCount"] >= 1
    assert all(
        e["node"]["homeMunicipality"]["code"] == "GM1948" for e in data["organisations"]["edges"]
    )


@pytest.mark.parametrize("code", ["GM9999", "gm9998"])
def test_unknown_municipality_is_null(gql: GraphQL, code: str) -> None:
    assert gql.ok("query($c: String!) { municipality(code: $c) { name } }", {"c": code}) == {
        "municipality": None
    }


@pytest.mark.parametrize("code", ["", "Amsterdam", "GM03633", "'; MATCH (n) DETACH DELETE n //"])
def test_malformed_municipality_code(gql: GraphQL, code: str) -> None:
    result = gql("query($c: String!) { municipality(code: $c) { name } }", {"c": code})
    assert result.codes == ["INVALID_ARGUMENT"] and result.data == {"municipality": None}


def test_every_demo_local_coalition_has_exactly_one_lead(run_cypher: Any) -> None:
    # Sourced coalitions have the leads their sources name (tests/seeding/test_sourced.py).
    rows = run_cypher("""MATCH (c:Coalition {kind: 'LOCAL', demo: true})
                         RETURN c.id AS id,
                                COUNT { (c)<-[:MEMBER_OF {role: 'LEAD'}]-() } AS leads""")
    assert rows and all(r["leads"] == 1 for r in rows)


def test_coalition_members_both_ways(gql: GraphQL) -> None:
    coalition = gql.ok("""{ coalitions(filter: {kind: LOCAL}, first: 1) { edges { node {
        id name kind counterpart { kind } municipalities { code localCoalition { id } }
        members(first: 100) { totalCount edges { role since node { id
            coalitions { role coalition { id } } } } } } } } }""")["coalitions"]["edges"][0]["node"]
    assert coalition["kind"] == "LOCAL" and coalition["counterpart"]["kind"] == "NATIONAL"
    assert all(m["localCoalition"]["id"] == coalition["id"] for m in coalition["municipalities"])
    members = coalition["members"]["edges"]
    assert len(members) == coalition["members"]["totalCount"] > 1
    assert [m["role"] for m in members].count("LEAD") == 1
    for member in members:
        # The same membership seen from the organisation's side carries the same role.
        roles = {c["coalition"]["id"]: c["role"] for c in member["node"]["coalitions"]}
        assert roles[coalition["id"]] == member["role"]


def test_members_sorted_by_join_date(gql: GraphQL) -> None:
    page = gql.ok("""{ nationalCoalition { members(first: 100, sort: JOINED) {
                        edges { since } } } }""")["nationalCoalition"]["members"]["edges"]
    dates = [e["since"] or "" for e in page]
    assert dates == sorted(dates) and len(dates) > 5


def test_national_partners_and_their_branches(gql: GraphQL) -> None:
    data = gql.ok("""{ organisations(filter: {scopes: [NATIONAL], name: "movisie"}) {
                         edges { node { name kind isDemo
                              coalitions { coalition { kind } } } } } }""")
    movisie = data["organisations"]["edges"][0]["node"]
    assert movisie["name"] == "Movisie" and movisie["kind"] == "KNOWLEDGE_INSTITUTE"
    assert movisie["isDemo"] is False
    assert {"kind": "NATIONAL"} in [c["coalition"] for c in movisie["coalitions"]]
    branches = gql.ok("""{ organisations(filter: {scopes: [NATIONAL]}, first: 100) { edges { node {
        id branches(first: 3) { totalCount edges { node { branchOf { id } scope } } } } } } }""")
    with_branches = [
        e["node"]
        for e in branches["organisations"]["edges"]
        if e["node"]["branches"]["totalCount"] > 0
    ]
    assert with_branches
    for parent in with_branches:
        assert all(b["node"]["branchOf"]["id"] == parent["id"] for b in parent["branches"]["edges"])


FILTER_QUERY = """query($f: OrganisationFilter) { organisations(filter: $f, first: 50) {
  totalCount edges { node { kind scope themes { slug } targetGroups { slug }
  homeMunicipality { code province { code } } coalitions { coalition { kind } } } } } }"""


@pytest.mark.parametrize(
    ("filter_", "check"),
    [
        ({"kinds": ["HOUSING", "RELIGIOUS"]}, lambda o: o["kind"] in ("HOUSING", "RELIGIOUS")),
        ({"provinces": ["PV21"]}, lambda o: o["homeMunicipality"]["province"]["code"] == "PV21"),
        ({"municipalities": ["GM0363"]}, lambda o: o["homeMunicipality"]["code"] == "GM0363"),
        ({"themes": ["mantelzorg"]}, lambda o: "mantelzorg" in {t["slug"] for t in o["themes"]}),
        (
            {"targetGroups": ["jongeren-12-25"]},
            lambda o: "jongeren-12-25" in {t["slug"] for t in o["targetGroups"]},
        ),
        (
            {"inLocalCoalition": False},
            lambda o: all(c["coalition"]["kind"] != "LOCAL" for c in o["coalitions"]),
        ),
        (
            {
                "kinds": ["CARE_AND_WELFARE"],
                "provinces": ["PV27", "PV28"],
                "themes": ["gezondheid"],
            },
            lambda o: (
                o["kind"] == "CARE_AND_WELFARE"
                and o["homeMunicipality"]["province"]["code"] in ("PV27", "PV28")
                and "gezondheid" in {t["slug"] for t in o["themes"]}
            ),
        ),
    ],
)
def test_organisation_filters(gql: GraphQL, filter_: dict[str, Any], check: Any) -> None:
    page = gql.ok(FILTER_QUERY, {"f": filter_})["organisations"]
    assert page["totalCount"] > 0
    assert page["edges"] and all(check(e["node"]) for e in page["edges"])
    everything = gql.ok("{ organisations { totalCount } }")["organisations"]["totalCount"]
    assert page["totalCount"] < everything


def test_name_filter_ignores_case_and_accents(gql: GraphQL) -> None:
    data = gql.ok("""{ municipalities(filter: {name: "FRYSLAN"}) { edges { node { name } } }
                       coalitions(filter: {name: "KOM ERBIJ"}) { edges { node { name
                          municipalities { name } } } } }""")
    names = [e["node"]["name"] for e in data["municipalities"]["edges"]]
    assert names == ["Noardeast-Fryslân", "Súdwest-Fryslân"]
    kom_erbij = data["coalitions"]["edges"][0]["node"]
    assert {m["name"] for m in kom_erbij["municipalities"]} == {"Dantumadiel", "Noardeast-Fryslân"}


@pytest.mark.parametrize(
    "filter_",
    [
        {"provinces": ["Utrecht"]},
        {"municipalities": ["GM1"]},
        {"themes": ["Not A Slug!"]},
        {"coalitions": ["Organisation:x"]},
        {"name": "x" * 1000},
    ],
)
def test_malformed_filter_values(gql: GraphQL, filter_: dict[str, Any]) -> None:
    result = gql(FILTER_QUERY, {"f": filter_})
    assert result.codes and result.codes[0] in ("INVALID_ARGUMENT", "INVALID_ID")
    assert result.data is None


@pytest.mark.parametrize(
    ("filter_", "code"),
    [
        ({"themes": ["ruimtevaart"]}, "UNKNOWN_VALUE"),
        ({"provinces": ["PV99"]}, "UNKNOWN_VALUE"),
        ({"municipalities": ["GM0001"]}, "UNKNOWN_VALUE"),
        ({"coalitions": ["Coalition:no-such-coalition"]}, "UNKNOWN_VALUE"),
    ],
)
def test_filter_values_that_do_not_exist(gql: GraphQL, filter_: dict[str, Any], code: str) -> None:
    result = gql(FILTER_QUERY, {"f": filter_})
    assert result.codes == [code]
    assert "Unknown" in result.errors[0]["message"] and result.data is None


def test_coalitions_sorted_by_member_count_and_start(gql: GraphQL) -> None:
    data = gql.ok("""{ big: coalitions(sort: MEMBER_COUNT, first: 30) {
                         edges { node { members { totalCount } } } }
                       old: coalitions(sort: STARTED_ON, first: 30) {
                         edges { node { startedOn } } } }""")
    counts = [e["node"]["members"]["totalCount"] for e in data["big"]["edges"]]
    assert counts == sorted(counts, reverse=True) and counts[0] > counts[-1]
    started = [e["node"]["startedOn"] for e in data["old"]["edges"]]
    assert started == sorted(started)


def test_keyset_pages_survive_inserts(gql: GraphQL, run_cypher: Any) -> None:
    query = """query($a: String) { organisations(first: 50, after: $a, filter: {kinds: [HOUSING]}) {
                 edges { node { id name } } pageInfo { endCursor hasNextPage } } }"""
    first = gql.ok(query)["organisations"]
    before = [e["node"]["id"] for e in first["edges"]]
    # A new organisation sorting before the cursor must not shift the next page.
    run_cypher("""CREATE (:Organisation {id: 'test-insert-between-pages', name: '0 Eerste',
                  nameKey: '0 eerste', kind: 'HOUSING', scope: 'LOCAL', demo: true})""")
    try:
        second = gql.ok(query, {"a": first["pageInfo"]["endCursor"]})["organisations"]
        everything = run_cypher("""MATCH (o:Organisation {kind: 'HOUSING'})
                                   WHERE o.id <> 'test-insert-between-pages'
                                   RETURN 'Organisation:' + o.id AS id
                                   ORDER BY o.name, o.id LIMIT 100""")
    finally:
        run_cypher("MATCH (o:Organisation {id: 'test-insert-between-pages'}) DELETE o")
    after = [e["node"]["id"] for e in second["edges"]]
    assert before + after == [r["id"] for r in everything][: len(before) + len(after)]
