"""Projections and statements kept between requests (graph_api/graphql/projections.py): a
single-object root field, or `connectionPath`, answers exactly what a freshly compiled
statement answers, for other keys, other callers and other values of variables.

The reference is the same document with a comment of its own: another text is parsed
afresh, so its field nodes are new and its projection is worked out anew."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from types import SimpleNamespace
from typing import Any

from graphql import FieldNode, OperationDefinitionNode, parse

from graph_api.graphql.compiler import Compiler
from graph_api.graphql.projections import Projections, statement
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


PATH = """query P($from: ID!, $to: ID!, $hops: Int!) {
  connectionPath(fromId: $from, toId: $to, maxHops: $hops) {
    found hops steps { relationship node { id } } introducers { id name }
    introducerDetails { description organisation { id } } } }"""


def test_kept_path_statements_answer_for_each_pair(
    gql: GraphQL, tokens: Tokens, run_cypher: Any
) -> None:
    """`connectionPath` keeps its whole statement, the two IDs and the bound filled in again."""
    rows = run_cypher("""MATCH (a:Organisation)-[:MEMBER_OF]->(:Coalition)<-[:MEMBER_OF]-(b)
                         WHERE a.demo AND b.demo AND NOT (a)-[:PARTNERS_WITH]-(b)
                         MATCH (b)-[:PARTNERS_WITH]-(c:Organisation)
                         WHERE NOT EXISTS { (a)-[:PARTNERS_WITH|MEMBER_OF|BRANCH_OF*0..2]-(c) }
                         RETURN 'Organisation:' + a.id AS a, 'Organisation:' + b.id AS b,
                                'Organisation:' + c.id AS c ORDER BY a, b, c LIMIT 1""")
    a, b, c = rows[0]["a"], rows[0]["b"], rows[0]["c"]
    seen = {}
    for token in (None, tokens.partner):
        for ends, hops in (((a, b), 4), ((b, c), 4), ((a, c), 4), ((a, c), 1), ((c, a), 2)):
            path = both(gql, PATH, {"from": ends[0], "to": ends[1], "hops": hops}, token)
            path = path["connectionPath"]
            assert path["steps"][-1]["node"]["id"] == ends[1], (ends, hops)
            seen[(ends, hops, token)] = path
    assert seen[((a, b), 4, None)]["hops"] == 2
    assert seen[((b, c), 4, None)]["hops"] == 1
    assert seen[((a, c), 4, None)]["found"] and not seen[((a, c), 1, None)]["found"]
    assert seen[((a, c), 4, None)]["hops"] == seen[((c, a), 2, None)]["hops"] == 3
    assert not seen[((c, a), 2, None)]["found"]
    assert len(seen[((a, c), 4, None)]["introducers"]) == 1
    assert seen[((a, b), 4, None)] == seen[((a, b), 4, tokens.partner)]


def _info(document: str) -> Any:
    """What `statement` reads of a resolver's info: the field node, fragments, the viewer."""
    operation = parse(document).definitions[0]
    assert isinstance(operation, OperationDefinitionNode)
    field = operation.selection_set.selections[0]
    assert isinstance(field, FieldNode)
    viewer = SimpleNamespace(role="PUBLIC", organisation_id=None)
    raw = SimpleNamespace(field_nodes=[field], fragments={})
    return SimpleNamespace(_raw_info=raw, context=SimpleNamespace(viewer=viewer))


def test_a_statement_is_kept_only_when_its_values_are_only_parameters() -> None:
    info = _info("query Q($a: ID!, $b: Int!) { x(id: $a, n: $b) { y } }")
    model = SimpleNamespace(projections=Projections())
    built: list[str] = []
    # Statement builders by name: (c, key, n) -> text.
    builders: dict[str, Callable[[Compiler, Any, Any], str]] = {
        "as_parameters": lambda c, key, n: f"MATCH (x {{id: {c.param(key)}}}) LIMIT {c.param(n)}",
        "in_the_text": lambda c, key, n: f"MATCH (x {{id: {c.param(key)}}}) LIMIT {n}",
        "compared": lambda c, key, n: f"MATCH (x {{id: {c.param(key)}}})" + " LIMIT 1" * (n == 1),
        "nested": lambda c, key, n: f"MATCH (x) WHERE x.id IN {c.param([key])} LIMIT {c.param(n)}",
        "computed": lambda c, key, n: f"MATCH (x {{id: {c.param(key)}}}) LIMIT {c.param(n * 2)}",
    }
    for name, builder in builders.items():

        def build(c: Compiler, key: Any, n: Any, name: str = name) -> str:
            built.append(name)
            return builders[name](c, key, n)

        for key, n in (("k1", 1), ("k2", 2), ("k3", 1)):
            c = Compiler(model, 100, 20)  # type: ignore[arg-type]
            text = statement(info, c, name, (key, n), build)
            fresh = Compiler(model, 100, 20)  # type: ignore[arg-type]
            assert (text, c.params, c.checks) == (
                builder(fresh, key, n),
                fresh.params,
                fresh.checks,
            ), (name, key, n)
    # Built once with slots for the kept one; for the others once with slots (refused) and
    # then for each request with its values.
    assert built.count("as_parameters") == 1
    for name in builders.keys() - {"as_parameters"}:
        assert built.count(name) == 1 + 3, name
