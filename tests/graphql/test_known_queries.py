"""Known queries (graph_api/graphql/known_queries.py): a query that ran cleanly before runs
on a shorter path, and must answer exactly what the full path answers, for every variable
set and every caller; what it cannot answer the same way goes the full way."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from prometheus_client import REGISTRY
from starlette.testclient import TestClient

from graph_api.app import create_app
from graph_api.settings import Settings
from tests.auth.test_role_matrix import _draft
from tests.conftest import GraphQL, Tokens

MUNICIPALITY = """query M($code: String!) { municipality(code: $code) {
  code name participation location { latitude longitude } province { code name }
  localCoalition { id name kind startedOn } } }"""
ORGANISATIONS = """query L($themes: [String!], $after: String, $n: Int) {
  organisations(first: $n, after: $after, filter: {themes: $themes}) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { cursor node { id name kind themes { slug } homeMunicipality { code } } } } }"""
# Each coalition's first 100 members, for up to $n organisations: the cost grows with $n.
NESTED = """query N($n: Int) { organisations(first: $n) { edges { node { name
  coalitions { coalition { name members(first: 100) { edges { node { name } } } } } } } } }"""
NODE = """query P($id: ID!) { node(id: $id) { id ... on Practice { title status } } }"""
# Variables read below the root field, directly, by a directive and inside a fragment: the
# selections converted for one request must not answer another with other values.
MEMBERS = """query C($id: ID!, $m: Int, $themes: Boolean!, $role: MemberRole) {
  coalition(id: $id) { name
    members(first: $m) { totalCount edges { role node { ...Member } } }
    kartrekkers: members(first: 5, role: $role) { edges { node { name } } } } }
fragment Member on Organisation { name themes @include(if: $themes) { slug } }"""
COALITION = "Coalition:coalitie-erbij"


def _known(path: str) -> float:
    return REGISTRY.get_sample_value("graphql_known_queries_total", {"path": path}) or 0.0


@pytest.fixture(scope="module")
def apps(settings: Settings) -> Iterator[tuple[TestClient, TestClient]]:
    """Two servers: `warm` remembers queries, `cold` always takes the full path."""
    quiet = settings.model_copy(
        update={"rate_limit_per_minute": 0, "rate_limit_anonymous_per_minute": 0}
    )
    warm_app, cold_app = create_app(quiet, run_indexer=False), create_app(quiet, run_indexer=False)
    cold_app.state.graphql.known.enabled = False
    with TestClient(warm_app) as warm, TestClient(cold_app) as cold:
        yield warm, cold


def _post(
    client: TestClient, query: str, variables: dict[str, Any], token: str | None = None
) -> Any:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    response = client.post(
        "/graphql", json={"query": query, "variables": variables}, headers=headers
    )
    body = response.json()
    body.get("extensions", {}).pop("rateLimit", None)
    return response.status_code, body


def _taught(
    warm: TestClient, query: str, variables: dict[str, Any], token: str | None = None
) -> None:
    status, body = _post(warm, query, variables, token)
    assert status == 200 and "errors" not in body, body


CASES = {
    # What the known path answers itself: data, and the errors a caller caused.
    "another municipality": (MUNICIPALITY, {"code": "GM0014"}, {"code": "GM0363"}, "known"),
    "unknown municipality": (MUNICIPALITY, {"code": "GM0014"}, {"code": "GM9999"}, "known"),
    "other themes": (
        ORGANISATIONS,
        {"themes": ["gezondheid"], "n": 5},
        {"themes": ["participatie", "sociale-cohesie"], "n": 7},
        "known",
    ),
    "unknown theme": (
        ORGANISATIONS,
        {"themes": ["gezondheid"], "n": 5},
        {"themes": ["geen-thema"], "n": 5},
        "known",
    ),
    "bad cursor": (ORGANISATIONS, {"n": 5}, {"n": 5, "after": "niet-een-cursor"}, "known"),
    "other values below the root": (
        MEMBERS,
        {"id": COALITION, "m": 2, "themes": False, "role": "CORE"},
        {"id": COALITION, "m": 4, "themes": True, "role": "LEAD"},
        "known",
    ),
    "page too large": (ORGANISATIONS, {"n": 5}, {"n": 5000}, "known"),
    # What it leaves to the full path: variables that do not coerce (a request error).
    "variable of the wrong type": (MUNICIPALITY, {"code": "GM0014"}, {"code": 363}, "full"),
    "missing variable": (MUNICIPALITY, {"code": "GM0014"}, {}, "full"),
}


@pytest.mark.parametrize("case", CASES)
def test_a_known_query_answers_what_the_full_path_answers(
    apps: tuple[TestClient, TestClient], case: str
) -> None:
    warm, cold = apps
    query, teach, ask, path = CASES[case]
    _taught(warm, query, teach)
    before = _known(path)
    answered = _post(warm, query, ask)
    assert _known(path) == before + 1  # it did go the way the case says
    assert answered == _post(cold, query, ask)


def test_the_cost_budget_is_checked_with_each_request_s_variables(
    apps: tuple[TestClient, TestClient],
) -> None:
    warm, cold = apps
    _taught(warm, NESTED, {"n": 1})
    known, full = _known("known"), _known("full")
    status, body = _post(warm, NESTED, {"n": 100})
    assert [e["extensions"]["code"] for e in body["errors"]] == ["QUERY_TOO_COSTLY"]
    assert "data" not in body
    # Refused before anything ran: the short path did not execute it.
    assert (_known("known"), _known("full")) == (known, full)
    assert (status, body) == _post(cold, NESTED, {"n": 100})


def test_what_one_caller_may_see_does_not_carry_over_to_the_next(
    apps: tuple[TestClient, TestClient], gql: GraphQL, tokens: Tokens
) -> None:
    warm, cold = apps
    draft = _draft(gql, tokens)
    # Staff may see the draft; the query is now known.
    _taught(warm, NODE, {"id": draft}, tokens.staff)
    status, body = _post(warm, NODE, {"id": draft}, tokens.staff)
    assert body["data"]["node"] == {
        "id": draft,
        "title": "Matrix-praktijk voor rollen",
        "status": "DRAFT",
    }
    for token in (None, tokens.other_partner):
        before = _known("known")
        answered = _post(warm, NODE, {"id": draft}, token)
        assert _known("known") == before + 1
        assert answered[1]["data"] == {"node": None}
        assert answered == _post(cold, NODE, {"id": draft}, token)


def test_mutations_always_take_the_full_path(
    apps: tuple[TestClient, TestClient], tokens: Tokens
) -> None:
    warm, _ = apps
    rename = """mutation R($id: ID!) { submitPracticeForReview(id: $id) { errors { code } } }"""
    known, full = _known("known"), _known("full")
    for _ in range(3):
        status, body = _post(warm, rename, {"id": "Practice:bestaat-niet"}, tokens.staff)
        assert status == 200
    assert (_known("known"), _known("full")) == (known, full)


def test_a_failure_outside_the_fields_takes_the_full_path(
    apps: tuple[TestClient, TestClient], monkeypatch: pytest.MonkeyPatch
) -> None:
    warm, cold = apps
    query, teach, ask, _ = CASES["another municipality"]
    _taught(warm, query, teach)
    known = warm.app.state.graphql.known  # type: ignore[attr-defined]

    def broken(*_: Any, **__: Any) -> Any:
        raise RuntimeError("planted")

    monkeypatch.setattr(known, "_execute", broken)
    before = _known("full")
    answered = _post(warm, query, ask)
    assert _known("full") == before + 1
    assert answered == _post(cold, query, ask)
