"""The error path: every error a client can cause has a code, request errors are 400 without
`data` for `application/graphql-response+json`, and whatever is masked is logged."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import structlog
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from starlette.testclient import TestClient

from graph_api.db.driver import Database

GRAPHQL_RESPONSE = "application/graphql-response+json"
JSON = "application/json"


def post(client: TestClient, body: dict[str, Any], accept: str = GRAPHQL_RESPONSE) -> Any:
    return client.post("/graphql", json=body, headers={"accept": accept})


def codes(body: dict[str, Any]) -> list[Any]:
    return [(e.get("extensions") or {}).get("code") for e in body.get("errors") or []]


# Every field with a page-size argument, root and nested. Whether it is `Int!` with a
# default (null is then graphql-core's BAD_USER_INPUT) or nullable `Int` (null then means
# the default page), an explicit null is never an internal error.
FIRST_NULL = [
    "organisations(first: $f) { __typename }",
    "organisations(last: $f) { __typename }",
    "coalitions(first: $f) { __typename }",
    "municipalities(first: $f) { __typename }",
    "practices(first: $f) { __typename }",
    "organisations(first: 1) { edges { node { branches(first: $f) { __typename } } } }",
    "organisations(first: 1) { edges { node { partners(first: $f) { __typename } } } }",
    'searchPractices(query: "eenzaam", first: $f) { __typename }',
    'searchOrganisations(query: "buurt", first: $f) { __typename }',
    'nearby(municipalityCode: "GM0363", first: $f) { __typename }',
    "bestConnected(first: $f) { __typename }",
    'suggestCollaborators(organisationId: "Organisation:nope", first: $f) { __typename }',
]


@pytest.mark.parametrize("field", FIRST_NULL, ids=[f.split("(")[0] for f in FIRST_NULL])
def test_null_first_is_never_internal(client: TestClient, field: str) -> None:
    response = post(client, {"query": f"query($f: Int) {{ {field} }}", "variables": {"f": None}})
    assert response.status_code == 200, response.text
    body = response.json()
    for error in body.get("errors") or []:
        # A typed error (on a loaded machine even QUERY_TIMEOUT), never a masked one.
        assert error["extensions"]["code"] != "INTERNAL_SERVER_ERROR", error
        if error["extensions"]["code"] == "BAD_USER_INPUT":
            assert "$f" in error["message"]  # graphql-core's own message, kept


def test_null_for_a_non_null_argument_with_a_default(client: TestClient) -> None:
    # Valid (the argument has a default), but graphql-core refuses the null when the field
    # runs: a field error with its message and BAD_USER_INPUT, not a masked one.
    query = """query($h: Int) { connectionPath(fromId: "Organisation:a",
      toId: "Organisation:b", maxHops: $h) { hops } }"""
    response = post(client, {"query": query, "variables": {"h": None}})
    assert response.status_code == 200
    body = response.json()
    assert body["data"] == {"connectionPath": None}
    [error] = body["errors"]
    assert error["extensions"]["code"] == "BAD_USER_INPUT" and error["path"] == ["connectionPath"]
    assert error["message"].startswith("Argument 'maxHops' has invalid value")


VARIABLE_ERRORS = [
    ("query($f: Int!) { organisations(first: $f) { totalCount } }", {"f": "x"}, "non-integer"),
    ("query($f: Int!) { organisations(first: $f) { totalCount } }", {"f": None}, "non-null"),
    ("query($f: Int!) { organisations(first: $f) { totalCount } }", {}, "non-null"),
    ("query($f: Int!) { organisations(first: $f) { totalCount } }", {"f": 2**40}, "32-bit"),
    (
        "query($s: OrganisationSort!) { organisations(sort: $s) { totalCount } }",
        {"s": "NOPE"},
        "does not exist",
    ),
    ("query($i: ID!) { node(id: $i) { id } }", {"i": {"a": 1}}, "ID cannot represent"),
    (
        "query($k: [OrganisationKind!]) { bestConnected(kinds: $k) { degree } }",
        {"k": [None]},
        "non-null",
    ),
]


@pytest.mark.parametrize(("query", "variables", "says"), VARIABLE_ERRORS)
def test_variable_coercion_errors(
    client: TestClient, query: str, variables: dict[str, Any], says: str
) -> None:
    body = {"query": query, "variables": variables}
    new = post(client, body)
    assert new.status_code == 400, new.text
    assert "data" not in new.json()
    [error] = new.json()["errors"]
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    assert error["message"].startswith("Variable '$") and says in error["message"]
    # Older clients: 200, as before, now with the code.
    old = post(client, body, JSON)
    assert old.status_code == 200 and codes(old.json()) == ["BAD_USER_INPUT"]
    # No media type at all means application/json too.
    bare = client.post("/graphql", json=body)
    assert bare.status_code == 200 and codes(bare.json()) == ["BAD_USER_INPUT"]


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ("{ provinces { nam } }", "GRAPHQL_VALIDATION_FAILED"),
        ("{ provinces { code ", "GRAPHQL_PARSE_FAILED"),
        ("query($x: Nope) { provinces { code } }", "GRAPHQL_VALIDATION_FAILED"),
    ],
)
def test_parse_and_validation_errors_have_codes(client: TestClient, query: str, code: str) -> None:
    for accept, status in ((GRAPHQL_RESPONSE, 400), (JSON, 200)):
        response = post(client, {"query": query}, accept)
        assert response.status_code == status and "data" not in response.json()
        assert codes(response.json()) and set(codes(response.json())) == {code}


TWO_OPERATIONS = "query A { provinces { code } } query B { themes { slug } }"


def test_several_operations_need_a_name(client: TestClient) -> None:
    refused = post(client, {"query": TWO_OPERATIONS})
    assert refused.status_code == 400 and "data" not in refused.json()
    [error] = refused.json()["errors"]
    assert error["extensions"]["code"] == "OPERATION_NAME_REQUIRED"
    assert "operationName" in error["message"] and len(error["locations"]) == 2
    legacy = post(client, {"query": TWO_OPERATIONS}, JSON)
    assert legacy.status_code == 200 and codes(legacy.json()) == ["OPERATION_NAME_REQUIRED"]
    # Over GET too, and whatever the operations are.
    mixed = "mutation M { __typename } query Q { __typename }"
    got = client.get("/graphql", params={"query": mixed}, headers={"accept": GRAPHQL_RESPONSE})
    assert got.status_code == 400 and codes(got.json()) == ["OPERATION_NAME_REQUIRED"]

    named = post(client, {"query": TWO_OPERATIONS, "operationName": "B"})
    assert named.status_code == 200 and list(named.json()["data"]) == ["themes"]
    # One operation and fragments need no name.
    single = "query A { provinces { ...P } } fragment P on Province { code }"
    assert len(post(client, {"query": single}).json()["data"]["provinces"]) == 12


@pytest.mark.parametrize("query", [TWO_OPERATIONS, "query A { provinces { code } }", "{ a }"])
def test_unknown_operation_name(client: TestClient, query: str) -> None:
    response = post(client, {"query": query, "operationName": "C"})
    assert response.status_code == 400 and "data" not in response.json()
    assert codes(response.json()) == ["UNKNOWN_OPERATION"]
    assert '"C"' in response.json()["errors"][0]["message"]


def test_subscriptions_are_not_supported(client: TestClient) -> None:
    document = "subscription { practiceChanged { id } }"
    for response in (
        post(client, {"query": document}),
        client.get("/graphql", params={"query": document}, headers={"accept": GRAPHQL_RESPONSE}),
    ):
        assert response.status_code == 400 and "data" not in response.json()
        [error] = response.json()["errors"]
        assert error["extensions"]["code"] == "OPERATION_NOT_SUPPORTED"
        assert "Subscriptions are not supported" in error["message"]
    # A mutation over GET stays a 405: it is allowed, with another method.
    mutation = client.get("/graphql", params={"query": "mutation { __typename }"})
    assert mutation.status_code == 405 and mutation.headers["allow"] == "POST"


# -- node(id:) ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def node_types(client: TestClient) -> list[str]:
    body = post(client, {"query": '{ __type(name: "Node") { possibleTypes { name } } }'}).json()
    names = [t["name"] for t in body["data"]["__type"]["possibleTypes"]]
    assert "ActionLine" in names
    return names


NASTY_KEYS = [
    "²",  # str.isdigit() says yes, int() says no
    "١٢",  # Arabic-Indic digits: int() takes them
    "１",  # fullwidth
    "99999999999999999999",  # beyond 64 bits
    str(2**63),
    str(2**63 - 1),
    "-1",
    "+1",
    " 1",
    "1 ",
    "1_000",
    "0x10",
    "1e3",
    "",
    ":",
    "1:2",
    "::",
    "\x00",
    "1\x00",
    "\u202e1",
    "😀",
    "x" * 200,
    "x" * 201,
    "9" * 200,
    "' OR 1=1 //",
    "$p0",
]


def check_node(client: TestClient, global_id: str) -> None:
    response = post(
        client, {"query": "query($i: ID!) { node(id: $i) { id } }", "variables": {"i": global_id}}
    )
    assert response.status_code == 200, (global_id, response.text)
    body = response.json()
    for error in body.get("errors") or []:
        code = (error.get("extensions") or {}).get("code")
        assert code is not None and code != "INTERNAL_SERVER_ERROR", (global_id, error)
    if body.get("errors"):
        assert body["data"]["node"] is None
    elif body["data"]["node"] is not None:
        # Found: then it is what was asked for.
        assert body["data"]["node"]["id"].split(":")[0] == global_id.split(":")[0]


def test_node_with_nasty_ids(client: TestClient, node_types: list[str]) -> None:
    ids = [f"{t}:{k}" for t in node_types for k in NASTY_KEYS]
    ids += [t for t in node_types] + ["", ":", "Nope:1", "actionline:1", "ActionLine", "x" * 5000]
    for global_id in ids:
        check_node(client, global_id)


def test_node_with_generated_ids(client: TestClient, node_types: list[str]) -> None:
    keys = st.one_of(
        st.text(max_size=300),
        st.integers().map(str),
        st.text(st.characters(categories=["Nd", "No"]), min_size=1, max_size=30),
    )
    ids = st.one_of(
        st.text(max_size=50), st.tuples(st.sampled_from(node_types), keys).map(":".join)
    )

    @given(ids)
    @settings(
        max_examples=150,
        derandomize=True,
        deadline=None,
        suppress_health_check=list(HealthCheck),
    )
    def run(global_id: str) -> None:
        check_node(client, global_id)

    run()


# -- masked errors are logged ---------------------------------------------------------------


@pytest.fixture
def logs() -> Iterator[list[dict[str, Any]]]:
    # The configured chain's parts that matter here: the request's context (its ID) and the
    # exception rendered as a stack.
    with structlog.testing.capture_logs(
        processors=[structlog.contextvars.merge_contextvars, structlog.processors.format_exc_info]
    ) as entries:
        yield entries


def _masked_entries(logs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [e for e in logs if e.get("event") == "unexpected error"]


def test_masked_error_is_logged_with_stack_and_request_id(
    client: TestClient, monkeypatch: pytest.MonkeyPatch, logs: list[dict[str, Any]]
) -> None:
    async def broken(*_: Any, **__: Any) -> Any:
        raise RuntimeError("secret detail from the database layer")

    monkeypatch.setattr(Database, "read", broken)
    response = client.post(
        "/graphql",
        json={"query": "{ provinces { code } }"},
        headers={"accept": GRAPHQL_RESPONSE, "x-request-id": "errors-test-1"},
    )
    monkeypatch.undo()
    assert response.status_code == 200
    [error] = response.json()["errors"]
    assert error["message"] == "Unexpected error."
    assert error["extensions"]["code"] == "INTERNAL_SERVER_ERROR"
    assert "secret" not in response.text
    [entry] = _masked_entries(logs)
    assert entry["request_id"] == "errors-test-1"
    assert entry["log_level"] == "error" and entry["path"] == ["provinces"]
    stack = entry["exception"]
    assert stack.startswith("Traceback") and "RuntimeError: secret detail" in stack
    assert "def broken" in stack or "in broken" in stack


def test_failure_before_execution_is_masked_and_logged(
    client: TestClient, monkeypatch: pytest.MonkeyPatch, logs: list[dict[str, Any]]
) -> None:
    import graph_api.graphql.parse_cache as parse_cache

    def broken(*_: Any) -> Any:
        raise RuntimeError("secret detail from the parser")

    monkeypatch.setattr(parse_cache, "parsed", broken)
    response = client.post(
        "/graphql",
        json={"query": "{ provinces { name } }"},
        headers={"accept": GRAPHQL_RESPONSE, "x-request-id": "errors-test-2"},
    )
    monkeypatch.undo()
    # The server failed, not the request: no 400, and nothing of the exception's text.
    assert response.status_code == 500 and "secret" not in response.text
    assert codes(response.json()) == ["INTERNAL_SERVER_ERROR"]
    [entry] = _masked_entries(logs)
    assert entry["request_id"] == "errors-test-2"
    assert "RuntimeError: secret detail from the parser" in entry["exception"]
