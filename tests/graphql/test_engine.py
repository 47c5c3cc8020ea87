"""The engine (`graph_api.graphql`) knows no domain, and the model is derived, not registered."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from starlette.testclient import TestClient

from graph_api.app import create_app
from graph_api.settings import Settings
from tests.conftest import GraphQL

DOMAINS = ("graph_api.network", "graph_api.practices", "graph_api.partners", "graph_api.search")
ENGINE = Path(__file__).parents[2] / "graph_api" / "graphql"


def test_engine_imports_no_domain() -> None:
    modules = sorted(
        f"graph_api.graphql.{p.stem}" for p in ENGINE.glob("*.py") if p.stem != "__init__"
    )
    script = (
        "import importlib, sys\n"
        f"for name in {modules!r}: importlib.import_module(name)\n"
        f"print([m for m in sys.modules if m.startswith({DOMAINS!r})])\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "[]", f"the engine imported domain modules: {out}"
    assert len(modules) > 10


@pytest.fixture(scope="module")
def small_pages(settings: Settings) -> Any:
    """An app whose default page size is 3: root and nested connections must both use it."""
    with TestClient(
        create_app(settings.model_copy(update={"default_page_size": 3}), run_indexer=False),
        raise_server_exceptions=False,
    ) as client:
        yield GraphQL(client)


PAGE = "edges { cursor } pageInfo { hasNextPage endCursor }"


def test_default_page_size_applies_at_every_level(small_pages: GraphQL, run_cypher: Any) -> None:
    national = run_cypher("MATCH (c:Coalition {kind: 'NATIONAL'}) RETURN c.id AS id")[0]["id"]
    members = run_cypher(
        "MATCH (:Coalition {kind: 'NATIONAL'})<-[:MEMBER_OF]-(o) RETURN count(o) AS n"
    )[0]["n"]
    assert members > 3
    data = small_pages.ok(
        f"""query($id: ID!) {{
          organisations {{ {PAGE} }}
          coalition(id: $id) {{
            members(sort: NAME) {{ {PAGE} }}
            fewer: members(first: {members}) {{
              {PAGE} edges {{ node {{ id partners {{ {PAGE} }} }} }}
            }}
          }}
        }}""",
        {"id": f"Coalition:{national}"},
    )
    root = data["organisations"]
    assert len(root["edges"]) == 3 and root["pageInfo"]["hasNextPage"] is True
    nested = data["coalition"]["members"]
    assert len(nested["edges"]) == 3 and nested["pageInfo"]["hasNextPage"] is True
    every = data["coalition"]["fewer"]
    assert len(every["edges"]) == members and every["pageInfo"]["hasNextPage"] is False
    checked = []
    for edge in every["edges"]:
        key = edge["node"]["id"].split(":", 1)[1]
        count = run_cypher(
            "MATCH (:Organisation {id: $id})-[:PARTNERS_WITH]-(p) RETURN count(p) AS n", id=key
        )[0]["n"]
        partners = edge["node"]["partners"]
        assert len(partners["edges"]) == min(count, 3)
        assert partners["pageInfo"]["hasNextPage"] == (count > 3)
        checked.append(count)
    assert any(count > 3 for count in checked), "no member with more than a page of partners"
