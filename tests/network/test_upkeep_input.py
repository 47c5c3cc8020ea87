"""Input hygiene on the network's upkeep mutations: what a person types may not hide control
or text-direction characters, and websites must be real http(s) URLs. Refused input changes
nothing."""

from __future__ import annotations

from typing import Any

import pytest

from tests.conftest import GraphQL, Tokens

UPDATE = """mutation($id: ID!, $i: UpdateOrganisationInput!) { updateOrganisation(id: $id,
  input: $i) { organisation { id } errors { code field message } } }"""
CREATE_COALITION = """mutation($i: CreateCoalitionInput!) { createCoalition(input: $i) {
  coalition { id } errors { code field message } } }"""


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"name": "Stichting \u202eredaV"}, "name"),
        ({"name": "Stichting\tBuurt"}, "name"),
        ({"name": "Stichting\nBuurt"}, "name"),
        ({"description": "Wij helpen \u2067buren\u2069 elkaar."}, "description"),
        ({"description": "Wij helpen\x00 buren."}, "description"),
        ({"website": "https://www.buurt .nl"}, "website"),
        ({"website": "https://www.buurt.nl/\x1b"}, "website"),
        ({"website": "https://buurt/"}, "website"),
        ({"website": "mailto:info@buurt.nl"}, "website"),
    ],
)
def test_organisation_text_is_clean(
    gql: GraphQL, tokens: Tokens, run_cypher: Any, change: dict[str, Any], field: str
) -> None:
    probe = "MATCH (o:Organisation {id: $id}) RETURN o {.*} AS o"
    before = run_cypher(probe, id=tokens.own_organisation)
    result = gql.ok(
        UPDATE, {"id": f"Organisation:{tokens.own_organisation}", "i": change}, tokens.partner
    )["updateOrganisation"]
    assert result["organisation"] is None
    assert [(e["code"], e["field"]) for e in result["errors"]] == [("VALIDATION", field)]
    assert run_cypher(probe, id=tokens.own_organisation) == before


def test_multiline_descriptions_keep_their_lines(gql: GraphQL, tokens: Tokens) -> None:
    text = "Wij helpen buren elkaar.\r\n\r\n- koffie\n- een praatje\tsamen"
    result = gql.ok(
        UPDATE,
        {"id": f"Organisation:{tokens.own_organisation}", "i": {"description": text}},
        tokens.partner,
    )["updateOrganisation"]
    assert result["errors"] == []
    stored = gql.ok(
        "query($id: ID!) { node(id: $id) { ... on Organisation { description } } }",
        {"id": f"Organisation:{tokens.own_organisation}"},
    )["node"]["description"]
    assert stored == text.replace("\r\n", "\n")


def test_coalition_names_are_clean(gql: GraphQL, tokens: Tokens, run_cypher: Any) -> None:
    count = "MATCH (c:Coalition) RETURN count(c) AS n"
    before = run_cypher(count)
    result = gql.ok(
        CREATE_COALITION,
        {
            "i": {
                "name": "Coalitie\u202d Oost",
                "planPeriod": "2025\x00",
                "municipalities": ["GM0363"],
            }
        },
        tokens.admin,
    )["createCoalition"]
    assert result["coalition"] is None
    assert {"name", "planPeriod"} <= {e["field"] for e in result["errors"]}
    assert run_cypher(count) == before


def test_a_partner_renames_its_own_organisation(
    gql: GraphQL, tokens: Tokens, run_cypher: Any
) -> None:
    probe = "MATCH (o:Organisation {id: $id}) RETURN o.name AS name, o.nameKey AS key"
    before = run_cypher(probe, id=tokens.own_organisation)[0]
    variables = {"id": f"Organisation:{tokens.own_organisation}", "i": {"name": "Café Één"}}
    try:
        result = gql.ok(UPDATE, variables, tokens.partner)["updateOrganisation"]
        assert result["errors"] == []
        assert run_cypher(probe, id=tokens.own_organisation)[0] == {
            "name": "Café Één",
            "key": "cafe een",
        }
    finally:
        variables["i"]["name"] = before["name"]
        gql.ok(UPDATE, variables, tokens.admin)
