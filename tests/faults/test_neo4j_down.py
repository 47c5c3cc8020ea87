"""Neo4j stopped while requests are in flight: fast, clear failures; the server stays up and
recovers by itself; every acknowledged write is still there afterwards."""

from __future__ import annotations

import asyncio
import threading
import time
from typing import Any

import pytest
from starlette.testclient import TestClient

from graph_api.db.driver import Database, async_driver
from graph_api.graphql.errors import QueryTimeoutError
from graph_api.servers import neo4j_server
from graph_api.settings import Settings
from tests.conftest import GraphQL, Tokens

READ = "{ organisations(first: 5) { edges { node { name themes { slug } } } } }"
CREATE = """mutation($i: CreatePracticeInput!) { createPractice(input: $i) {
  practice { id } errors { code } } }"""


def test_a_slow_query_ends_with_a_clear_timeout(settings: Settings) -> None:
    async def slow() -> None:
        db = Database(async_driver(settings), settings.neo4j_database, timeout_s=0.5)
        try:
            await db.read("UNWIND range(1, 1000000000) AS x RETURN count(x) AS n", {})
        finally:
            await db.close()

    started = time.monotonic()
    with pytest.raises(QueryTimeoutError):
        asyncio.run(slow())
    assert time.monotonic() - started < 10


def test_neo4j_stopped_and_started_again(
    client: TestClient, gql: GraphQL, tokens: Tokens, settings: Settings, run_cypher: Any
) -> None:
    if not settings.manages_neo4j:
        pytest.skip("needs the project's own Neo4j (NEO4J_URI points elsewhere)")
    acknowledged = []
    for n in range(3):
        result = gql.ok(
            CREATE,
            {
                "i": {
                    "organisationId": f"Organisation:{tokens.own_organisation}",
                    "title": f"Voor de storing {n}",
                    "summary": "Geschreven vlak voor de storing.",
                    "body": "Tekst.",
                    "themes": ["gezondheid"],
                }
            },
            tokens.staff,
        )["createPractice"]
        assert result["errors"] == []
        acknowledged.append(result["practice"]["id"])

    outcomes: list[tuple[int, str | None, float]] = []
    stop = threading.Event()

    def hammer() -> None:
        while not stop.is_set():
            started = time.monotonic()
            response = client.post("/graphql", json={"query": READ})
            body = response.json()
            code = (body.get("errors") or [{}])[0].get("extensions", {}).get("code")
            outcomes.append((response.status_code, code, time.monotonic() - started))

    threads = [threading.Thread(target=hammer) for _ in range(4)]
    for thread in threads:
        thread.start()
    try:
        time.sleep(0.5)
        neo4j_server.stop(settings)
        time.sleep(3)
        down = client.post("/graphql", json={"query": READ}).json()
        assert down["errors"][0]["extensions"]["code"] == "SERVICE_UNAVAILABLE"
        assert "temporarily unavailable" in down["errors"][0]["message"]
        assert client.get("/healthz").status_code == 200  # the process stays up
        assert client.get("/readyz").status_code == 503
    finally:
        neo4j_server.start(settings)
        stop.set()
        for thread in threads:
            thread.join()

    # It recovers by itself: no restart of the API.
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if not client.post("/graphql", json={"query": READ}).json().get("errors"):
            break
        time.sleep(0.5)
    assert not client.post("/graphql", json={"query": READ}).json().get("errors")
    assert client.get("/readyz").status_code == 200

    assert outcomes, "requests were in flight"
    assert all(status == 200 for status, _, _ in outcomes)  # never a 500
    assert {code for _, code, _ in outcomes} <= {None, "SERVICE_UNAVAILABLE"}
    failures = [seconds for _, code, seconds in outcomes if code == "SERVICE_UNAVAILABLE"]
    assert failures and max(failures) < 8, "failures must come fast, not after long retries"
    found = run_cypher(
        "MATCH (p:Practice) WHERE 'Practice:' + p.id IN $ids RETURN count(p) AS n", ids=acknowledged
    )
    assert found == [{"n": 3}]
