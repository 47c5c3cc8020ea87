"""Load shedding: a write that finds no free write slot in time is refused as
SERVICE_UNAVAILABLE with a Retry-After header, and nothing is written."""

from __future__ import annotations

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
        # Reads have no slots to wait for.
        read = client.post("/graphql", json={"query": "{ provinces { code } }"})
        assert "Retry-After" not in read.headers and "errors" not in read.json()
