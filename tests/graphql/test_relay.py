"""Global IDs, node(id:), cursors and page sizes, including bad input."""

from __future__ import annotations

from typing import Any

import pytest

from tests.conftest import GraphQL, Tokens


def test_node_fetches_every_type(gql: GraphQL, run_cypher: Any, tokens: Tokens) -> None:
    data = gql.ok("""{
      provinces { id municipalities { id } }
      themes { id } targetGroups { id } actionLines { id }
      nationalCoalition { id members(first: 1) { edges { node { id } } } }
      practices(first: 1) { edges { node { id } } }
    }""")
    ids = {
        "Province": data["provinces"][0]["id"],
        "Municipality": data["provinces"][0]["municipalities"][0]["id"],
        "Theme": data["themes"][0]["id"],
        "TargetGroup": data["targetGroups"][0]["id"],
        "ActionLine": data["actionLines"][0]["id"],
        "Coalition": data["nationalCoalition"]["id"],
        "Organisation": data["nationalCoalition"]["members"]["edges"][0]["node"]["id"],
        "Practice": data["practices"]["edges"][0]["node"]["id"],
        "Person": "Person:"
        + run_cypher("MATCH (p:Person)-[:AUTHORED]->() RETURN p.id AS id LIMIT 1")[0]["id"],
    }
    for type_name, global_id in ids.items():
        # People are personal data: partners and staff see them, the public does not.
        token = tokens.staff if type_name == "Person" else None
        node = gql.ok(
            "query($id: ID!) { node(id: $id) { __typename id } }", {"id": global_id}, token
        )
        assert node["node"] == {"__typename": type_name, "id": global_id}


def test_node_with_fragments(gql: GraphQL) -> None:
    data = gql.ok("""{ nationalCoalition { id } }""")
    node = gql.ok(
        """query($id: ID!) { node(id: $id) {
             ... on Coalition { name kind }
             ... on Organisation { scope }
             ...C
           } }
           fragment C on Coalition { alias: name }""",
        {"id": data["nationalCoalition"]["id"]},
    )["node"]
    assert node == {
        "name": "Nationale Coalitie tegen eenzaamheid",
        "kind": "NATIONAL",
        "alias": "Nationale Coalitie tegen eenzaamheid",
    }


@pytest.mark.parametrize("bad_id", ["", "nonsense", "Organisation:", "Spaceship:1", "x" * 5000])
def test_malformed_ids_are_typed_errors(gql: GraphQL, bad_id: str) -> None:
    for field in ("node", "organisation", "coalition"):
        result = gql(f"query($id: ID!) {{ {field}(id: $id) {{ id }} }}", {"id": bad_id})
        assert result.codes == ["INVALID_ID"], (field, result.errors)
        assert result.data == {field: None}


def test_unknown_ids_are_null(gql: GraphQL) -> None:
    data = gql.ok("""{ node(id: "Organisation:does-not-exist") { id }
                       organisation(id: "Organisation:does-not-exist") { id }
                       coalition(id: "Coalition:nope") { id }
                       actionLine: node(id: "ActionLine:seven") { id } }""")
    assert data == {"node": None, "organisation": None, "coalition": None, "actionLine": None}


def test_an_id_of_another_type_is_refused(gql: GraphQL) -> None:
    result = gql('{ organisation(id: "Municipality:GM0363") { id } }')
    assert result.codes == ["INVALID_ID"]
    assert "Organisation" in result.errors[0]["message"]


@pytest.mark.parametrize("first", [0, -1, 101, 10_000])
def test_first_out_of_range(gql: GraphQL, first: int) -> None:
    result = gql("query($f: Int!) { organisations(first: $f) { totalCount } }", {"f": first})
    assert result.codes == ["INVALID_ARGUMENT"]
    nested = gql(
        "query($f: Int!) { nationalCoalition { members(first: $f) { totalCount } } }", {"f": first}
    )
    assert nested.codes == ["INVALID_ARGUMENT"]


@pytest.mark.parametrize("cursor", ["not-a-cursor", "!!!", "WyJOQU1FIl0", "eyJhIjoxfQ"])
def test_bad_cursors(gql: GraphQL, cursor: str) -> None:
    result = gql("query($a: String) { organisations(after: $a) { totalCount } }", {"a": cursor})
    assert result.codes == ["INVALID_CURSOR"]


def test_cursor_of_another_sort_is_refused(gql: GraphQL) -> None:
    page = gql.ok("{ municipalities(first: 2, sort: CODE) { pageInfo { endCursor } } }")
    cursor = page["municipalities"]["pageInfo"]["endCursor"]
    result = gql(
        "query($a: String) { municipalities(after: $a, sort: NAME) { totalCount } }", {"a": cursor}
    )
    assert result.codes == ["INVALID_CURSOR"]


def test_paging_through_all_municipalities(gql: GraphQL) -> None:
    seen: list[str] = []
    after = None
    while True:
        page = gql.ok(
            """query($a: String) { municipalities(first: 100, after: $a) {
                 edges { cursor node { code name } } pageInfo { hasNextPage endCursor } } }""",
            {"a": after},
        )["municipalities"]
        names = [e["node"]["name"] for e in page["edges"]]
        assert names == sorted(names) or not seen  # alphabetical within the page
        seen += [e["node"]["code"] for e in page["edges"]]
        assert page["pageInfo"]["endCursor"] == page["edges"][-1]["cursor"]
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    assert len(seen) == 342 and len(set(seen)) == 342


def test_total_count_only_when_selected(execute_traced) -> None:  # type: ignore[no-untyped-def]
    _, without = execute_traced("{ organisations(first: 3) { edges { node { name } } } }")
    _, with_count = execute_traced("{ organisations(first: 3) { totalCount } }")
    assert "COUNT {" not in without.statements[0]
    assert "COUNT {" in with_count.statements[0]
    assert "COLLECT {" not in with_count.statements[0]  # no rows fetched for a bare count
