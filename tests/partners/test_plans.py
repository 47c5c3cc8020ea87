"""The plans of the partner statements: index seeks at the anchors, no scans on the hot path.

Each root field's one statement is captured as it runs and re-run under PROFILE with its
parameters; the operators of the executed plan are checked.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from typing import Any

import pytest
from neo4j import Driver

from graph_api.db.driver import async_driver
from graph_api.graph_names import ONE_PER_PAIR, SOLE_ENDS
from graph_api.graphql.context import Context
from graph_api.schema import build_schema
from graph_api.settings import Settings
from tests.conftest import RecordingDatabase

SCANS = {"NodeByLabelScan", "AllNodesScan", "NodeIndexScan"}

# Root field -> (document, seeks the plan must contain, labels it may scan: the 12 provinces
# and 12 themes are read whole where all of them are wanted).
CASES: dict[str, tuple[str, set[str], set[str]]] = {
    "suggestCollaborators": (
        """{ suggestCollaborators(organisationId: "Organisation:movisie", first: 10,
               filter: {themes: ["gezondheid"]}) {
             score reasons organisation { name homeMunicipality { name } } sharedThemes { name }
             sharedCoalitions { name } } }""",
        {"NodeUniqueIndexSeek", "NodeIndexSeekByRange", "DirectedRelationshipIndexSeek"},
        set(),
    ),
    "suggestCollaborators(unfiltered)": (
        """{ suggestCollaborators(organisationId: "Organisation:movisie", first: 10) {
             score reasons organisation { name } sharedThemes { name } } }""",
        {"NodeUniqueIndexSeek", "NodeIndexSeekByRange", "DirectedRelationshipIndexSeek"},
        set(),
    ),
    "connectionPath": (
        """{ connectionPath(fromId: "Organisation:gemeente-utrecht",
               toId: "Organisation:movisie", maxHops: 6) {
             hops steps { relationship node { id ... on Organisation { name } } }
             introducers { name } } }""",
        {"NodeUniqueIndexSeek", "ShortestPath"},
        set(),
    ),
    "nearby": (
        """{ nearby(municipalityCode: "GM0344", radiusKm: 20, kinds: [HOUSING]) {
             organisations { distanceKm organisation { name } }
             coalitions { distanceKm coalition { name } } } }""",
        {"NodeUniqueIndexSeek", "NodeIndexSeekByRange", "DirectedRelationshipIndexSeek"},
        set(),
    ),
    "nearby(unfiltered)": (
        """{ nearby(municipalityCode: "GM0344", radiusKm: 20, first: 5) {
             organisations { distanceKm organisation { name } } } }""",
        {"NodeUniqueIndexSeek", "NodeIndexSeekByRange", "DirectedRelationshipIndexSeek"},
        set(),
    ),
    "coverage(province)": (
        """{ coverage(provinceCode: "PV26") { municipalities joined withoutLocalCoalition { code }
             themesWithoutPublishedPractice { slug } perProvince { organisations coalitions
             publishedPractices } perMunicipality { code organisations publishedPractices } } }""",
        {"NodeUniqueIndexSeek"},
        {"t:Theme"},
    ),
    "coverage(national)": (
        """{ coverage { joined perProvince { code organisations publishedPractices }
             themesWithoutPublishedPractice { slug } } }""",
        set(),
        {"t:Theme", "pv:Province"},
    ),
    "coalitionFigures": (
        """{ coalitionFigures(id: "Coalition:nationale-coalitie") { members
             membersByKind { kind count } membersByRole { role count }
             partnershipsAmongMembers publishedPractices } }""",
        {"NodeUniqueIndexSeek"},
        set(),
    ),
    "bestConnected(kinds)": (
        "{ bestConnected(first: 5, kinds: [HOUSING, FUND]) { degree organisation { name } } }",
        {"NodeIndexSeek"},
        set(),
    ),
    "bestConnected": (
        "{ bestConnected(first: 10) { degree partnerships organisation { name } } }",
        {"NodeIndexSeekByRange"},
        set(),
    ),
}

# The maintained aggregates (partners.aggregates): these reads take counts from properties,
# so their plans walk none of the relationships the counts are made of, and the ranking
# reads about a page of the degree index (seeded scale 1: about 2,000 organisations). A
# province's themes without a practice come from the per-province-and-theme counts.
NOT_EXPANDED: dict[str, set[str]] = {
    "coverage(national)": {"APPLIED_IN", "ADDRESSES"},
    "coverage(province)": {"APPLIED_IN", "ADDRESSES"},
    "coalitionFigures": {"BY", "PARTNERS_WITH"},
    "bestConnected(kinds)": {"PARTNERS_WITH", "MEMBER_OF", "BRANCH_OF"},
    "bestConnected": {"PARTNERS_WITH", "MEMBER_OF", "BRANCH_OF"},
    # A municipality's organisations come from the index of homes in name order, a page at
    # a time (`nearby.based_in`), not from expanding the municipality (a city at scale 100
    # has some 500).
    "nearby": {"BASED_IN"},
    "nearby(unfiltered)": {"BASED_IN"},
}
MAX_INDEX_ROWS = {"bestConnected": 100, "bestConnected(kinds)": 100}
# Rows read from the index of homes: at most the page (5) from each municipality in reach.
MAX_HOME_INDEX_ROWS = {"nearby(unfiltered)": 5 * 2}


@pytest.fixture(scope="module")
def captured(settings: Settings) -> Iterator[dict[str, list[tuple[str, dict[str, Any]]]]]:
    schema = build_schema(settings)

    async def go() -> dict[str, list[tuple[str, dict[str, Any]]]]:
        db = RecordingDatabase(async_driver(settings), settings.neo4j_database, 30.0)
        out = {}
        try:
            for name, (document, _, _) in CASES.items():
                db.seen = []
                result = await schema.execute(document, context_value=Context(db, settings))
                assert not result.errors, (name, result.errors)
                out[name] = db.seen
        finally:
            await db.close()
        return out

    yield asyncio.run(go())


def operators(plan: dict[str, Any]) -> Iterator[tuple[str, str]]:
    details = str(plan.get("args", {}).get("Details", ""))
    yield plan["operatorType"].split("@")[0], details
    for child in plan.get("children", []):
        yield from operators(child)


@pytest.mark.parametrize("name", list(CASES))
def test_plan_seeks_and_does_not_scan(
    name: str, captured: Any, neo4j: Driver, settings: Settings
) -> None:
    _, seeks, may_scan = CASES[name]
    statements = captured[name]
    assert len(statements) == 1, "one statement per root field"
    cypher, params = statements[0]
    _, summary, _ = neo4j.execute_query(
        "PROFILE " + cypher, params, database_=settings.neo4j_database
    )
    assert summary.profile is not None
    ops = list(operators(summary.profile))
    kinds = {op for op, _ in ops}
    assert seeks <= kinds, (name, kinds)
    scans = {details.split(" ")[0] for op, details in ops if op in SCANS}
    assert scans <= may_scan, (name, scans)
    if "NodeIndexSeekByRange" in seeks and name.startswith(("suggest", "nearby")):
        assert any("POINT INDEX" in d for op, d in ops if op == "NodeIndexSeekByRange")
    expanded = {
        rel
        for op, details in ops
        if op.startswith(("Expand", "VarLengthExpand", "OptionalExpand"))
        for rel in NOT_EXPANDED.get(name, set())
        if f":{rel}]" in details
    }
    assert not expanded, (name, expanded)
    if name in MAX_INDEX_ROWS:
        rows = sum(p["rows"] for p in plans(summary.profile) if "IndexSeek" in p["operatorType"])
        assert rows <= MAX_INDEX_ROWS[name], (name, rows)
    if name in MAX_HOME_INDEX_ROWS:
        rows = sum(
            p["rows"]
            for p in plans(summary.profile)
            if "RelationshipIndexSeek" in p["operatorType"]
        )
        assert 0 < rows <= MAX_HOME_INDEX_ROWS[name], (name, rows)


def test_suggestions_score_candidates_from_their_profile(
    captured: Any, neo4j: Driver, settings: Settings
) -> None:
    """Candidates are scored by their profile properties (`partners.aggregates.PROFILE`): their
    themes, target groups, home and coalitions are walked only for the page (`first: 10`)
    whose reasons name them, not for each candidate (45 here; it failed so, walking them to
    score)."""
    [(cypher, params)] = captured["suggestCollaborators(unfiltered)"]
    _, summary, _ = neo4j.execute_query(
        "PROFILE " + cypher, params, database_=settings.neo4j_database
    )
    assert summary.profile is not None
    walked = {
        p["args"]["Details"]: sum(child["rows"] for child in p.get("children", []))
        for p in plans(summary.profile)
        if p["operatorType"].startswith(("Expand", "OptionalExpand"))
        and str(p["args"].get("Details", "")).startswith("(cand)-[")
        and any(
            f":{rel}]" in p["args"]["Details"] or f":{rel}|" in p["args"]["Details"]
            for rel in ("WORKS_ON", "SERVES", "BASED_IN", "MEMBER_OF")
        )
    }
    assert walked, "the page's reasons still name shared themes"
    assert max(walked.values()) <= 10, walked


def plans(plan: dict[str, Any]) -> Iterator[dict[str, Any]]:
    yield plan
    for child in plan.get("children", []):
        yield from plans(child)


MEMBERS = """{ coalition(id: "Coalition:nationale-coalitie") {
  members(first: 5) { %s edges { role node { name } } } } }"""


def test_a_members_count_comes_from_the_degree_store(
    settings: Settings, neo4j: Driver, run_cypher: Any
) -> None:
    """`totalCount` of a coalition's members adds next to nothing to the page's database
    hits (the degree store, `graph_names.SOLE_ENDS`), not a test of every member."""
    [row] = run_cypher(
        "MATCH (c:Coalition {id: 'nationale-coalitie'}) RETURN COUNT { (c)<-[:MEMBER_OF]-() } AS n"
    )
    assert row["n"] >= 20, "a coalition with members enough to tell"
    schema = build_schema(settings)

    async def statement(document: str) -> tuple[str, dict[str, Any]]:
        db = RecordingDatabase(async_driver(settings), settings.neo4j_database, 30.0)
        db.seen = []
        try:
            result = await schema.execute(document, context_value=Context(db, settings))
            assert not result.errors, result.errors
            [seen] = db.seen
            return seen
        finally:
            await db.close()

    hits = []
    for selected in ("totalCount", ""):
        cypher, params = asyncio.run(statement(MEMBERS % selected))
        _, summary, _ = neo4j.execute_query(
            "PROFILE " + cypher, params, database_=settings.neo4j_database
        )
        assert summary.profile is not None
        hits.append(sum(p.get("dbHits", 0) for p in plans(summary.profile)))
    assert hits[0] - hits[1] <= 5, (hits, row["n"])


def test_sole_ends_hold_in_the_graph(run_cypher: Any) -> None:
    """Counts from the degree store leave out the far label only for relationship types whose
    ends always have these labels (`graph_names.SOLE_ENDS`)."""
    for rel, (start, end) in SOLE_ENDS.items():
        [row] = run_cypher(
            f"MATCH (a)-[r:{rel}]->(b) "
            "RETURN count(r) AS all, "
            f"count(CASE WHEN NOT (a:{start} AND b:{end}) THEN r END) AS others"
        )
        assert row["all"] > 0 and row["others"] == 0, (rel, row)


def test_one_link_per_pair_holds_in_the_graph(run_cypher: Any) -> None:
    """Candidates are counted per path through these relationships, not per distinct
    neighbour (`graph_names.ONE_PER_PAIR`)."""
    for rel in ONE_PER_PAIR:
        [row] = run_cypher(
            f"MATCH (a)-[r:{rel}]-(b) WHERE elementId(a) < elementId(b) "
            "WITH a, b, count(r) AS links "
            "RETURN count(*) AS pairs, count(CASE WHEN links > 1 THEN 1 END) AS doubled"
        )
        assert row["pairs"] > 0 and row["doubled"] == 0, (rel, row)
