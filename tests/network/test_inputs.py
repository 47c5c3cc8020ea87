"""Create and update inputs: what creating needs is non-null in the schema, so leaving it out
is a GraphQL validation error; an update changes only the fields it names, an explicit null
clears what may be empty and is refused (changing nothing) for what may not."""

from __future__ import annotations

from typing import Any

import pytest

from tests.conftest import GraphQL, Tokens

COALITION = """query($id: ID!) { node(id: $id) { ... on Coalition {
  name description startedOn planPeriod municipalities { code } } } }"""
UPDATE_COALITION = """mutation($id: ID!, $i: UpdateCoalitionInput!) {
  updateCoalition(id: $id, input: $i) { coalition { id } errors { code field } } }"""
ORGANISATION = """query($id: ID!) { node(id: $id) { ... on Organisation {
  name description website kind scope homeMunicipality { code } themes { slug }
  targetGroups { slug } branchOf { id } } } }"""
UPDATE_ORGANISATION = """mutation($id: ID!, $i: UpdateOrganisationInput!) {
  updateOrganisation(id: $id, input: $i) { organisation { id } errors { code field } } }"""


@pytest.mark.parametrize(
    "document",
    [
        # No municipalities: a local coalition covers at least one.
        'mutation { createCoalition(input: {name: "Coalitie Zonder"}) { errors { code } } }',
        """mutation { createOrganisation(input: {name: "Stichting Zonder", scope: LOCAL,
             homeMunicipality: "GM0363"}) { errors { code } } }""",
        """mutation { createPractice(input: {summary: "Zonder titel, dus niet geldig.",
             body: "Tekst", themes: ["participatie"]}) { errors { code } } }""",
    ],
    ids=["coalition-municipalities", "organisation-kind", "practice-title"],
)
def test_creating_without_a_required_field_is_a_validation_error(
    gql: GraphQL, tokens: Tokens, run_cypher: Any, document: str
) -> None:
    count = "MATCH (n) WHERE n:Coalition OR n:Organisation OR n:Practice RETURN count(n) AS n"
    before = run_cypher(count)
    result = gql(document, token=tokens.admin)
    assert result.data is None
    assert result.codes == ["GRAPHQL_VALIDATION_FAILED"], result.errors
    assert run_cypher(count) == before


def test_a_coalition_update_changes_only_the_fields_it_names(
    gql: GraphQL, tokens: Tokens, run_cypher: Any
) -> None:
    key = run_cypher(
        """MATCH (c:Coalition {kind: 'LOCAL'})-[:COVERS]->(:Municipality)
           RETURN c.id AS id ORDER BY c.id LIMIT 1"""
    )[0]["id"]
    cid = f"Coalition:{key}"

    def read() -> dict[str, Any]:
        node: dict[str, Any] = gql.ok(COALITION, {"id": cid})["node"]
        return node

    def update(change: dict[str, Any]) -> dict[str, Any]:
        result: dict[str, Any] = gql.ok(UPDATE_COALITION, {"id": cid, "i": change}, tokens.admin)
        return result["updateCoalition"]

    before = read()
    full = {
        "name": "Coalitie Invoertest",
        "description": "Samen tegen eenzaamheid in de wijk.",
        "startedOn": "2023-05-01",
        "planPeriod": "2024-2027",
    }
    try:
        assert update(full)["errors"] == []
        assert read() == {**before, **full}
        # One field named: only that one changes.
        assert update({"planPeriod": "2025-2028"})["errors"] == []
        expected = {**before, **full, "planPeriod": "2025-2028"}
        assert read() == expected
        # Explicit nulls clear what may be empty.
        assert update({"description": None, "startedOn": None})["errors"] == []
        expected = {**expected, "description": None, "startedOn": None}
        assert read() == expected
        # ... and are refused, with nothing written, for what may not.
        for field in ("name", "municipalities"):
            refused = update({field: None, "planPeriod": "1999-2000"})
            assert refused == {
                "coalition": None,
                "errors": [{"code": "VALIDATION", "field": field}],
            }
            assert read() == expected
    finally:
        restore = {k: before[k] for k in ("name", "description", "startedOn", "planPeriod")}
        assert update(restore)["errors"] == []
    assert read() == before


def test_an_organisation_update_changes_only_the_fields_it_names(
    gql: GraphQL, tokens: Tokens, run_cypher: Any
) -> None:
    key = run_cypher(
        """MATCH (o:Organisation)-[:BRANCH_OF]->(:Organisation)
           WHERE o.website IS NOT NULL AND o.description IS NOT NULL
           RETURN o.id AS id ORDER BY o.id LIMIT 1"""
    )[0]["id"]
    oid = f"Organisation:{key}"

    def read() -> dict[str, Any]:
        node: dict[str, Any] = gql.ok(ORGANISATION, {"id": oid})["node"]
        return node

    def update(change: dict[str, Any]) -> dict[str, Any]:
        result = gql.ok(UPDATE_ORGANISATION, {"id": oid, "i": change}, tokens.admin)
        return dict(result["updateOrganisation"])

    before = read()
    try:
        assert update({"website": "https://www.invoertest.nl/"})["errors"] == []
        expected = {**before, "website": "https://www.invoertest.nl/"}
        assert read() == expected
        assert update({"website": None, "branchOf": None})["errors"] == []
        expected = {**expected, "website": None, "branchOf": None}
        assert read() == expected
        for field, value in (("name", None), ("kind", None), ("themes", None)):
            refused = update({field: value, "description": "Niet geschreven."})
            assert refused == {
                "organisation": None,
                "errors": [{"code": "VALIDATION", "field": field}],
            }
            assert read() == expected
    finally:
        restore = {
            "website": before["website"],
            "branchOf": before["branchOf"]["id"] if before["branchOf"] else None,
        }
        assert update(restore)["errors"] == []
    assert read() == before
