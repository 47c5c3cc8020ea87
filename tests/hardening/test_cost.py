"""Query cost: the calculator on its own (numbers worked out by hand), then over HTTP against
the real servers (the budget, variables, `extensions.cost`)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from graphql import GraphQLSchema, get_introspection_query, parse
from starlette.testclient import TestClient

from graph_api.app import create_app
from graph_api.graphql.cost import CostMemo, query_cost
from graph_api.schema import build_schema
from graph_api.settings import Settings
from tests.conftest import GraphQL

# organisations(first: a) > partners(first: b) > branches(first: c): a + a*b + a*b*c nodes.
THREE_LEVELS = """
query Three($a: Int!, $b: Int!, $c: Int!) {
  organisations(first: $a) { edges { node { name
    partners(first: $b) { edges { node { name
      branches(first: $c) { edges { node { name } } } } } } } } }
}"""


@contextmanager
def served(settings: Settings, **update: Any) -> Iterator[GraphQL]:
    # An app of its own, rate limit off: refused queries still charge their cost, and they
    # must not use up the shared test client's budget.
    config = settings.model_copy(update={"rate_limit_per_minute": 0, **update})
    with TestClient(create_app(config, run_indexer=False), raise_server_exceptions=False) as tc:
        yield GraphQL(tc)


@pytest.fixture(scope="module")
def api(settings: Settings) -> Iterator[GraphQL]:
    with served(settings) as gql:
        yield gql


@pytest.fixture(scope="module")
def schema(settings: Settings) -> GraphQLSchema:
    return build_schema(settings)._schema


def cost(schema: GraphQLSchema, query: str, variables: dict[str, Any] | None = None) -> int:
    return query_cost(schema, parse(query), variables)


# -- the calculator ----------------------------------------------------------------------------


def test_nested_connections_and_lists_multiply(schema: GraphQLSchema) -> None:
    query = """{ organisations(first: 50) { edges { node {
        coalitions { coalition { members(first: 10) { edges { node { name } } } } } } } } }"""
    # 50 organisations; 5 memberships each (table); 10 members per membership's coalition.
    assert cost(schema, query) == 50 + 50 * 5 + 50 * 5 * 10 == 2800


def test_plain_lists_use_the_table(schema: GraphQLSchema) -> None:
    assert cost(schema, "{ provinces { name municipalities { name } } }") == 12 + 12 * 60
    assert cost(schema, "{ themes { name } targetGroups { name } actionLines { name } }") == 43
    # Lists of scalars and single objects are part of their object.
    assert cost(schema, '{ practice(slug: "x") { links organisation { name } } }') == 1
    assert cost(schema, "{ nationalCoalition { municipalities { name } } }") == 5


def test_defaults_and_variables_feed_first(schema: GraphQLSchema) -> None:
    query = "query($n: Int) { organisations(first: $n) { edges { node { themes { name } } } } }"
    assert cost(schema, query, {"n": 10}) == 10 + 10 * 5
    assert cost(schema, query) == 20 + 20 * 5  # left out: the argument's default, 20
    with_default = query.replace("$n: Int", "$n: Int = 7")
    assert cost(schema, with_default) == 7 + 7 * 5
    assert cost(schema, with_default, {"n": 3}) == 3 + 3 * 5
    assert cost(schema, THREE_LEVELS, {"a": 2, "b": 3, "c": 4}) == 2 + 6 + 24


def test_first_out_of_range_counts_as_100(schema: GraphQLSchema) -> None:
    one = "query($n: Int) { organisations(first: $n) { edges { node { name } } } }"
    for bad in (0, -5, 101, 10**9, "twenty", 2.5, True):
        assert cost(schema, one, {"n": bad}) == 100, bad
    assert cost(schema, "{ organisations(first: 100000) { edges { node { name } } } }") == 100


def test_fragments_are_followed(schema: GraphQLSchema) -> None:
    query = """{ coalitions(first: 4) { ...Page } }
        fragment Page on CoalitionConnection { totalCount edges { node { ...Coalition } } }
        fragment Coalition on Coalition {
          municipalities { name }
          members(first: 3) { edges { node { ... on Organisation { themes { name } } } } }
        }"""
    # 4 coalitions; each 5 municipalities and 3 members; each member 5 themes.
    assert cost(schema, query) == 4 + 4 * 5 + 4 * 3 + 4 * 3 * 5


def test_a_fragment_counts_wherever_it_is_spread(schema: GraphQLSchema) -> None:
    query = """{ organisation(id: "x") { ...Themes branchOf { ...Themes } } }
        fragment Themes on Organisation { themes { name } }"""
    assert cost(schema, query) == 5 + 5


def test_interfaces_count_each_fragment(schema: GraphQLSchema) -> None:
    query = """{ node(id: "x") {
        ... on Organisation { themes { name } }
        ... on Province { municipalities { name } } } }"""
    assert cost(schema, query) == 5 + 60


def test_only_selected_pages_count(schema: GraphQLSchema) -> None:
    # totalCount alone fetches no rows: the least a query costs, 1.
    totals = "{ organisations(first: 100) { totalCount pageInfo { hasNextPage } } }"
    assert cost(schema, totals) == 1
    assert cost(schema, "{ __typename }") == 1


def test_skip_and_include(schema: GraphQLSchema) -> None:
    query = "query($s: Boolean!) { provinces @skip(if: $s) { name } themes { name } }"
    assert cost(schema, query, {"s": True}) == 20
    assert cost(schema, query, {"s": False}) == 12 + 20
    assert cost(schema, "{ provinces @include(if: false) { name } }") == 1


def test_arguments_of_the_field_above(schema: GraphQLSchema) -> None:
    nearby = """{ nearby(municipalityCode: "GM0363", first: 30) {
        organisations { organisation { themes { name } } } coalitions { distanceKm } } }"""
    assert cost(schema, nearby) == 30 + 30 * 5 + 30
    # A path beyond `maxHops` still shows its steps (up to 6), so `maxHops` does not bound them.
    path = '{ connectionPath(fromId: "a", toId: "b", maxHops: 2) { steps { hops: relationship } } }'
    assert cost(schema, path) == 6
    # Plain lists with their own `first`.
    assert cost(schema, "{ bestConnected(first: 7) { organisation { name } } }") == 7


# A document whose cost depends on page sizes, on a list sized by its parent's argument, on
# `@skip`/`@include` conditions (one of which hides a subtree with a page size of its own),
# and not on the IDs and filters beside them.
MEMO_DOCUMENT = """
query Memo($id: ID!, $n: Int, $m: Int = 4, $near: Int, $deep: Boolean!, $lean: Boolean = false,
           $filter: OrganisationFilter) {
  organisation(id: $id) { name partners(first: $n) { edges { node { name
    branches(first: $m) @include(if: $deep) { edges { node { name } } } } } } }
  organisations(first: $n, filter: $filter) { totalCount edges { node {
    themes @skip(if: $lean) { name } } } }
  nearby(municipalityCode: "GM0363", first: $near) { organisations { organisation { name } } }
}"""


def _memo_variables(i: int) -> dict[str, Any]:
    """The i-th of a spread of variable sets: every variable the cost reads varies, set,
    null or left out, and so do the ones it must not depend on."""
    variables: dict[str, Any] = {"id": f"Organisation:o{i}", "deep": i % 2 == 0}
    spread = (  # name, values, left out when i % modulus == modulus - 1
        ("n", [None, 1, 7, 100, 500], 4),
        ("m", [2, None], 5),
        ("near", [30, None, 5], 7),
    )
    for name, values, modulus in spread:
        if i % modulus != modulus - 1:
            variables[name] = values[(i // 3) % len(values)]
    if i % 4 == 1:
        variables["lean"] = True
    if i % 5 == 2:
        variables["filter"] = {"themes": ["gezondheid", f"t{i}"], "inLocalCoalition": True}
    return variables


def test_the_cost_memo_agrees_with_the_walk_on_every_variable_set(schema: GraphQLSchema) -> None:
    document = parse(MEMO_DOCUMENT)
    memo = CostMemo(schema, document, None, 20, 100)
    seen: set[int] = set()
    for i in [*range(120), *range(119, -1, -1)]:  # each set twice: computed, then remembered
        variables = _memo_variables(i)
        expected = query_cost(schema, document, variables, default_page=20, max_page=100)
        assert memo.cost(variables) == expected, variables
        seen.add(expected)
    assert len(seen) > 10  # the sets do make the cost vary


def test_the_cost_memo_keys_on_what_the_cost_reads_only(
    schema: GraphQLSchema, monkeypatch: pytest.MonkeyPatch
) -> None:
    import graph_api.graphql.cost as cost_module

    walks = 0
    walk = cost_module._cost_and_reads

    def counted(*args: Any) -> Any:
        nonlocal walks
        walks += 1
        return walk(*args)

    monkeypatch.setattr(cost_module, "_cost_and_reads", counted)
    document = parse(MEMO_DOCUMENT)
    memo = CostMemo(schema, document, None, 20, 100)
    for i in range(50):  # other IDs and filters, the same page sizes and conditions
        variables = {"id": f"Organisation:o{i}", "n": 10, "near": 5, "deep": True}
        if i % 2:
            variables["filter"] = {"themes": [f"t{i}"]}
        memo.cost(variables)
    assert walks == 1
    memo.cost({"id": "x", "n": 11, "near": 5, "deep": True})
    assert walks == 2


def test_search_connections(schema: GraphQLSchema) -> None:
    query = """{ searchPractices(query: "", first: 10, facets: [THEME]) {
        edges { node { themes { name } } } facets { values { value } } } }"""
    # 10 hits with 5 themes each; 7 facets (one per kind) of 50 values.
    assert cost(schema, query) == 10 + 10 * 5 + 7 + 7 * 50


def test_mutations_pay_a_write_surcharge(schema: GraphQLSchema) -> None:
    query = """mutation { createPractice(input: {title: "t", summary: "s", body: "b", themes: []})
        { practice { themes { name } municipalities { name } } errors { message } } }"""
    # 1 + surcharge 10 + payload (5 themes, 5 municipalities, 5 errors).
    assert cost(schema, query) == 1 + 10 + 5 + 5 + 5
    two = """mutation { a: publishPractice(id: "x") { errors { code } }
        b: archivePractice(id: "x") { errors { code } } }"""
    assert cost(schema, two) == 2 * (1 + 10 + 5)


def test_odd_documents_do_not_crash(schema: GraphQLSchema) -> None:
    assert cost(schema, "{ ...Nope }") == 1
    cyclic = "{ ...A } fragment A on Query { ...B provinces { name } } fragment B on Query { ...A }"
    assert cost(schema, cyclic) == 12
    assert cost(schema, "{ noSuchField { a { b } } }") == 1
    two = "query A { provinces { name } } query B { themes { name } }"
    assert query_cost(schema, parse(two), None, "A") == 12
    assert query_cost(schema, parse(two), None, None) == 20  # unclear which: the dearest
    intro = get_introspection_query(descriptions=True, input_value_deprecation=True)
    assert cost(schema, intro) == 1  # introspection is free


# -- over HTTP -----------------------------------------------------------------------------------


def test_every_response_reports_its_cost(api: GraphQL, settings: Settings) -> None:
    result = api("{ provinces { code municipalities { code } } }")
    assert not result.errors
    assert result.extensions["cost"] == {
        "requestedQueryCost": 12 + 12 * 60,
        "budget": settings.cost_budget,
    }
    # Field errors do not change it; a document that fails validation has none.
    bad_id = api('{ organisation(id: "nonsense") { name } }')
    assert bad_id.codes == ["INVALID_ID"] and bad_id.extensions["cost"]["requestedQueryCost"] == 1
    invalid = api("{ provinces { nope } }")
    assert invalid.errors and "cost" not in invalid.extensions


def test_budget_allows_exactly_the_budget_and_refuses_one_more(
    api: GraphQL, settings: Settings
) -> None:
    assert settings.cost_budget == 50_000, "the numbers below are worked out for 50,000"
    at_budget = api(THREE_LEVELS, {"a": 50, "b": 27, "c": 36})
    assert 50 + 50 * 27 + 50 * 27 * 36 == 50_000
    assert not at_budget.errors, at_budget.errors
    assert at_budget.extensions["cost"]["requestedQueryCost"] == 50_000
    assert len(at_budget.data["organisations"]["edges"]) == 50  # it really ran

    over = api(THREE_LEVELS, {"a": 21, "b": 28, "c": 84})
    assert 21 + 21 * 28 + 21 * 28 * 84 == 50_001
    assert over.codes == ["QUERY_TOO_COSTLY"]
    assert over.data is None
    assert over.errors[0]["extensions"]["cost"] == 50_001
    assert over.errors[0]["extensions"]["budget"] == 50_000
    assert over.extensions["cost"] == {"requestedQueryCost": 50_001, "budget": 50_000}


def test_a_smaller_budget_from_settings(settings: Settings) -> None:
    with served(settings, cost_budget=100) as small:
        assert not small("{ organisations(first: 100) { edges { node { id } } } }").errors
        refused = small("{ organisations(first: 25) { edges { node { themes { name } } } } }")
        assert refused.codes == ["QUERY_TOO_COSTLY"]  # 25 + 125
        assert refused.extensions["cost"] == {"requestedQueryCost": 150, "budget": 100}


def test_first_out_of_range_is_refused_by_the_resolver_not_the_calculator(api: GraphQL) -> None:
    result = api("{ organisations(first: 1000) { edges { node { name } } } }")
    assert result.codes == ["INVALID_ARGUMENT"]
    assert result.extensions["cost"]["requestedQueryCost"] == 100


def test_mutation_cost_is_reported_before_it_runs(api: GraphQL) -> None:
    # A public caller may not publish: nothing is written, the cost was worked out anyway.
    result = api(
        'mutation { publishPractice(id: "x") { practice { themes { name } } errors { code } } }'
    )
    payload = result.data["publishPractice"]
    assert payload["practice"] is None and payload["errors"], result
    assert result.extensions["cost"]["requestedQueryCost"] == 1 + 10 + 5 + 5
