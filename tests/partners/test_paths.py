"""connectionPath against breadth-first search in Python over the graph's relationships."""

from __future__ import annotations

from collections import deque
from typing import Any

import pytest

from tests.conftest import GraphQL
from tests.partners.conftest import Graph

QUERY = """query($from: ID!, $to: ID!, $max: Int, $locale: Locale) {
  connectionPath(fromId: $from, toId: $to, maxHops: $max, locale: $locale) {
    found hops
    steps { relationship direction role since
            node { __typename id ... on Organisation { name } ... on Coalition { kind } } }
    introducers { id name }
    introducerDetails { relationship description organisation { id } coalition { id name } }
  } }"""


def distances(graph: Graph, start: str) -> dict[str, int]:
    seen = {start: 0}
    queue = deque([start])
    while queue:
        node = queue.popleft()
        for nxt in graph.adjacency.get(node, ()):
            if nxt not in seen:
                seen[nxt] = seen[node] + 1
                queue.append(nxt)
    return seen


def path(
    gql: GraphQL, a: str, b: str, max_hops: int | None = None, locale: str | None = None
) -> Any:
    variables: dict[str, Any] = {"from": a, "to": b, "locale": locale}
    if max_hops is not None:
        variables["max"] = max_hops
    result = gql(QUERY, variables)
    assert not result.errors, result.errors
    assert result.extensions["cypherRoundTrips"] == 1
    return result.data["connectionPath"]


@pytest.fixture(scope="module")
def pairs(graph: Graph) -> list[tuple[str, str, int]]:
    """One organisation pair for each distance 1..6, the first by ID at that distance."""
    start = "Organisation:gemeente-utrecht"
    dist = distances(graph, start)
    out = []
    for hops in range(1, 7):
        at = sorted(n for n, d in dist.items() if d == hops and n.startswith("Organisation:"))
        if at:
            out.append((start, at[0], hops))
    return out


def check_steps(run_cypher: Any, start: str, found: Any) -> None:
    """Every step is a real relationship, in the stated direction, with the stated role."""
    previous = start
    for step in found["steps"]:
        node = step["node"]
        assert node["__typename"] == node["id"].split(":", 1)[0]
        left, right = (previous, node["id"])
        if step["direction"] == "INCOMING":
            left, right = right, left
        rows = run_cypher(
            """MATCH (a {id: $a})-[r]->(b {id: $b}) WHERE type(r) = $type
               RETURN r.role AS role, toString(r.since) AS since""",
            a=left.split(":", 1)[1],
            b=right.split(":", 1)[1],
            type=step["relationship"],
        )
        assert rows, step
        assert step["role"] == rows[0]["role"] and step["since"] == rows[0]["since"]
        previous = node["id"]


def test_shortest_paths_at_each_length(
    gql: GraphQL, graph: Graph, run_cypher: Any, pairs: list[tuple[str, str, int]]
) -> None:
    assert [p[2] for p in pairs] == [1, 2, 3, 4, 5, 6]
    for start, end, hops in pairs:
        found = path(gql, start, end, 6)
        assert found["hops"] == hops == len(found["steps"])
        assert found["steps"][-1]["node"]["id"] == end
        check_steps(run_cypher, start, found)
        middle = [s["node"]["id"] for s in found["steps"][:-1]]
        assert [i["id"] for i in found["introducers"]] == [
            n for n in middle if n.startswith("Organisation:")
        ]
        # Along the path each node is one hop further from the start: no detours.
        dist = distances(graph, start)
        assert [dist[s["node"]["id"]] for s in found["steps"]] == list(range(1, hops + 1))


def test_max_hops_bounds_the_search(gql: GraphQL, pairs: list[tuple[str, str, int]]) -> None:
    """Beyond `maxHops` the path is not `found`, yet says how many hops it needs and
    through whom: the nearest connection there is."""
    for start, end, hops in pairs:
        within = path(gql, start, end, hops)
        assert within["found"] is True and within["hops"] == hops
        if hops > 1:
            beyond = path(gql, start, end, hops - 1)
            assert beyond["found"] is False
            assert beyond == {**within, "found": False}


