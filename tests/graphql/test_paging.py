"""Every sort of every connection, paged to the end forwards (`first`/`after`) and backwards
(`last`/`before`), against the full ordered list read with plain Cypher.

The expected order comes from the sort's declared key expressions run directly in Neo4j, not
from the compiler, so a wrong keyset comparison (`<=` for `<`, a flipped direction) or a row
lost at a page boundary fails here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest

from graph_api.graphql.model import ConnSpec, GraphModel
from graph_api.schema import build_schema
from graph_api.settings import Settings
from tests.conftest import GraphQL

PAGE_INFO = "pageInfo { hasNextPage hasPreviousPage startCursor endCursor }"


@dataclass(frozen=True)
class Case:
    owner: str  # "Query" for root lists, else the type holding the connection
    field: str
    # For nested connections: the Cypher that picks the parent (returns `key`).
    parent: str = ""
    size: int = 7

    @property
    def name(self) -> str:
        return f"{self.owner}.{self.field}"


CASES = [
    Case("Query", "organisations", size=97),
    Case("Query", "coalitions", size=23),
    Case("Query", "municipalities", size=41),
    Case("Query", "practices", size=61),
    Case(
        "Coalition",
        "members",
        "MATCH (n:Coalition {kind: 'NATIONAL'}) RETURN n.id AS key",
    ),
    Case(
        "Coalition",
        "localCoalitions",
        "MATCH (n:Coalition {kind: 'NATIONAL'}) RETURN n.id AS key",
        size=11,
    ),
    Case(
        "Organisation",
        "partners",
        "MATCH (n:Organisation) RETURN n.id AS key "
        "ORDER BY COUNT { (n)-[:PARTNERS_WITH]-() } DESC, n.id LIMIT 1",
        size=3,
    ),
    Case(
        "Organisation",
        "branches",
        "MATCH (n:Organisation) RETURN n.id AS key "
        "ORDER BY COUNT { (n)<-[:BRANCH_OF]-() } DESC, n.id LIMIT 1",
        size=4,
    ),
    Case(
        "Organisation",
        "practices",
        "MATCH (n:Organisation) RETURN n.id AS key ORDER BY "
        "COUNT { (n)<-[:BY]-(p) WHERE p.status = 'PUBLISHED' } DESC, n.id LIMIT 1",
        size=3,
    ),
    Case(
        "Municipality",
        "organisations",
        "MATCH (n:Municipality) RETURN n.code AS key "
        "ORDER BY COUNT { (n)<-[:BASED_IN]-() } DESC, n.code LIMIT 1",
        size=5,
    ),
    Case("Query", "activities", size=37),
    Case(
        "Organisation",
        "activities",
        "MATCH (n:Organisation) RETURN n.id AS key "
        "ORDER BY COUNT { (n)<-[:ORGANISED_BY]-() } DESC, n.id LIMIT 1",
        size=2,
    ),
    Case(
        "Municipality",
        "activities",
        "MATCH (n:Municipality) RETURN n.code AS key "
        "ORDER BY COUNT { (n)<-[:HELD_IN]-() } DESC, n.code LIMIT 1",
        size=3,
    ),
    Case(
        "Coalition",
        "formerMembers",
        "MATCH (n:Coalition {kind: 'PREDECESSOR'}) RETURN n.id AS key",
        size=3,
    ),
]


@pytest.fixture(scope="module")
def model(settings: Settings) -> GraphModel:
    return build_schema(settings).graph_model


def spec_of(model: GraphModel, case: Case) -> ConnSpec:
    if case.owner == "Query":
        return model.roots[case.name]
    spec = model.types[case.owner].fields[case.field]
    assert isinstance(spec, ConnSpec)
    return spec


def test_every_connection_is_covered(model: GraphModel) -> None:
    declared = set(model.roots) | {
        f"{name}.{field}"
        for name, t in model.types.items()
        for field, spec in t.fields.items()
        if isinstance(spec, ConnSpec)
    }
    assert declared == {c.name for c in CASES}


def expected_ids(
    run_cypher: Any, model: GraphModel, case: Case, spec: ConnSpec, sort: str, parent: Any
) -> list[str]:
    """The whole list in sort order, as the public sees it, in plain Cypher."""
    node = model.types[spec.node_type].node
    assert node is not None
    keys = [k.format(n="n", m="m", r="r") for k in spec.sorts[sort].keys]
    order = ", ".join(
        f"{k} DESC" if desc else k
        for k, desc in zip(keys, spec.sorts[sort].descending, strict=True)
    )
    conditions = [spec.where.format(n="n", m="m", r="r")] if spec.where else []
    if spec.node_type == "Practice":
        conditions.append("m.status = 'PUBLISHED'")
    where = f"WHERE {' AND '.join(conditions)}" if conditions else ""
    match = spec.pattern.format(n="n", m="m", r="r")
    if case.owner != "Query":
        owner = model.types[case.owner].node
        assert owner is not None
        match = f"(n:{owner.label} {{{owner.key}: $parent}}), {match}"
    rows = run_cypher(
        f"MATCH {match} {where} WITH m, {'r' if '{r}' in spec.pattern else 'null AS r'} "
        f"ORDER BY {order} RETURN m.{node.key} AS key",
        parent=parent,
    )
    return [f"{spec.node_type}:{row['key']}" for row in rows]


def document(case: Case, model: GraphModel, with_sort: bool) -> str:
    args = "first: $first, after: $after, last: $last, before: $before"
    variables = "$first: Int, $after: String, $last: Int, $before: String"
    if with_sort:
        spec = spec_of(model, case)
        sort_enum = {
            "Coalition.members": "MemberSort",
            "Coalition.formerMembers": "MemberSort",
        }.get(case.name, f"{spec.node_type}Sort")
        args += ", sort: $sort"
        variables += f", $sort: {sort_enum}!"
    selection = (
        f"{case.field}({args}) {{ edges {{ cursor node {{ id }} }} nodes {{ id }} {PAGE_INFO} }}"
    )
    if case.owner == "Query":
        return f"query({variables}) {{ {selection} }}"
    on_owner = f"... on {case.owner} {{ {selection} }}"
    return f"query($id: ID!, {variables}) {{ node(id: $id) {{ {on_owner} }} }}"


def walk(
    gql: GraphQL, query: str, variables: dict[str, Any], case: Case, backward: bool
) -> list[str]:
    """Page to the end; checks page info, cursors and `nodes` on every page."""
    seen: list[list[str]] = []
    cursor: str | None = None
    for _ in range(500):
        page_vars = dict(variables)
        if backward:
            page_vars.update(last=case.size, before=cursor)
        else:
            page_vars.update(first=case.size, after=cursor)
        data = gql.ok(query, page_vars)
        conn = data[case.field] if case.owner == "Query" else data["node"][case.field]
        ids = [e["node"]["id"] for e in conn["edges"]]
        assert [n["id"] for n in conn["nodes"]] == ids
        info = conn["pageInfo"]
        assert len(ids) <= case.size
        if ids:
            assert info["startCursor"] == conn["edges"][0]["cursor"]
            assert info["endCursor"] == conn["edges"][-1]["cursor"]
        seen.append(ids)
        more = info["hasPreviousPage"] if backward else info["hasNextPage"]
        came_from = info["hasNextPage"] if backward else info["hasPreviousPage"]
        assert came_from == (cursor is not None)
        if not more:
            break
        assert len(ids) == case.size, "a page short of its size claims more rows follow"
        cursor = info["startCursor"] if backward else info["endCursor"]
    if backward:
        seen.reverse()
    return [i for page in seen for i in page]


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_pages_every_sort_both_ways(
    gql: GraphQL, run_cypher: Any, model: GraphModel, case: Case
) -> None:
    spec = spec_of(model, case)
    parent = run_cypher(case.parent)[0]["key"] if case.parent else None
    with_sort = "sort" in spec.defaults
    query = document(case, model, with_sort)
    # Without a `sort` argument a connection has one order: its first declared sort.
    for sort in list(spec.sorts) if with_sort else list(spec.sorts)[:1]:
        expected = expected_ids(run_cypher, model, case, spec, sort, parent)
        assert len(expected) > case.size, f"{case.name}: too few rows to cross a page"
        variables: dict[str, Any] = {"sort": sort} if with_sort else {}
        if parent is not None:
            owner = model.types[case.owner].node
            assert owner is not None
            variables["id"] = f"{case.owner}:{parent}"
        forward = walk(gql, query, variables, case, backward=False)
        assert forward == expected, f"{case.name} sorted by {sort}, forwards"
        backward = walk(gql, query, variables, case, backward=True)
        assert backward == expected, f"{case.name} sorted by {sort}, backwards"


def test_first_and_last_together_are_refused(gql: GraphQL) -> None:
    result = gql("{ organisations(first: 2, last: 2) { edges { cursor } } }")
    assert result.codes == ["INVALID_ARGUMENT"]
    assert "`first` or `last`" in result.errors[0]["message"]


@pytest.mark.parametrize("argument", ["first", "last"])
@pytest.mark.parametrize("value", [0, -1, 101])
def test_page_size_out_of_range(gql: GraphQL, argument: str, value: int) -> None:
    result = gql(f"{{ organisations({argument}: {value}) {{ totalCount }} }}")
    assert result.codes == ["INVALID_ARGUMENT"]
    assert f"`{argument}` must be between 1 and 100" in result.errors[0]["message"]
