"""Joining the programme and having a local coalition are separate facts: setParticipation
records the first (admins), covering a municipality with a coalition does not touch it, and
bad input is refused with nothing written."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests.conftest import GraphQL, Tokens

SET = """mutation($m: String!, $p: Participation!, $on: Date) {
  setParticipation(municipalityCode: $m, participation: $p, joinedOn: $on) {
    municipality { code participation joinedOn } errors { code field } } }"""
STATE = """MATCH (m:Municipality {code: $code})
           RETURN m.participation AS participation, m.joinedOn AS joinedOn,
                  m.joinedIn AS joinedIn, m.joinedInSource AS joinedInSource"""


@pytest.fixture
def municipality(run_cypher: Any) -> Iterator[str]:
    """A demo municipality that did not join and that no coalition covers, restored after."""
    [row] = run_cypher(
        """MATCH (m:Municipality {participation: 'NOT_JOINED'})
           WHERE m.evidenceUrl IS NULL AND NOT EXISTS { (m)<-[:COVERS]-() }
           RETURN m.code AS code ORDER BY m.code LIMIT 1"""
    )
    yield row["code"]
    run_cypher(
        """MATCH (m:Municipality {code: $code})
           SET m.participation = 'NOT_JOINED', m.joinedOn = null, m.joinedIn = null
           WITH m OPTIONAL MATCH (m)<-[r:COVERS]-(c:Coalition {name: 'Deelnameproef'})
           DETACH DELETE c""",
        code=row["code"],
    )


def test_admins_record_joining(
    gql: GraphQL, tokens: Tokens, run_cypher: Any, municipality: str
) -> None:
    done = gql.ok(SET, {"m": municipality, "p": "JOINED", "on": "2023-05-01"}, tokens.admin)
    assert done["setParticipation"] == {
        "municipality": {"code": municipality, "participation": "JOINED", "joinedOn": "2023-05-01"},
        "errors": [],
    }
    [state] = run_cypher(STATE, code=municipality)
    assert state["joinedIn"] == "2023-05-01"
    before = run_cypher(STATE, code=municipality)
    for variables, field in (
        ({"m": municipality, "p": "ANNOUNCED", "on": "2023-05-01"}, "joinedOn"),
        ({"m": municipality, "p": "JOINED", "on": "2017-12-31"}, "joinedOn"),
        ({"m": municipality, "p": "JOINED", "on": "2999-01-01"}, "joinedOn"),
        ({"m": "Utrecht", "p": "JOINED"}, "municipalityCode"),
        ({"m": "GM9999", "p": "JOINED"}, "municipalityCode"),
    ):
        refused = gql.ok(SET, variables, tokens.admin)["setParticipation"]
        assert [e["field"] for e in refused["errors"]] == [field], (variables, refused)
        assert refused["municipality"] is None
    staff = gql.ok(SET, {"m": municipality, "p": "NOT_JOINED"}, tokens.staff)
    assert [e["code"] for e in staff["setParticipation"]["errors"]] == ["FORBIDDEN"]
    assert run_cypher(STATE, code=municipality) == before


def test_covering_is_not_joining(
    gql: GraphQL, tokens: Tokens, run_cypher: Any, municipality: str
) -> None:
    made = gql.ok(
        """mutation($m: String!) { createCoalition(input: {name: "Deelnameproef",
             municipalities: [$m]}) { coalition { id } errors { code } } }""",
        {"m": municipality},
        tokens.admin,
    )["createCoalition"]
    assert made["errors"] == []
    [state] = run_cypher(STATE, code=municipality)
    assert state["participation"] == "NOT_JOINED" and state["joinedOn"] is None


def test_a_date_given_by_an_admin_cites_no_source(
    gql: GraphQL, tokens: Tokens, run_cypher: Any
) -> None:
    [row] = run_cypher(
        """MATCH (m:Municipality) WHERE m.joinedInSource IS NOT NULL
           RETURN m.code AS code ORDER BY m.code LIMIT 1"""
    )
    [before] = run_cypher(STATE, code=row["code"])
    try:
        variables = {"m": row["code"], "p": "JOINED", "on": "2019-03-01"}
        assert gql.ok(SET, variables, tokens.admin)["setParticipation"]["errors"] == []
        [after] = run_cypher(STATE, code=row["code"])
        # The record's sources do not say 2019-03-01, so it no longer names one for it.
        assert after["joinedIn"] == "2019-03-01" and after["joinedInSource"] is None
    finally:
        run_cypher(
            """MATCH (m:Municipality {code: $code})
               SET m.participation = $participation, m.joinedOn = $joinedOn,
                   m.joinedIn = $joinedIn, m.joinedInSource = $joinedInSource""",
            code=row["code"],
            **before,
        )
