"""Load shedding: a write (or read) that finds no free slot in time is refused as
SERVICE_UNAVAILABLE with a Retry-After header, and nothing is written."""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest
from starlette.testclient import TestClient

from graph_api.app import create_app
from graph_api.auth.tokens import mint
from graph_api.auth.viewer import Role
from graph_api.db import driver
from graph_api.settings import Settings

PUBLISH = """mutation($id: ID!) { publishPractice(id: $id) {
  practice { id } errors { code } } }"""


def test_a_write_without_a_slot_is_shed_with_retry_after(
    settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(driver, "WRITE_SLOTS", 0)  # every slot taken
    monkeypatch.setattr(driver, "WRITE_QUEUE_S", 0.2)
    token = mint(settings, Role.STAFF, subject="test-shedding")
    with TestClient(create_app(settings, run_indexer=False)) as client:
        response = client.post(
            "/graphql",
            json={"query": PUBLISH, "variables": {"id": "Practice:does-not-matter"}},
            headers={"Authorization": f"Bearer {token}"},
        )
        assert response.headers.get("Retry-After") == "1"
        errors = response.json()["errors"]
        assert [e["extensions"]["code"] for e in errors] == ["SERVICE_UNAVAILABLE"]
        # Reads have slots of their own.
        read = client.post("/graphql", json={"query": "{ provinces { code } }"})
        assert "Retry-After" not in read.headers and "errors" not in read.json()


def test_a_read_without_a_slot_is_shed_with_retry_after(
    settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(driver, "READ_SLOTS", 0)  # every slot taken
    monkeypatch.setattr(driver, "READ_QUEUE_S", 0.2)
    with TestClient(create_app(settings, run_indexer=False)) as client:
        response = client.post("/graphql", json={"query": "{ provinces { code } }"})
        assert response.headers.get("Retry-After") == "1"
        body = response.json()
        assert [e["extensions"]["code"] for e in body["errors"]] == ["SERVICE_UNAVAILABLE"]
        assert body["data"] is None


def test_no_more_reads_reach_neo4j_at_once_than_there_are_slots(
    settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(driver, "READ_SLOTS", 2)
    running, most = 0, 0
    real = driver.Database._run_read

    async def counted(self: driver.Database, query: Any, params: dict[str, Any]) -> Any:
        nonlocal running, most
        running += 1
        most = max(most, running)
        try:
            await asyncio.sleep(0.05)  # long enough for the twelve requests to overlap
            return await real(self, query, params)
        finally:
            running -= 1

    monkeypatch.setattr(driver.Database, "_run_read", counted)
    with TestClient(create_app(settings, run_indexer=False)) as client:

        def call(_: int) -> Any:
            return client.post("/graphql", json={"query": "{ provinces { code } }"}).json()

        with ThreadPoolExecutor(12) as pool:
            bodies = list(pool.map(call, range(12)))
    assert all("errors" not in b and len(b["data"]["provinces"]) == 12 for b in bodies)
    assert most == 2  # queued in the API, not in Neo4j (and they did overlap)
