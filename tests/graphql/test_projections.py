"""Projections kept between requests (graph_api/graphql/projections.py): a single-object
root field answers exactly what a freshly compiled statement answers, for other keys, other
callers and other values of variables read below the root.

The reference is the same document with a comment of its own: another text is parsed
afresh, so its field nodes are new and its projection is worked out anew."""

from __future__ import annotations

import uuid
from typing import Any

from tests.auth.test_role_matrix import _draft
from tests.conftest import GraphQL, Tokens

ORGANISATION = """query O($id: ID!) { organisation(id: $id) {
  id name contacts { name } homeMunicipality { code }
  practices(first: 50) { totalCount edges { node { id status } } }
  partners(first: 3) { edges { node { id } } } } }"""
# Variables read below the root, directly, by a directive and in a fragment.
BELOW = """query B($id: ID!, $n: Int, $themes: Boolean!) { organisation(id: $id) {
  name partners(first: $n) { edges { node { ...P } } } } }
fragment P on Organisation { id themes @include(if: $themes) { slug } }"""
DRAFT = """query D($id: ID!) { node(id: $id) {
  ... on Practice { id status reviewComments { body } } } }"""
NODE = """query N($id: ID!) { node(id: $id) { id
  ... on Organisation { name contacts { name } }
  ... on Coalition { name contact { name } } } }"""


def fresh(query: str) -> str:
    return f"{query}\n# {uuid.uuid4().hex}"


def both(gql: GraphQL, query: str, variables: dict[str, Any], token: str | None) -> Any:
    """What the kept document answers (asked twice, so the second comes from the memo),
    after checking it against a freshly compiled one."""
    first = gql.ok(query, variables, token)
    again = gql.ok(query, variables, token)
    reference = gql.ok(fresh(query), variables, token)
    assert first == again == reference, (variables, token)
    return again


def _with_contacts(run_cypher: Any) -> list[str]:
    rows = run_cypher("""MATCH (o:Organisation)<-[:CONTACT_FOR]-(:Person)
                         WHERE o.demo AND COUNT { (o)-[:PARTNERS_WITH]-() } >= 3
                         RETURN DISTINCT 'Organisation:' + o.id AS id ORDER BY id LIMIT 2""")
    return [r["id"] for r in rows]


def test_other_keys_and_callers_get_their_own_answers(
    gql: GraphQL, tokens: Tokens, run_cypher: Any
) -> None:
    a, b = _with_contacts(run_cypher)
    seen = {}
    # Public, then a partner, then the public again: people are hidden from the public only.
    for token in (None, tokens.partner, None, tokens.admin):
        for oid in (a, b):
            data = both(gql, ORGANISATION, {"id": oid}, token)["organisation"]
            assert data["id"] == oid
            assert (data["contacts"] == []) == (token is None), token
            seen[(oid, token)] = data
    assert seen[(a, None)] != seen[(b, None)]


def test_a_draft_only_for_its_own_partner_and_staff(gql: GraphQL, tokens: Tokens) -> None:
    draft = {"id": _draft(gql, tokens)}
    # node(id:) matches with the caller's visibility rule, bound before the projection.
    for token, sees in (
        (tokens.partner, True),
        (None, False),
        (tokens.other_partner, False),
        (tokens.staff, True),
        (tokens.partner, True),
        (tokens.other_partner, False),
    ):
        node = both(gql, DRAFT, draft, token)["node"]
        assert (node is not None) == sees, token
        if sees:
            assert node == {"id": draft["id"], "status": "DRAFT", "reviewComments": []}


def test_variables_below_the_root_are_read_every_time(
    gql: GraphQL, tokens: Tokens, run_cypher: Any
) -> None:
    oid = _with_contacts(run_cypher)[0]
    for n, themes in ((1, False), (3, True), (2, False), (3, False)):
        data = both(gql, BELOW, {"id": oid, "n": n, "themes": themes}, None)["organisation"]
        edges = data["partners"]["edges"]
        assert len(edges) == n
        assert all(("themes" in e["node"]) == themes for e in edges)


def test_node_by_id_of_other_types(gql: GraphQL, tokens: Tokens, run_cypher: Any) -> None:
    [org] = _with_contacts(run_cypher)[:1]
    [coalition] = run_cypher("""MATCH (c:Coalition)<-[:CONTACT_FOR]-(:Person) WHERE c.demo
                                RETURN 'Coalition:' + c.id AS id ORDER BY id LIMIT 1""")
    for token in (None, tokens.partner):
        for gid in (org, coalition["id"], org):
            node = both(gql, NODE, {"id": gid}, token)["node"]
            assert node["id"] == gid
            people = node.get("contacts", node.get("contact"))
            assert (people in ([], None)) == (token is None)
