"""relay-runtime (from npm, pinned in package-lock.json) normalizes real responses of the
running API into one store, as a Relay app does while a user goes from a search page to a
practice's page: Relay must not warn, and every response must still read back as it came.

A search hit that answered under the practice's global ID with a type of its own (the old
`PracticeSearchHit`) made Relay warn "expected both versions of record Practice:... to have
the same __typename" and mixed the two objects in one record.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import httpx2 as httpx
import pytest

from graph_api.schema import build_schema
from graph_api.settings import Settings

HERE = Path(__file__).parent
SCRIPT = HERE / "normalize.mjs"

SEARCH_PRACTICES = """query SearchPractices($q: String!) {
  searchPractices(query: $q, first: 5) {
    source
    edges {
      cursor
      highlight { title snippet }
      node {
        id slug title summary publishedAt
        themes { id slug name }
        organisation { id name kind }
      }
    }
    pageInfo { hasNextPage endCursor }
  }
}"""

PRACTICE_PAGE = """query PracticePage($id: ID!) {
  practice(id: $id) {
    id title summary bodyHtml status
    themes { id slug name }
    organisation { id name homeMunicipality { id name } }
  }
}"""

NODE = """query Node($id: ID!) {
  node(id: $id) { __typename id ... on Practice { title } ... on Organisation { name } }
}"""

SEARCH_ORGANISATIONS = """query SearchOrganisations($q: String!) {
  searchOrganisations(query: $q, first: 5) {
    edges { cursor highlight { name snippet } node { id name kind themes { id slug } } }
  }
}"""

ORGANISATION_PAGE = """query OrganisationPage($id: ID!) {
  organisation(id: $id) { id name description themes { id slug name } }
}"""


@pytest.fixture(scope="session")
def relay_runtime() -> Path:
    """`npm ci` the pinned relay-runtime once (again when the lock file changed)."""
    npm, node = shutil.which("npm"), shutil.which("node")
    assert npm and node, "Node.js and npm are needed (they also fetch Meilisearch)"
    installed = HERE / "node_modules" / ".package-lock.json"
    lock = HERE / "package-lock.json"
    if not installed.exists() or installed.stat().st_mtime < lock.stat().st_mtime:
        subprocess.run(
            [npm, "ci", "--ignore-scripts", "--no-audit", "--no-fund"],
            cwd=HERE,
            check=True,
            capture_output=True,
        )
    return Path(node)


@pytest.fixture(scope="session")
def schema_file(settings: Settings, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("relay") / "schema.graphql"
    path.write_text(build_schema(settings).as_str() + "\n")
    return path


class Steps:
    """Responses fetched from the live server, in the order a user would see them."""

    def __init__(self, url: str) -> None:
        self.url = f"{url}/graphql"
        self.steps: list[dict[str, Any]] = []

    def fetch(self, query: str, **variables: Any) -> Any:
        # Generous: the first request of a cold server on a busy machine is slow.
        response = httpx.post(self.url, json={"query": query, "variables": variables}, timeout=60)
        body = response.json()
        assert response.status_code == 200 and not body.get("errors"), body
        self.steps.append({"query": query, "variables": variables, "response": body})
        return body["data"]


def normalize(node: Path, schema: Path, steps: list[dict[str, Any]], tmp: Path) -> Any:
    path = tmp / "steps.json"
    path.write_text(json.dumps(steps))
    done = subprocess.run(
        [str(node), str(SCRIPT), str(schema), str(path)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode in (0, 1), done.stderr
    return done.returncode, json.loads(done.stdout)


def test_search_then_the_practice_page(
    live_url: str, relay_runtime: Path, schema_file: Path, tmp_path: Path
) -> None:
    steps = Steps(live_url)
    found = steps.fetch(SEARCH_PRACTICES, q="eenzaamheid")["searchPractices"]
    assert found["source"] == "MEILISEARCH" and len(found["edges"]) == 5
    ids = [e["node"]["id"] for e in found["edges"]]
    assert all(i.startswith("Practice:") for i in ids)
    steps.fetch(PRACTICE_PAGE, id=ids[0])
    steps.fetch(NODE, id=ids[1])
    # Back to the results: the store must give the page as the server sent it.
    steps.fetch(SEARCH_PRACTICES, q="eenzaamheid")
    code, report = normalize(relay_runtime, schema_file, steps.steps, tmp_path)
    assert (code, report) == (0, {"complaints": [], "mismatches": []})


def test_organisation_search_then_the_organisation_page(
    live_url: str, relay_runtime: Path, schema_file: Path, tmp_path: Path
) -> None:
    steps = Steps(live_url)
    found = steps.fetch(SEARCH_ORGANISATIONS, q="welzijn")["searchOrganisations"]
    ids = [e["node"]["id"] for e in found["edges"]]
    assert len(ids) == 5 and all(i.startswith("Organisation:") for i in ids)
    steps.fetch(ORGANISATION_PAGE, id=ids[0])
    steps.fetch(NODE, id=ids[1])
    code, report = normalize(relay_runtime, schema_file, steps.steps, tmp_path)
    assert (code, report) == (0, {"complaints": [], "mismatches": []})


def test_the_check_catches_two_types_under_one_id(
    live_url: str, relay_runtime: Path, schema_file: Path, tmp_path: Path
) -> None:
    """The harness itself: an object answering under another type's ID is reported."""
    steps = Steps(live_url)
    found = steps.fetch(SEARCH_PRACTICES, q="eenzaamheid")["searchPractices"]
    practice_id = found["edges"][0]["node"]["id"]
    data = steps.fetch(NODE, id=found["edges"][1]["node"]["id"])
    # As the old search hit did: another type under the practice's global ID.
    data["node"] = {"__typename": "Organisation", "id": practice_id, "name": "Impostor"}
    code, report = normalize(relay_runtime, schema_file, steps.steps, tmp_path)
    assert code == 1
    [complaint] = report["complaints"]
    assert f"record `{practice_id}` to have the same `__typename`" in complaint
    assert "conflicting types `Practice` and `Organisation`" in complaint
