"""Health, readiness, metrics, request IDs and rate limits."""

from __future__ import annotations

from typing import Any

from starlette.testclient import TestClient


def test_health_and_readiness(client: TestClient) -> None:
    assert client.get("/healthz").json() == {"status": "ok"}
    ready = client.get("/readyz")
    body = ready.json()
    assert ready.status_code == 200, body
    assert body["checks"]["neo4j"] == "ok" and body["checks"]["meilisearch"] == "ok"
    assert body["checks"]["outbox"]["entries"] >= 0


def test_metrics_after_requests(client: TestClient) -> None:
    client.post(
        "/graphql",
        json={
            "query": "query ProvincesForMap { provinces { code } }",
            "operationName": "ProvincesForMap",
        },
    )
    client.post("/graphql", json={"query": '{ organisation(id: "x") { id } }'})
    text = client.get("/metrics").text
    assert 'graphql_request_seconds_count{operation="ProvincesForMap"}' in text
    assert 'graphql_errors_total{code="INVALID_ID"}' in text
    assert "neo4j_cypher_seconds" in text and "search_outbox_entries" in text


def test_request_ids(client: TestClient) -> None:
    given = client.post(
        "/graphql", json={"query": "{ themes { slug } }"}, headers={"x-request-id": "frontend-42"}
    )
    assert given.headers["x-request-id"] == "frontend-42"
    made = client.post(
        "/graphql", json={"query": "{ themes { slug } }"}, headers={"x-request-id": "not sane !"}
    )
    assert len(made.headers["x-request-id"]) == 32 and made.headers["x-request-id"] != "frontend-42"


def test_rate_limit_by_cost(settings: Any) -> None:
    from graph_api.app import create_app

    app = create_app(
        settings.model_copy(
            update={"rate_limit_per_minute": 3, "rate_limit_anonymous_per_minute": 3}
        ),
        run_indexer=False,
    )
    with TestClient(app) as client:
        statuses = []
        for _ in range(5):
            response = client.post(
                "/graphql", json={"query": "{ organisations(first: 50) { edges { node { id } } } }"}
            )
            statuses.append(response.status_code)
            if response.status_code == 429:
                assert int(response.headers["retry-after"]) >= 1
                assert response.json()["errors"][0]["extensions"]["code"] == "RATE_LIMITED"
                break
        assert 429 in statuses and statuses[0] == 200
