"""Trusted documents: the manifest, then a real app that accepts only listed documents."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from graphql import GraphQLSyntaxError
from starlette.testclient import TestClient

from graph_api.app import create_app
from graph_api.graphql.trusted import build_manifest, document_hash, load_manifest
from graph_api.schema import build_schema
from graph_api.settings import Settings
from tests.conftest import GraphQL, Result

PROVINCES = "query Provinces { provinces { code } }\n"
ORGANISATIONS = """query Organisations($n: Int!) {
  organisations(first: $n) { edges { node { name } } }
}
"""


@pytest.fixture(scope="module")
def documents(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("documents")
    (folder / "provinces.graphql").write_text(PROVINCES)
    (folder / "nested").mkdir()
    (folder / "nested" / "organisations.graphql").write_text(ORGANISATIONS)
    (folder / "notes.txt").write_text("not a document")
    return folder


@pytest.fixture(scope="module")
def manifest(documents: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("manifest") / "trusted.json"
    path.write_text(json.dumps(build_manifest([documents])))
    return path


@pytest.fixture(scope="module")
def api(settings: Settings, manifest: Path) -> Iterator[GraphQL]:
    config = settings.model_copy(update={"trusted_documents": manifest, "rate_limit_per_minute": 0})
    with TestClient(create_app(config, run_indexer=False), raise_server_exceptions=False) as tc:
        yield GraphQL(tc)


def send(api: GraphQL, body: dict[str, Any]) -> Result:
    response = api.client.post("/graphql", json=body)
    assert response.status_code < 500, response.text
    data = response.json()
    return Result(data.get("data"), data.get("errors") or [], data.get("extensions") or {})


def apollo(sha: str) -> dict[str, Any]:
    return {"persistedQuery": {"version": 1, "sha256Hash": sha}}


# -- the manifest ------------------------------------------------------------------------------


def test_build_manifest_hashes_graphql_files(documents: Path) -> None:
    manifest = build_manifest([documents])
    assert manifest == {
        document_hash(PROVINCES): PROVINCES,
        document_hash(ORGANISATIONS): ORGANISATIONS,
    }
    # A file may be named directly, and the hash is plain sha256 of the text as it is.
    single = build_manifest([documents / "provinces.graphql"])
    assert single == {hashlib.sha256(PROVINCES.encode()).hexdigest(): PROVINCES}


def test_build_manifest_refuses_a_document_that_does_not_parse(tmp_path: Path) -> None:
    (tmp_path / "broken.graphql").write_text("{ provinces { code }")
    with pytest.raises(GraphQLSyntaxError):
        build_manifest([tmp_path])


def test_a_wrong_manifest_stops_the_server_at_start(tmp_path: Path, settings: Settings) -> None:
    wrong = tmp_path / "wrong.json"
    wrong.write_text(json.dumps({"0" * 64: PROVINCES}))
    with pytest.raises(ValueError, match="not the sha256 of its text"):
        load_manifest(wrong)
    with pytest.raises(ValueError):
        build_schema(settings.model_copy(update={"trusted_documents": wrong}))
    not_a_map = tmp_path / "list.json"
    not_a_map.write_text(json.dumps([PROVINCES]))
    with pytest.raises(ValueError, match="JSON object"):
        load_manifest(not_a_map)


# -- requests ----------------------------------------------------------------------------------


def test_known_hash_apollo_style(api: GraphQL) -> None:
    result = send(api, {"extensions": apollo(document_hash(PROVINCES))})
    assert not result.errors, result.errors
    assert len(result.data["provinces"]) == 12
    # The limits still apply to trusted documents, and variables still feed the cost.
    with_variables = send(
        api, {"extensions": apollo(document_hash(ORGANISATIONS)), "variables": {"n": 3}}
    )
    assert len(with_variables.data["organisations"]["edges"]) == 3
    assert with_variables.extensions["cost"]["requestedQueryCost"] == 3


def test_known_hash_as_document_id(api: GraphQL) -> None:
    document_id = "sha256:" + document_hash(PROVINCES)
    # GET with a documentId parameter.
    response = api.client.get("/graphql", params={"documentId": document_id})
    assert response.status_code == 200, response.text
    assert len(response.json()["data"]["provinces"]) == 12
    # In `extensions`, where the HTTP layer hands a top-level `documentId` over.
    upper_case = "sha256:" + document_hash(PROVINCES).upper()
    result = send(api, {"extensions": {"documentId": upper_case}})
    assert not result.errors and len(result.data["provinces"]) == 12


def test_known_hash_as_top_level_document_id(api: GraphQL) -> None:
    result = send(api, {"documentId": "sha256:" + document_hash(PROVINCES)})
    assert len(result.data["provinces"]) == 12


@pytest.mark.parametrize(
    "body",
    [
        {"extensions": apollo("ab" * 32)},
        {"extensions": apollo("not-a-hash")},
        {"extensions": {"documentId": "sha256:" + "cd" * 32}},
        {"extensions": {"documentId": "md5:" + document_hash(PROVINCES)}},
    ],
)
def test_unknown_hash_is_refused(api: GraphQL, body: dict[str, Any]) -> None:
    result = send(api, body)
    assert result.data is None
    assert result.codes == ["PERSISTED_QUERY_NOT_FOUND"]
    assert "cost" not in result.extensions


def test_raw_query_not_in_the_list_is_refused(api: GraphQL) -> None:
    for query in ("{ provinces { code } }", PROVINCES.strip(), "{ __schema { types { name } } }"):
        result = send(api, {"query": query})
        assert result.data is None
        assert result.codes == ["PERSISTED_QUERY_NOT_ALLOWED"], query


def test_raw_query_in_the_list_is_accepted(api: GraphQL) -> None:
    result = send(api, {"query": PROVINCES})
    assert not result.errors and len(result.data["provinces"]) == 12


def test_hash_and_a_different_query_are_refused(api: GraphQL) -> None:
    body = {"query": "{ themes { slug } }", "extensions": apollo(document_hash(PROVINCES))}
    assert send(api, body).codes == ["PERSISTED_QUERY_NOT_ALLOWED"]


def test_off_by_default(gql: GraphQL, settings: Settings) -> None:
    assert settings.trusted_documents is None
    assert not gql("{ provinces { code } }").errors


def test_trusted_documents_are_exempt_from_the_size_limits(
    settings: Settings, tmp_path: Path, gql: GraphQL
) -> None:
    # Over both limits: a long comment (one token) and more fields than tokens allowed.
    large = (
        "# " + "x" * settings.max_document_bytes + "\n"
        "query Large { " + "provinces { code } " * (settings.max_tokens // 4) + "}\n"
    )
    assert gql(large).codes == ["QUERY_TOO_LARGE"]  # from anyone else
    (tmp_path / "large.graphql").write_text(large)
    manifest = tmp_path / "trusted.json"
    manifest.write_text(json.dumps(build_manifest([tmp_path])))
    config = settings.model_copy(update={"trusted_documents": manifest, "rate_limit_per_minute": 0})
    with TestClient(create_app(config, run_indexer=False), raise_server_exceptions=False) as tc:
        trusted = GraphQL(tc)
        for body in ({"extensions": apollo(document_hash(large))}, {"query": large}):
            result = send(trusted, body)
            assert not result.errors, result.errors
            assert len(result.data["provinces"]) == 12
