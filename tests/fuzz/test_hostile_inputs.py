"""Hand-written hostile input: Cypher-looking strings in every text argument, huge strings,
deep nesting and unicode edge cases. Never a 500, never a masked error, nothing written."""

from __future__ import annotations

from typing import Any

import pytest
from starlette.testclient import TestClient

from tests.conftest import Tokens

NASTY = [
    "' OR 1=1 //",
    '"}) MATCH (n) DETACH DELETE n //',
    "x` DETACH DELETE n RETURN `",
    "$p0",
    "{m}.name",
    "COUNT { MATCH (n) }",
    "${jndi:ldap://x}",
    "\u202egnirts\u202c",  # right-to-left override
    "a\u200bb\u200dc\ufeff",  # zero-width characters
    "\u0000nul",
    "😀👩‍👩‍👧‍👦",
    "é" * 300,
    "Z̴̡̛a̶l̷g̸o̵",
    "<script>alert(1)</script>",
    "../../etc/passwd",
]

TEXT_QUERIES = [
    ("query($v: String!) { municipality(code: $v) { name } }", "municipality"),
    ("query($v: ID!) { node(id: $v) { id } }", "node"),
    ("query($v: ID!) { organisation(id: $v) { id } }", "organisation"),
    ("query($v: String) { practice(slug: $v) { id } }", "practice"),
    ("query($v: String) { organisations(filter: {name: $v}) { totalCount } }", "organisations"),
    (
        "query($v: String!) { organisations(filter: {themes: [$v]}) { totalCount } }",
        "organisations",
    ),
    ("query($v: String!) { practices(filter: {provinces: [$v]}) { totalCount } }", "practices"),
    ("query($v: String) { organisations(after: $v) { totalCount } }", "organisations"),
    ("query($v: String!) { searchPractices(query: $v) { estimatedTotalHits } }", "searchPractices"),
    (
        "query($v: String!) { searchOrganisations(query: $v) { estimatedTotalHits } }",
        "searchOrganisations",
    ),
    (
        "query($v: String!) { nearby(municipalityCode: $v) { organisations { distanceKm } } }",
        "nearby",
    ),
    ("query($v: String) { coverage(provinceCode: $v) { joined } }", "coverage"),
    (
        "query($v: ID!) { suggestCollaborators(organisationId: $v) { score } }",
        "suggestCollaborators",
    ),
]


def _fingerprint(run_cypher: Any) -> Any:
    return run_cypher(
        "MATCH (n) WITH count(n) AS nodes MATCH ()-[r]->() RETURN nodes, count(r) AS rels"
    )


def _check(response: Any) -> dict[str, Any]:
    assert response.status_code < 500, response.text[:300]
    body: dict[str, Any] = response.json()
    for error in body.get("errors") or []:
        assert error["message"] != "Unexpected error.", error
    return body


@pytest.mark.parametrize(("document", "field"), TEXT_QUERIES, ids=[f for _, f in TEXT_QUERIES])
def test_nasty_strings_in_text_arguments(
    client: TestClient, run_cypher: Any, document: str, field: str
) -> None:
    before = _fingerprint(run_cypher)
    for value in NASTY:
        _check(client.post("/graphql", json={"query": document, "variables": {"v": value}}))
    assert _fingerprint(run_cypher) == before


def test_nasty_strings_in_mutation_input(
    client: TestClient, tokens: Tokens, run_cypher: Any
) -> None:
    before = run_cypher("MATCH (p:Practice) RETURN count(p) AS n")
    document = """mutation($i: CreatePracticeInput!) { createPractice(input: $i) {
      practice { id } errors { code field } } }"""
    for value in NASTY:
        variables = {
            "i": {
                "title": value,
                "summary": value,
                "body": value,
                "themes": [value],
                "links": [value],
                "organisationId": value,
            }
        }
        body = _check(
            client.post(
                "/graphql",
                json={"query": document, "variables": variables},
                headers={"authorization": f"Bearer {tokens.staff}"},
            )
        )
        result = body["data"]["createPractice"]
        assert result["practice"] is None and result["errors"]
    assert run_cypher("MATCH (p:Practice) RETURN count(p) AS n") == before


def test_huge_strings(client: TestClient) -> None:
    huge = "a" * 90_000
    body = _check(
        client.post(
            "/graphql",
            json={
                "query": "query($v: String) { organisations(filter: {name: $v}) { totalCount } }",
                "variables": {"v": huge},
            },
        )
    )
    assert body["errors"][0]["extensions"]["code"] == "INVALID_ARGUMENT"
    too_big = client.post(
        "/graphql", json={"query": "{ themes { slug } }", "variables": {"v": "b" * 500_000}}
    )
    assert too_big.status_code == 413


def test_deep_nesting_is_refused_before_execution(client: TestClient) -> None:
    inner = "name"
    for _ in range(30):
        inner = f"branchOf {{ {inner} }}"
    body = _check(
        client.post(
            "/graphql",
            json={"query": f"{{ organisations {{ edges {{ node {{ {inner} }} }} }} }}"},
            headers={"accept": "application/graphql-response+json"},
        )
    )
    assert "data" not in body and body["errors"]


def test_invalid_json_unicode(client: TestClient) -> None:
    # A lone surrogate cannot be UTF-8; the body is refused as malformed, not crashed on.
    response = client.post(
        "/graphql",
        content=b'{"query": "{ themes { slug } }", "x": "\xed\xa0\x80"}',
        headers={"content-type": "application/json"},
    )
    assert response.status_code == 400
