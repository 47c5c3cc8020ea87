"""Production mode against development mode, each a real app over the real servers:
introspection, suggestions, masked errors, development-only extensions."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from graphql import get_introspection_query
from starlette.testclient import TestClient

from graph_api.app import create_app
from graph_api.graphql import root
from graph_api.settings import Mode, Settings
from tests.conftest import GraphQL

INTROSPECTION = get_introspection_query(
    descriptions=True, input_value_deprecation=True, directive_is_repeatable=True
)
SECRET = "bolt://db.internal:7687 password=hunter2"


def serve(settings: Settings, mode: Mode) -> Iterator[GraphQL]:
    config = settings.model_copy(update={"mode": mode, "rate_limit_per_minute": 0})
    with TestClient(create_app(config, run_indexer=False), raise_server_exceptions=False) as tc:
        yield GraphQL(tc)


@pytest.fixture(scope="module")
def dev(settings: Settings) -> Iterator[GraphQL]:
    yield from serve(settings, Mode.DEVELOPMENT)


@pytest.fixture(scope="module")
def prod(settings: Settings) -> Iterator[GraphQL]:
    yield from serve(settings, Mode.PRODUCTION)


def test_introspection_in_development_only(dev: GraphQL, prod: GraphQL) -> None:
    assert dev.ok(INTROSPECTION)["__schema"]["queryType"]["name"] == "Query"
    for query in (INTROSPECTION, '{ __type(name: "Organisation") { fields { name } } }'):
        result = prod(query)
        assert result.data is None
        assert result.codes == ["INTROSPECTION_DISABLED"]  # one error, not one per field
        assert result.errors[0]["message"] == "Introspection is disabled on this server."
    # __typename is not introspection: clients (and caches) need it.
    assert prod.ok("{ __typename provinces { __typename } }")["__typename"] == "Query"


@pytest.mark.parametrize(
    ("query", "variables", "hint"),
    [
        ("{ provinces { nam } }", None, "Did you mean 'name'?"),
        ("{ organisations(frist: 2) { totalCount } }", None, "Did you mean 'first'"),
        ("{ organisations(sort: NAM) { totalCount } }", None, "Did you mean the enum value"),
        ("query($s: OrganisationSort!) { organisations(sort: $s) { totalCount } }", {"s": "NAM"},
         "Did you mean the enum value"),
        ("query($f: OrganisationFiltre) { organisations(filter: $f) { totalCount } }", None,
         "Did you mean 'OrganisationFilter'"),
    ],
)  # fmt: skip
def test_suggestions_in_development_only(
    dev: GraphQL, prod: GraphQL, query: str, variables: dict[str, Any] | None, hint: str
) -> None:
    development = dev(query, variables)
    assert any(hint in e["message"] for e in development.errors), development.errors
    production = prod(query, variables)
    assert production.errors
    for error in production.errors:
        assert "Did you mean" not in error["message"]
        assert error["message"].strip()  # the rest of the message stays


def test_graphql_and_user_errors_keep_their_messages_in_production(prod: GraphQL) -> None:
    invalid = prod("{ provinces { nam } }")
    assert invalid.errors[0]["message"] == "Cannot query field 'nam' on type 'Province'."
    bad_id = prod('{ organisation(id: "nonsense") { name } }')
    assert bad_id.codes == ["INVALID_ID"] and "nonsense" in bad_id.errors[0]["message"]
    # graphql-core's own complaint about a variable is not "unexpected".
    bad_variable = prod("query($n: Int!) { organisations(first: $n) { totalCount } }", {"n": "x"})
    assert "Int cannot represent" in bad_variable.errors[0]["message"]


def boom(*_: Any) -> Any:
    raise RuntimeError(f"cannot reach {SECRET}")


@pytest.mark.parametrize("mode", ["dev", "prod"])
def test_unexpected_errors_are_masked(
    mode: str, request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch
) -> None:
    api: GraphQL = request.getfixturevalue(mode)
    monkeypatch.setattr(root, "compiler", boom)  # every root resolver compiles first
    response = api.client.post("/graphql", json={"query": "{ provinces { name } }"})
    assert response.status_code == 200
    assert "hunter2" not in response.text and "RuntimeError" not in response.text
    body = response.json()
    assert body["data"] is None
    [error] = body["errors"]
    assert error["message"] == "Unexpected error."
    assert error["extensions"] == {"code": "INTERNAL_SERVER_ERROR"}
    # Where, as GraphQL always says; nothing else (no trace, no exception).
    assert set(error) == {"message", "locations", "path", "extensions"}
    assert error["path"] == ["provinces"]


def test_the_same_query_runs_unpatched(prod: GraphQL) -> None:
    # Without the patched resolver the query above succeeds: the failure was the one we made.
    assert len(prod.ok("{ provinces { name } }")["provinces"]) == 12


def test_development_only_extensions(dev: GraphQL, prod: GraphQL, settings: Settings) -> None:
    query = "{ provinces { code } }"
    development, production = dev(query), prod(query)
    assert development.extensions["cypherRoundTrips"] == 1
    assert "cypherRoundTrips" not in production.extensions
    expected = {"requestedQueryCost": 12, "budget": settings.cost_budget}
    assert development.extensions["cost"] == production.extensions["cost"] == expected


def test_limits_hold_in_production(prod: GraphQL, settings: Settings) -> None:
    too_costly = """{ organisations(first: 100) { edges { node {
        partners(first: 100) { edges { node { themes { name } } } } } } } }"""
    assert prod(too_costly).codes == ["QUERY_TOO_COSTLY"]
    aliases = " ".join(f"a{i}: __typename" for i in range(settings.max_aliases + 1))
    assert prod("{ " + aliases + " }").codes == ["TOO_MANY_ALIASES"]