def test_memberships_go_through_the_coalition(gql: GraphQL, graph: Graph) -> None:
    # Two members whose only link is their coalition: the path must run through it.
    pair = next(
        (a, b, c)
        for c, members in sorted(graph.members.items())
        for a in sorted(members)
        for b in sorted(members)
        if a < b
        and graph.adjacency["Organisation:" + a] & graph.adjacency["Organisation:" + b]
        == {"Coalition:" + c}
        and "Organisation:" + b not in graph.adjacency["Organisation:" + a]
    )
    a, b, coalition = pair
    found = path(gql, f"Organisation:{a}", f"Organisation:{b}")
    assert found["hops"] == 2 and found["introducers"] == []
    via, to = found["steps"]
    assert via["node"] == {
        "__typename": "Coalition",
        "id": f"Coalition:{coalition}",
        "kind": via["node"]["kind"],
    }
    assert [via["relationship"], to["relationship"]] == ["MEMBER_OF", "MEMBER_OF"]
    assert [via["direction"], to["direction"]] == ["OUTGOING", "INCOMING"]
    assert via["role"] in ("LEAD", "CORE", "MEMBER") and to["role"] in ("LEAD", "CORE", "MEMBER")


def test_the_default_bound_is_four(gql: GraphQL, pairs: list[tuple[str, str, int]]) -> None:
    start, end, _ = pairs[4]  # 5 hops apart
    found = path(gql, start, end)
    assert found["found"] is False and found["hops"] == 5


def test_to_itself_is_zero_hops(gql: GraphQL) -> None:
    assert path(gql, "Organisation:movisie", "Organisation:movisie") == {
        "found": True,
        "hops": 0,
        "steps": [],
        "introducers": [],
        "introducerDetails": [],
    }


def test_no_connection_at_all(gql: GraphQL, run_cypher: Any) -> None:
    """An organisation with no relationships: known, so not null, but nothing to follow."""
    run_cypher("""CREATE (:Organisation {id: 'test-paths-alone', name: 'Alleen',
                  nameKey: 'alleen', kind: 'CIVIL_SOCIETY', scope: 'LOCAL'})""")
    try:
        assert path(gql, "Organisation:movisie", "Organisation:test-paths-alone", 6) == {
            "found": False,
            "hops": None,
            "steps": [],
            "introducers": [],
            "introducerDetails": [],
        }
    finally:
        run_cypher("MATCH (o:Organisation {id: 'test-paths-alone'}) DETACH DELETE o")


def test_introducers_say_how_they_are_linked(
    gql: GraphQL, graph: Graph, pairs: list[tuple[str, str, int]]
) -> None:
    """Each introducer with its link to the organisation before it, as data and in words."""
    names = {f"Organisation:{o.id}": o.name for o in graph.orgs.values()}
    seen: set[str] = set()
    for start, end, _ in pairs:
        for locale in ("NL", "EN"):
            found = path(gql, start, end, 6, locale)
            details = found["introducerDetails"]
            assert [d["organisation"]["id"] for d in details] == [
                i["id"] for i in found["introducers"]
            ]
            nodes = [start] + [s["node"]["id"] for s in found["steps"]]
            for detail in details:
                at = nodes.index(detail["organisation"]["id"])
                before = nodes[at - 1]
                text = detail["description"]
                seen.add(detail["relationship"])
                if before.startswith("Coalition:"):
                    previous = nodes[at - 2]
                    assert detail["relationship"] == "MEMBER_OF"
                    assert detail["coalition"]["id"] == before
                    coalition = detail["coalition"]["name"]
                    want = (
                        f"Lid van {coalition}, net als {names[previous]}"
                        if locale == "NL"
                        else f"Member of {coalition}, as is {names[previous]}"
                    )
                    assert text == want
                    continue
                assert detail["coalition"] is None
                previous_name = names[before]
                if detail["relationship"] == "PARTNERS_WITH":
                    word = "Partner van" if locale == "NL" else "Partner of"
                    assert text == f"{word} {previous_name}"
                else:
                    assert detail["relationship"] == "BRANCH_OF"
                    assert text.endswith(previous_name)
                    assert ("afdeling" if locale == "NL" else "branch") in text
    assert "PARTNERS_WITH" in seen


