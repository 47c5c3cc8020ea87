"""Municipalities keep their CBS name and show people `displayName`, without CBS's suffix."""

from __future__ import annotations

from typing import Any

import pytest
from neo4j import Driver

from graph_api.db.migrations import backfill_display_names
from graph_api.search.documents import (
    ORGANISATION_PROJECTION,
    PRACTICE_PROJECTION,
    organisation_document,
    practice_document,
)
from graph_api.settings import Settings
from graph_api.text import display_name
from tests.conftest import GraphQL


@pytest.mark.parametrize(
    ("official", "shown"),
    [
        ("Middelburg (Z.)", "Middelburg"),
        ("Bergen (L.)", "Bergen"),
        ("Bergen (NH.)", "Bergen"),
        ("Rijswijk (ZH.)", "Rijswijk"),
        ("'s-Gravenhage", "'s-Gravenhage"),
        ("Bergen op Zoom", "Bergen op Zoom"),
        ("Súdwest-Fryslân", "Súdwest-Fryslân"),
    ],
)
def test_display_name_drops_only_the_cbs_suffix(official: str, shown: str) -> None:
    assert display_name(official) == shown


def test_a_municipality_has_both_names(gql: GraphQL) -> None:
    data = gql.ok('{ municipality(code: "GM0687") { name displayName } }')
    assert data["municipality"] == {"name": "Middelburg (Z.)", "displayName": "Middelburg"}


def test_lists_sort_by_display_name_then_code(gql: GraphQL) -> None:
    names: list[tuple[str, str, str]] = []
    after = None
    while True:
        page = gql.ok(
            """query($after: String) { municipalities(first: 100, after: $after, sort: NAME) {
                 edges { node { code name displayName } } pageInfo { hasNextPage endCursor } } }""",
            {"after": after},
        )["municipalities"]
        names += [
            (e["node"]["displayName"], e["node"]["code"], e["node"]["name"]) for e in page["edges"]
        ]
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    assert len(names) == 342
    assert names == sorted(names)
    # The two Bergens tie on the name people use, so the code decides (by the CBS name,
    # "Bergen (L.)" would come first).
    bergens = [n[2] for n in names if n[0] == "Bergen"]
    assert bergens == ["Bergen (NH.)", "Bergen (L.)"]
    for province in gql.ok("{ provinces { municipalities { displayName code } } }")["provinces"]:
        listed = [(m["displayName"], m["code"]) for m in province["municipalities"]]
        assert listed == sorted(listed)


def test_name_filter_finds_either_name(gql: GraphQL) -> None:
    for name in ("middelburg", "Middelburg (Z.)"):
        data = gql.ok(
            "query($n: String) { municipalities(filter: {name: $n}) { nodes { code } } }",
            {"n": name},
        )
        assert [m["code"] for m in data["municipalities"]["nodes"]] == ["GM0687"]


def test_search_documents_use_display_names(run_cypher: Any) -> None:
    org = run_cypher(
        "MATCH (o:Organisation)-[:BASED_IN]->(:Municipality {code: 'GM0687'}) "
        f"WITH o ORDER BY o.id LIMIT 1 RETURN {ORGANISATION_PROJECTION} AS doc"
    )
    assert organisation_document(org[0]["doc"])["municipalityName"] == "Middelburg"
    practice = run_cypher(
        "MATCH (p:Practice)-[:APPLIED_IN]->(m:Municipality) WHERE m.name ENDS WITH ')' "
        f"WITH p ORDER BY p.id LIMIT 1 RETURN {PRACTICE_PROJECTION} AS doc"
    )
    names = practice_document(practice[0]["doc"])["municipalityNames"]
    assert names and not any(n.endswith(")") for n in names)


def test_migrate_backfills_display_names(
    neo4j: Driver, settings: Settings, run_cypher: Any
) -> None:
    """A graph seeded before `displayName` existed gets it from migrate, once."""
    run_cypher("MATCH (m:Municipality) WHERE m.code IN ['GM0687', 'GM0893'] REMOVE m.displayName")
    try:
        assert backfill_display_names(neo4j, settings.neo4j_database) == 2
        assert backfill_display_names(neo4j, settings.neo4j_database) == 0
    finally:
        rows = run_cypher(
            "MATCH (m:Municipality) WHERE m.code IN ['GM0687', 'GM0893'] "
            "RETURN m.code AS code, m.displayName AS shown ORDER BY code"
        )
    assert rows == [
        {"code": "GM0687", "shown": "Middelburg"},
        {"code": "GM0893", "shown": "Bergen"},
    ]
