"""coalitionFigures and bestConnected against counts taken in Python from the graph."""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest

from tests.conftest import GraphQL
from tests.partners.conftest import Graph

FIGURES = """query($id: ID!) { coalitionFigures(id: $id) {
  coalition { id name } members membersByKind { kind count } membersByRole { role count }
  municipalities partnershipsAmongMembers publishedPractices } }"""

BEST = """query($first: Int, $kinds: [OrganisationKind!]) {
  bestConnected(first: $first, kinds: $kinds) {
    degree partnerships memberships branches organisation { id name kind } } }"""


@pytest.fixture(scope="module")
def coalition_ids(run_cypher: Any) -> list[str]:
    """The national coalition and the three largest local ones."""
    rows = run_cypher("""MATCH (k:Coalition)
                         RETURN k.id AS id ORDER BY k.kind = 'NATIONAL' DESC,
                                COUNT { (k)<-[:MEMBER_OF]-() } DESC, k.id LIMIT 4""")
    return [r["id"] for r in rows]


def test_coalition_figures(
    gql: GraphQL, graph: Graph, run_cypher: Any, coalition_ids: list[str]
) -> None:
    roles = run_cypher(
        "MATCH (o:Organisation)-[r:MEMBER_OF]->(k:Coalition) "
        "RETURN o.id AS o, k.id AS k, r.role AS role"
    )
    practices = run_cypher(
        "MATCH (p:Practice)-[:BY]->(o:Organisation) RETURN o.id AS o, p.status AS status"
    )
    covers = run_cypher("MATCH (k:Coalition)-[:COVERS]->(m) RETURN k.id AS k, count(m) AS n")
    for cid in coalition_ids:
        result = gql(FIGURES, {"id": f"Coalition:{cid}"})
        assert not result.errors and result.extensions["cypherRoundTrips"] == 1
        data = result.data["coalitionFigures"]
        members = graph.members[cid]
        assert data["coalition"]["id"] == f"Coalition:{cid}"
        assert data["members"] == len(members) > 0
        kinds = Counter(graph.orgs[o].kind for o in members)
        assert data["membersByKind"] == [
            {"kind": k, "count": n} for k, n in sorted(kinds.items(), key=lambda t: (-t[1], t[0]))
        ]
        by_role = Counter(r["role"] for r in roles if r["k"] == cid)
        assert data["membersByRole"] == [
            {"role": r, "count": by_role[r]} for r in ("LEAD", "CORE", "MEMBER") if by_role[r]
        ]
        assert data["municipalities"] == next((c["n"] for c in covers if c["k"] == cid), 0)
        pairs = {frozenset((a, b)) for a in members for b in graph.orgs[a].partners if b in members}
        assert data["partnershipsAmongMembers"] == len(pairs)
        assert data["publishedPractices"] == sum(
            p["o"] in members and p["status"] == "PUBLISHED" for p in practices
        )
    # The national coalition has no lead; local ones exactly one.
    national = gql.ok(FIGURES, {"id": f"Coalition:{coalition_ids[0]}"})["coalitionFigures"]
    assert "LEAD" not in [r["role"] for r in national["membersByRole"]]


def test_unpublished_practices_of_members_do_not_count(
    gql: GraphQL, graph: Graph, run_cypher: Any
) -> None:
    # A coalition whose members wrote unpublished practices: counting them would show.
    row = run_cypher("""MATCH (k:Coalition)<-[:MEMBER_OF]-(:Organisation)<-[:BY]-(p:Practice)
                        WHERE p.status <> 'PUBLISHED' RETURN k.id AS id ORDER BY id LIMIT 1""")[0]
    data = gql.ok(FIGURES, {"id": f"Coalition:{row['id']}"})["coalitionFigures"]
    published = run_cypher(
        """MATCH (:Coalition {id: $id})<-[:MEMBER_OF]-(:Organisation)<-[:BY]-(p:Practice)
           RETURN p.status AS s""",
        id=row["id"],
    )
    assert data["publishedPractices"] == sum(p["s"] == "PUBLISHED" for p in published)
    assert data["publishedPractices"] < len(published)


def test_unknown_coalition_is_null(gql: GraphQL) -> None:
    assert gql.ok(FIGURES, {"id": "Coalition:no-such-coalition"}) == {"coalitionFigures": None}


@pytest.mark.parametrize("global_id", ["Organisation:movisie", "Municipality:GM0344", "x"])
def test_wrong_id_for_a_coalition(gql: GraphQL, global_id: str) -> None:
    result = gql(FIGURES, {"id": global_id})
    assert result.codes == ["INVALID_ID"] and result.data == {"coalitionFigures": None}


@pytest.mark.parametrize(
    ("first", "kinds"), [(10, None), (25, ["CARE_AND_WELFARE"]), (5, ["COMPANY", "FUND"])]
)
def test_best_connected(gql: GraphQL, graph: Graph, first: int, kinds: list[str] | None) -> None:
    result = gql(BEST, {"first": first, "kinds": kinds})
    assert not result.errors and result.extensions["cypherRoundTrips"] == 1
    got = result.data["bestConnected"]

    def degree(o: Any) -> int:
        return len(o.partners) + len(o.coalitions) + len(o.family)

    want = sorted(
        (o for o in graph.orgs.values() if not kinds or o.kind in kinds),
        key=lambda o: (-degree(o), o.id),
    )[:first]
    assert [g["organisation"]["id"] for g in got] == [f"Organisation:{o.id}" for o in want]
    for g, o in zip(got, want, strict=True):
        assert g["partnerships"] == len(o.partners) and g["memberships"] == len(o.coalitions)
        assert g["branches"] == len(o.family) and g["degree"] == degree(o)


@pytest.mark.parametrize("first", [0, 101, -1])
def test_best_connected_first_out_of_range(gql: GraphQL, first: int) -> None:
    result = gql(BEST, {"first": first})
    assert result.codes == ["INVALID_ARGUMENT"] and result.data is None