def test_an_introducer_through_a_coalition(gql: GraphQL, run_cypher: Any) -> None:
    """A joins a coalition, B partners with one of its members: that member introduces them,
    as a member of the same coalition, and the path can go no other way."""
    (row,) = run_cypher("""MATCH (x:Organisation)-[:MEMBER_OF]->(c:Coalition {kind: 'LOCAL'})
                           RETURN x.id AS x, x.name AS xName, c.id AS c, c.name AS cName
                           ORDER BY c.id, x.id LIMIT 1""")
    run_cypher(
        """MATCH (x:Organisation {id: $x}), (c:Coalition {id: $c})
           CREATE (a:Organisation {id: 'test-paths-a', name: 'Nieuw lid', nameKey: 'nieuw lid',
                   kind: 'CIVIL_SOCIETY', scope: 'LOCAL'})-[:MEMBER_OF {role: 'MEMBER'}]->(c)
           CREATE (b:Organisation {id: 'test-paths-b', name: 'Nieuwe partner',
                   nameKey: 'nieuwe partner', kind: 'COMPANY', scope: 'LOCAL'})
                  -[:PARTNERS_WITH]->(x)""",
        x=row["x"],
        c=row["c"],
    )
    try:
        dutch = path(gql, "Organisation:test-paths-a", "Organisation:test-paths-b")
        english = path(gql, "Organisation:test-paths-a", "Organisation:test-paths-b", 3, "EN")
        assert dutch["found"] and dutch["hops"] == 3
        (detail,) = dutch["introducerDetails"]
        assert detail["organisation"] == {"id": f"Organisation:{row['x']}"}
        assert detail["relationship"] == "MEMBER_OF"
        assert detail["coalition"] == {"id": f"Coalition:{row['c']}", "name": row["cName"]}
        assert detail["description"] == f"Lid van {row['cName']}, net als Nieuw lid"
        assert english["introducerDetails"][0]["description"] == (
            f"Member of {row['cName']}, as is Nieuw lid"
        )
        back = path(gql, "Organisation:test-paths-b", "Organisation:test-paths-a")
        (detail,) = back["introducerDetails"]
        assert detail["relationship"] == "PARTNERS_WITH" and detail["coalition"] is None
        assert detail["description"] == "Partner van Nieuwe partner"
    finally:
        run_cypher(
            "MATCH (o:Organisation) WHERE o.id IN ['test-paths-a', 'test-paths-b'] DETACH DELETE o"
        )


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Organisation:movisie", "Organisation:no-such-organisation"),
        ("Organisation:no-such-organisation", "Organisation:movisie"),
        ("Organisation:no-such-organisation", "Organisation:no-such-organisation"),
    ],
)
def test_unknown_organisations_are_null(gql: GraphQL, a: str, b: str) -> None:
    assert path(gql, a, b) is None


@pytest.mark.parametrize(
    ("variables", "code"),
    [
        ({"from": "Coalition:nationale-coalitie", "to": "Organisation:movisie"}, "INVALID_ID"),
        ({"from": "Organisation:movisie", "to": "Municipality:GM0344"}, "INVALID_ID"),
        ({"from": "garbage", "to": "Organisation:movisie"}, "INVALID_ID"),
        ({"from": "Organisation:movisie", "to": "Organisation:nnm", "max": 0}, "INVALID_ARGUMENT"),
        ({"from": "Organisation:movisie", "to": "Organisation:nnm", "max": 7}, "INVALID_ARGUMENT"),
    ],
)
def test_bad_input(gql: GraphQL, variables: dict[str, Any], code: str) -> None:
    result = gql(QUERY, variables)
    assert result.codes == [code] and result.data == {"connectionPath": None}
