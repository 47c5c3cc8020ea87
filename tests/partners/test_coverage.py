"""coverage against counts taken with plain Cypher; only published practices count."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests.conftest import GraphQL
from tests.partners.conftest import Graph

QUERY = """query($p: String) { coverage(provinceCode: $p) {
  municipalities joined
  withoutLocalCoalition { code name }
  themesWithoutPublishedPractice { slug }
  perProvince { code name municipalities joined organisations coalitions publishedPractices }
  perMunicipality { code name joined hasLocalCoalition organisations publishedPractices }
} }"""


def coverage(gql: GraphQL, province: str | None = None) -> Any:
    result = gql(QUERY, {"p": province})
    assert not result.errors, result.errors
    assert result.extensions["cypherRoundTrips"] == 1
    return result.data["coverage"]


def facts(run_cypher: Any) -> dict[str, dict[str, Any]]:
    """Per municipality, from relationship lists; counted in Python."""
    out: dict[str, dict[str, Any]] = {}
    for r in run_cypher("""MATCH (m:Municipality)-[:IN_PROVINCE]->(p:Province)
                           RETURN m.code AS code, m.name AS name, p.code AS province,
                                  m.participation AS participation"""):
        out[r["code"]] = {**r, "orgs": 0, "practices": set(), "coalitions": set()}
    for r in run_cypher("MATCH (:Organisation)-[:BASED_IN]->(m:Municipality) RETURN m.code AS c"):
        out[r["c"]]["orgs"] += 1
    for r in run_cypher("""MATCH (p:Practice)-[:APPLIED_IN]->(m:Municipality)
                           RETURN p.id AS p, p.status AS status, m.code AS c"""):
        if r["status"] == "PUBLISHED":
            out[r["c"]]["practices"].add(r["p"])
    for r in run_cypher("""MATCH (k:Coalition)-[:COVERS]->(m:Municipality)
                           RETURN k.id AS k, k.kind AS kind, m.code AS c"""):
        if r["kind"] == "LOCAL":
            out[r["c"]]["coalitions"].add(r["k"])
    return out


def themes_without(run_cypher: Any, province: str | None) -> list[str]:
    rows = run_cypher("""MATCH (t:Theme) OPTIONAL MATCH (t)<-[:ADDRESSES]-(p:Practice)
                         OPTIONAL MATCH (p)-[:APPLIED_IN]->(:Municipality)-[:IN_PROVINCE]->(v)
                         RETURN t.slug AS slug, t.name AS name, p.status AS status,
                                v.code AS province""")
    covered = {
        r["slug"]
        for r in rows
        if r["status"] == "PUBLISHED" and (province is None or r["province"] == province)
    }
    every = sorted({(r["name"], r["slug"]) for r in rows})
    return [slug for _, slug in every if slug not in covered]


@pytest.mark.parametrize("province", [None, "PV26", "PV21"])
def test_counts_match_the_graph(gql: GraphQL, run_cypher: Any, province: str | None) -> None:
    data = coverage(gql, province)
    known = facts(run_cypher)
    places = {c: f for c, f in known.items() if province is None or f["province"] == province}
    joined = {c for c, f in places.items() if f["participation"] == "JOINED"}
    assert data["municipalities"] == len(places) and data["joined"] == len(joined)
    if province is None:
        assert (data["municipalities"], data["joined"]) == (342, 260)
    alphabetical = sorted(places.values(), key=lambda f: (f["name"], f["code"]))
    assert [m["code"] for m in data["withoutLocalCoalition"]] == [
        f["code"] for f in alphabetical if not f["coalitions"]
    ]
    assert data["perMunicipality"] == [
        {
            "code": f["code"],
            "name": f["name"],
            "joined": f["participation"] == "JOINED",
            "hasLocalCoalition": bool(f["coalitions"]),
            "organisations": f["orgs"],
            "publishedPractices": len(f["practices"]),
        }
        for f in alphabetical
    ]
    codes = sorted({f["province"] for f in places.values()})
    assert [p["code"] for p in data["perProvince"]] == codes
    for p in data["perProvince"]:
        mine = [f for f in places.values() if f["province"] == p["code"]]
        assert p["municipalities"] == len(mine)
        assert p["joined"] == sum(f["participation"] == "JOINED" for f in mine)
        assert p["organisations"] == sum(f["orgs"] for f in mine)
        # A coalition or practice in two municipalities of a province counts once.
        assert p["coalitions"] == len(set().union(*(f["coalitions"] for f in mine)))
        assert p["publishedPractices"] == len(set().union(*(f["practices"] for f in mine)))
    assert [t["slug"] for t in data["themesWithoutPublishedPractice"]] == themes_without(
        run_cypher, province
    )


def test_unpublished_practices_do_not_count(run_cypher: Any) -> None:
    """The seed has unpublished practices applied in municipalities: the test above would
    notice them being counted."""
    rows = run_cypher("""MATCH (p:Practice)-[:APPLIED_IN]->(m:Municipality)
                         WHERE p.status <> 'PUBLISHED' RETURN count(DISTINCT m) AS n""")
    assert rows[0]["n"] > 10


@pytest.fixture
def draft_on_a_new_theme(run_cypher: Any) -> Iterator[tuple[str, str]]:
    """A theme whose only practice is a draft, applied in a municipality of Utrecht."""
    run_cypher(
        """MATCH (m:Municipality)-[:IN_PROVINCE]->(:Province {code: 'PV26'})
           WITH m ORDER BY m.code LIMIT 1
           MATCH (o:Organisation)-[:BASED_IN]->(m)
           WITH m, o ORDER BY o.id LIMIT 1
           CREATE (t:Theme {slug: 'test-partners-theme', name: 'Testthema'})
           CREATE (p:Practice {id: 'test-partners-draft', slug: 'test-partners-draft',
                               title: 'Concept', status: 'DRAFT'})
           CREATE (p)-[:ADDRESSES]->(t), (p)-[:APPLIED_IN]->(m), (p)-[:BY]->(o)"""
    )
    try:
        yield "PV26", "test-partners-theme"
    finally:
        run_cypher("""MATCH (n) WHERE (n:Practice AND n.id = 'test-partners-draft')
                         OR (n:Theme AND n.slug = 'test-partners-theme') DETACH DELETE n""")


def test_a_draft_changes_nothing(
    gql: GraphQL, draft_on_a_new_theme: tuple[str, str], run_cypher: Any
) -> None:
    province, theme = draft_on_a_new_theme
    assert run_cypher("MATCH (p:Practice {id: 'test-partners-draft'}) RETURN count(*) AS n") == [
        {"n": 1}
    ]
    for scope in (province, None):
        data = coverage(gql, scope)
        assert theme in [t["slug"] for t in data["themesWithoutPublishedPractice"]]
    known = facts(run_cypher)
    mine = [f for f in known.values() if f["province"] == province]
    (figures,) = coverage(gql, province)["perProvince"]
    assert figures["publishedPractices"] == len(set().union(*(f["practices"] for f in mine)))
    counted = {
        m["code"]: m["publishedPractices"] for m in coverage(gql, province)["perMunicipality"]
    }
    assert counted == {f["code"]: len(f["practices"]) for f in mine}


def test_selecting_little_reads_little(gql: GraphQL, execute_traced: Any) -> None:
    result, trips = execute_traced("{ coverage { joined } }")
    assert result.data == {"coverage": {"joined": 260}} and trips.count == 1
    assert "Practice" not in trips.statements[0] and "Theme" not in trips.statements[0]


@pytest.mark.parametrize(
    ("code", "error"),
    [("Utrecht", "INVALID_ARGUMENT"), ("PV2", "INVALID_ARGUMENT"), ("PV99", "UNKNOWN_VALUE")],
)
def test_bad_province_codes(gql: GraphQL, code: str, error: str) -> None:
    result = gql(QUERY, {"p": code})
    assert result.codes == [error] and result.data == {"coverage": None}


def test_lower_case_code(gql: GraphQL, graph: Graph) -> None:
    data = coverage(gql, " pv27 ")
    assert [p["code"] for p in data["perProvince"]] == ["PV27"]
    assert data["municipalities"] == sum(p.province == "PV27" for p in graph.places.values())
