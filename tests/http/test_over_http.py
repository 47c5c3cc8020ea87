"""GraphQL over HTTP: media types, status codes, methods and malformed requests."""

from __future__ import annotations

from typing import Any

import pytest
from starlette.testclient import TestClient

from tests.conftest import Tokens

GRAPHQL_RESPONSE = "application/graphql-response+json"
QUERY = "{ provinces { code } }"


def post(
    client: TestClient, body: Any = None, accept: str | None = GRAPHQL_RESPONSE, **kw: Any
) -> Any:
    headers = {"accept": accept} if accept else {}
    headers.update(kw.pop("headers", {}))
    if body is not None:
        kw["json"] = body
    return client.post("/graphql", headers=headers, **kw)


def test_success_in_both_media_types(client: TestClient) -> None:
    for accept, media in (
        (GRAPHQL_RESPONSE, GRAPHQL_RESPONSE),
        ("application/json", "application/json"),
        (None, "application/json"),
        ("*/*", "application/json"),
    ):
        response = post(client, {"query": QUERY}, accept)
        assert response.status_code == 200
        assert response.headers["content-type"].startswith(media)
        assert len(response.json()["data"]["provinces"]) == 12


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ("{ provinces { nam } }", "GRAPHQL_VALIDATION_FAILED"),
        ("{ provinces { code ", "GRAPHQL_PARSE_FAILED"),
    ],
)
def test_request_errors(client: TestClient, query: str, code: str) -> None:
    # The new media type: 400 and no `data` entry; the old one: 200, as older clients expect.
    new = post(client, {"query": query})
    assert new.status_code == 400 and "data" not in new.json()
    assert new.json()["errors"][0]["extensions"]["code"] == code
    old = post(client, {"query": query}, "application/json")
    assert old.status_code == 200 and old.json()["errors"]


def test_field_errors_keep_status_200_and_data(client: TestClient) -> None:
    response = post(client, {"query": '{ organisation(id: "nonsense") { id } provinces { code } }'})
    body = response.json()
    assert response.status_code == 200
    assert body["data"]["organisation"] is None and len(body["data"]["provinces"]) == 12
    assert body["errors"][0]["extensions"]["code"] == "INVALID_ID"


def test_unknown_operation_name(client: TestClient) -> None:
    body = {
        "query": "query A { provinces { code } } query B { themes { slug } }",
        "operationName": "C",
    }
    assert post(client, body).status_code == 400
    assert post(client, body, "application/json").status_code == 200
    chosen = post(client, {**body, "operationName": "B"}).json()
    assert list(chosen["data"]) == ["themes"]


@pytest.mark.parametrize(
    ("kwargs", "status", "code"),
    [
        (
            {"content": b"{not json", "headers": {"content-type": "application/json"}},
            400,
            "BAD_REQUEST",
        ),
        ({"json": {"variables": {}}}, 400, "BAD_REQUEST"),
        ({"json": {"query": 42}}, 400, "BAD_REQUEST"),
        ({"json": {"query": QUERY, "variables": [1]}}, 400, "BAD_REQUEST"),
        ({"json": [{"query": QUERY}]}, 400, "BATCHING_DISABLED"),
        ({"json": "just a string"}, 400, "BAD_REQUEST"),
        (
            {"content": QUERY.encode(), "headers": {"content-type": "text/plain"}},
            415,
            "UNSUPPORTED_MEDIA_TYPE",
        ),
        (
            {"content": b"x" * 200_000, "headers": {"content-type": "application/json"}},
            413,
            "BODY_TOO_LARGE",
        ),
    ],
)
def test_malformed_requests(
    client: TestClient, kwargs: dict[str, Any], status: int, code: str
) -> None:
    kwargs = dict(kwargs)
    headers = {"accept": GRAPHQL_RESPONSE, **kwargs.pop("headers", {})}
    response = client.post("/graphql", headers=headers, **kwargs)
    assert response.status_code == status
    assert response.json()["errors"][0]["extensions"]["code"] == code
    assert "Traceback" not in response.text


def test_get_is_for_queries_only(client: TestClient, tokens: Tokens) -> None:
    ok = client.get("/graphql", params={"query": QUERY}, headers={"accept": GRAPHQL_RESPONSE})
    assert ok.status_code == 200 and len(ok.json()["data"]["provinces"]) == 12
    with_variables = client.get(
        "/graphql",
        params={
            "query": "query($c: String!) { municipality(code: $c) { name } }",
            "variables": '{"c": "GM0363"}',
        },
    )
    assert with_variables.json()["data"]["municipality"]["name"] == "Amsterdam"
    mutation = client.get(
        "/graphql",
        params={"query": 'mutation { archivePractice(id: "Practice:x") { errors { code } } }'},
        headers={"authorization": f"Bearer {tokens.staff}"},
    )
    assert mutation.status_code == 405 and mutation.headers["allow"] == "POST"
    bad_variables = client.get("/graphql", params={"query": QUERY, "variables": "{oops"})
    assert bad_variables.status_code == 400


def test_other_methods_and_accept(client: TestClient) -> None:
    put = client.put("/graphql", json={"query": QUERY})
    assert put.status_code == 405 and "POST" in put.headers["allow"]
    refused = post(client, {"query": QUERY}, "text/csv")
    assert refused.status_code == 406


def test_graphiql_in_development(client: TestClient) -> None:
    page = client.get("/graphql", headers={"accept": "text/html"})
    assert page.status_code == 200 and "graphiql" in page.text.lower()


def test_cors_allowlist(settings: Any) -> None:
    from graph_api.app import create_app

    allowed = "https://kaart.eentegeneenzaamheid.nl"
    app = create_app(settings.model_copy(update={"cors_origins": allowed}), run_indexer=False)
    with TestClient(app) as client:
        preflight = {
            "origin": allowed,
            "access-control-request-method": "POST",
            "access-control-request-headers": "content-type",
        }
        yes = client.options("/graphql", headers=preflight)
        assert yes.headers["access-control-allow-origin"] == allowed
        no = client.options("/graphql", headers={**preflight, "origin": "https://evil.example"})
        assert "access-control-allow-origin" not in no.headers
