"""Every mutation for every role, checked both ways: what is allowed happens, what is not
changes nothing. Partners act for their own organisation; `other_partner` for another."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest

from tests.conftest import GraphQL, Tokens

ROLES = ("public", "partner", "other_partner", "staff", "admin")
OK = "OK"
F = "FORBIDDEN"
NF = "NOT_FOUND"  # the caller may not even see the draft


@dataclass
class Case:
    name: str
    document: str
    setup: Callable[[GraphQL, Tokens, Any], dict[str, Any]]
    probe: str  # Cypher returning `v` that changes if and only if the mutation took effect
    expected: dict[str, str]
    cleanup: str = ""  # Cypher undoing what would disturb other tests' facts


def _draft(gql: GraphQL, tokens: Tokens, status: str = "DRAFT") -> str:
    created = gql.ok(
        """mutation($i: CreatePracticeInput!) { createPractice(input: $i) {
             practice { id } errors { message } } }""",
        {
            "i": {
                "organisationId": f"Organisation:{tokens.own_organisation}",
                "title": "Matrix-praktijk voor rollen",
                "summary": "Een praktijk om rechten te testen.",
                "body": "Tekst.",
                "themes": ["gezondheid"],
            }
        },
        tokens.staff,
    )["createPractice"]
    pid: str = created["practice"]["id"]
    steps = {
        "DRAFT": [],
        "IN_REVIEW": ["submitPracticeForReview"],
        "PUBLISHED": ["submitPracticeForReview", "publishPractice"],
        "ARCHIVED": ["archivePractice"],
    }[status]
    for step in steps:
        gql.ok(f'mutation {{ {step}(id: "{pid}") {{ errors {{ message }} }} }}', token=tokens.staff)
    return pid


def _practice_probe(status_field: str = "p.status + ':' + toString(p.revision)") -> str:
    return f"MATCH (p:Practice) WHERE 'Practice:' + p.id = $id RETURN {status_field} AS v"


def _stranger(run_cypher: Any, tokens: Tokens) -> str:
    """A demo organisation neither partner acts for and that is not a partner of `own` (a
    sourced one must keep only what its source says: tests/seeding/test_sourced.py)."""
    rows = run_cypher(
        """MATCH (o:Organisation) WHERE o.demo AND NOT o.id IN [$a, $b]
           AND NOT EXISTS { (o)-[:PARTNERS_WITH]-(:Organisation {id: $a}) }
           RETURN o.id AS id ORDER BY o.id SKIP toInteger(rand() * 500) LIMIT 1""",
        a=tokens.own_organisation,
        b=tokens.other_organisation,
    )
    return str(rows[0]["id"])


def _free_municipality(run_cypher: Any) -> str:
    rows = run_cypher("""MATCH (m:Municipality) WHERE NOT EXISTS { (m)<-[:COVERS]-() }
                         RETURN m.code AS code ORDER BY rand() LIMIT 1""")
    return str(rows[0]["code"])


def _demo_municipality(run_cypher: Any) -> str:
    rows = run_cypher("""MATCH (m:Municipality {participation: 'NOT_JOINED'})
                         WHERE m.evidenceUrl IS NULL RETURN m.code AS code
                         ORDER BY rand() LIMIT 1""")
    return str(rows[0]["code"])


def _demo_coalition(run_cypher: Any, tokens: Tokens) -> str:
    # Not one the partner's organisation is kartrekker of: that would let the partner in.
    rows = run_cypher(
        """MATCH (c:Coalition {kind: 'LOCAL', demo: true})
           WHERE NOT EXISTS { (c)<-[:MEMBER_OF {role: 'LEAD'}]-(:Organisation {id: $own}) }
           RETURN c.id AS id ORDER BY rand() LIMIT 1""",
        own=tokens.own_organisation,
    )
    return f"Coalition:{rows[0]['id']}"


def _draft_with_contact(gql: GraphQL, tokens: Tokens, run_cypher: Any) -> str:
    practice = _draft(gql, tokens)
    # Its creator's organisation contact is named its contact, directly in the graph.
    run_cypher(
        """MATCH (pr:Practice) WHERE 'Practice:' + pr.id = $id
           MATCH (pr)-[:BY]->(o)
           MERGE (p:Person {id: 'matrix-contact-' + o.id}) SET p.name = 'Matrix Contact'
           MERGE (p)-[:WORKS_FOR]->(o) MERGE (p)-[:CONTACT_FOR]->(pr)""",
        id=practice,
    )
    return practice


def _local_coalition(run_cypher: Any) -> str:
    """A demo local coalition: a sourced one must keep only what its source says
    (tests/seeding/test_sourced.py), and these cases change its plan period and members."""
    rows = run_cypher("""MATCH (c:Coalition {kind: 'LOCAL'}) WHERE c.demo
                         RETURN c.id AS id ORDER BY rand() LIMIT 1""")
    return f"Coalition:{rows[0]['id']}"


PAYLOAD_A = "activity { id } errors { code message }"
_activity_probe = """MATCH (a:Activity) WHERE 'Activity:' + a.id = $id
                     RETURN a.status + ':' + toString(a.revision) AS v"""


def _activity(gql: GraphQL, tokens: Tokens) -> str:
    """A planned activity of the partner's own organisation, made by staff."""
    created = gql.ok(
        """mutation($i: CreateActivityInput!) { createActivity(input: $i) {
             activity { id } errors { message } } }""",
        {
            "i": {
                "organisationId": f"Organisation:{tokens.own_organisation}",
                "title": "Matrix-activiteit om te wijzigen",
                "start": "2027-05-06T19:00:00+02:00",
                "end": "2027-05-06T21:00:00+02:00",
                "online": True,
            }
        },
        tokens.staff,
    )["createActivity"]
    assert created["errors"] == [], created
    return str(created["activity"]["id"])


PAYLOAD_P = "practice { id } errors { code message }"
PAYLOAD_O = "organisation { id } errors { code message }"
PAYLOAD_C = "coalition { id } errors { code message }"
ALL = dict.fromkeys(ROLES, OK)


def _step_case(name: str, status: str, expected: dict[str, str]) -> Case:
    """A workflow step that takes only the practice's id, tried on one in `status`."""
    return Case(
        name,
        f"mutation($id: ID!) {{ {name}(id: $id) {{ {PAYLOAD_P} }} }}",
        lambda gql, t, run: {"id": _draft(gql, t, status)},
        _practice_probe(),
        expected,
    )


CASES = [
    Case(
        "createPractice",
        f"""mutation($i: CreatePracticeInput!) {{ createPractice(input: $i) {{ {PAYLOAD_P} }} }}""",
        lambda gql, t, run: {
            "i": {
                "organisationId": f"Organisation:{t.own_organisation}",
                "title": "Nieuw via de matrix",
                "summary": "Een nieuwe praktijk via de matrix.",
                "body": "Tekst.",
                "themes": ["armoede"],
            }
        },
        "MATCH (p:Practice {title: 'Nieuw via de matrix'}) RETURN count(p) AS v",
        {**ALL, "public": F, "other_partner": F},
    ),
    Case(
        "updatePractice",
        f"""mutation($id: ID!) {{ updatePractice(id: $id, baseRevision: 1,
              input: {{summary: "Bijgewerkte samenvatting."}}) {{ {PAYLOAD_P} }} }}""",
        lambda gql, t, run: {"id": _draft(gql, t)},
        _practice_probe(),
        {**ALL, "public": NF, "other_partner": NF},
    ),
    _step_case("submitPracticeForReview", "DRAFT", {**ALL, "public": NF, "other_partner": NF}),
    _step_case(
        "publishPractice", "IN_REVIEW", {**ALL, "public": NF, "other_partner": NF, "partner": F}
    ),
    _step_case(
        "unpublishPractice", "PUBLISHED", {**ALL, "public": F, "other_partner": F, "partner": F}
    ),
    _step_case(
        "archivePractice", "PUBLISHED", {**ALL, "public": F, "other_partner": F, "partner": F}
    ),
    Case(
        "requestChanges",
        f"""mutation($id: ID!) {{ requestChanges(id: $id,
              comment: "Graag de resultaten aanvullen.") {{ {PAYLOAD_P} }} }}""",
        lambda gql, t, run: {"id": _draft(gql, t, "IN_REVIEW")},
        _practice_probe(),
        {**ALL, "public": NF, "other_partner": NF, "partner": F},
    ),
    Case(
        "commentOnPractice",
        f"""mutation($id: ID!) {{ commentOnPractice(id: $id, comment: "Vraag over de kosten.") {{
              {PAYLOAD_P} }} }}""",
        lambda gql, t, run: {"id": _draft(gql, t, "IN_REVIEW")},
        """MATCH (p:Practice)<-[:ABOUT]-(c:ReviewComment) WHERE 'Practice:' + p.id = $id
           RETURN count(c) AS v""",
        {**ALL, "public": NF, "other_partner": NF},
    ),
    _step_case(
        "restorePractice", "ARCHIVED", {**ALL, "public": NF, "other_partner": NF, "partner": F}
    ),
    Case(
        "createActivity",
        f"""mutation($i: CreateActivityInput!) {{ createActivity(input: $i) {{ {PAYLOAD_A} }} }}""",
        lambda gql, t, run: {
            "i": {
                "organisationId": f"Organisation:{t.own_organisation}",
                "title": "Matrix-activiteit voor rollen",
                "start": "2027-03-04T10:00:00",
                "end": "2027-03-04T12:00:00",
                "municipalityCode": "GM0363",
                "themes": ["participatie"],
            }
        },
        "MATCH (a:Activity {title: 'Matrix-activiteit voor rollen'}) RETURN count(a) AS v",
        {**ALL, "public": F, "other_partner": F},
    ),
    Case(
        "updateActivity",
        f"""mutation($id: ID!) {{ updateActivity(id: $id, baseRevision: 1,
              input: {{title: "Matrix-activiteit bijgewerkt"}}) {{ {PAYLOAD_A} }} }}""",
        lambda gql, t, run: {"id": _activity(gql, t)},
        _activity_probe,
        {**ALL, "public": F, "other_partner": F},
    ),
    Case(
        "cancelActivity",
        f"""mutation($id: ID!) {{ cancelActivity(id: $id) {{ {PAYLOAD_A} }} }}""",
        lambda gql, t, run: {"id": _activity(gql, t)},
        _activity_probe,
        {**ALL, "public": F, "other_partner": F},
    ),
    Case(
        "createOrganisation",
        f"""mutation($i: CreateOrganisationInput!) {{ createOrganisation(input: $i) {{
              {PAYLOAD_O} }} }}""",
        lambda gql, t, run: {
            "i": {
                "name": "Stichting Matrixtest",
                "kind": "CIVIL_SOCIETY",
                "scope": "LOCAL",
                "homeMunicipality": "GM0363",
                "themes": ["participatie"],
                "website": "https://matrix.example",
            }
        },
        "MATCH (o:Organisation {name: 'Stichting Matrixtest'}) RETURN count(o) AS v",
        {**dict.fromkeys(ROLES, F), "admin": OK},
    ),
    Case(
        "updateOrganisation",
        f"""mutation($id: ID!, $d: String!) {{ updateOrganisation(id: $id,
              input: {{description: $d, themes: ["mantelzorg"]}}) {{ {PAYLOAD_O} }} }}""",
        lambda gql, t, run: {
            "id": f"Organisation:{t.own_organisation}",
            "d": f"Beschrijving {run('RETURN randomUUID() AS v')[0]['v']}",
        },
        "MATCH (o:Organisation) WHERE 'Organisation:' + o.id = $id RETURN o.description AS v",
        {**ALL, "public": F, "other_partner": F, "staff": F},
    ),
    Case(
        "updateOrganisationContact",
        f"""mutation($id: ID!, $phone: String!) {{ updateOrganisationContact(id: $id,
              input: {{phone: $phone}}) {{ {PAYLOAD_O} }} }}""",
        lambda gql, t, run: {
            "id": f"Organisation:{t.own_organisation}",
            "phone": f"020 {run('RETURN toInteger(1000000 + rand() * 8999999) AS v')[0]['v']}",
        },
        "MATCH (o:Organisation) WHERE 'Organisation:' + o.id = $id RETURN o.phone AS v",
        {**ALL, "public": F, "other_partner": F},
    ),
    Case(
        "setContactPersons",
        f"""mutation($id: ID!, $name: String!) {{ setContactPersons(organisationId: $id,
              persons: [{{name: $name, email: "m@voorbeeld.example"}}]) {{ {PAYLOAD_O} }} }}""",
        lambda gql, t, run: {
            "id": f"Organisation:{t.own_organisation}",
            "name": f"Matrix {run('RETURN randomUUID() AS v')[0]['v'][:8]}",
        },
        """MATCH (o:Organisation)<-[:CONTACT_FOR]-(p:Person)
           WHERE 'Organisation:' + o.id = $id RETURN collect(p.name) AS v""",
        {**ALL, "public": F, "other_partner": F},
    ),
    Case(
        "erasePerson",
        "mutation($id: ID!) { erasePerson(id: $id) { erasedId errors { code message } } }",
        lambda gql, t, run: {
            "id": "Person:"
            + run("CREATE (p:Person {id: randomUUID(), name: 'Te wissen'}) RETURN p.id AS v")[0][
                "v"
            ]
        },
        "MATCH (p:Person) WHERE 'Person:' + p.id = $id RETURN count(p) AS v",
        {**dict.fromkeys(ROLES, F), "admin": OK},
    ),
    Case(
        "addPartnership",
        f"""mutation($id: ID!, $p: ID!) {{ addPartnership(organisationId: $id, partnerId: $p) {{
              {PAYLOAD_O} }} }}""",
        lambda gql, t, run: {
            "id": f"Organisation:{t.own_organisation}",
            "p": f"Organisation:{_stranger(run, t)}",
        },
        """MATCH (a:Organisation)-[r:PARTNERS_WITH]-(b:Organisation)
           WHERE 'Organisation:' + a.id = $id AND 'Organisation:' + b.id = $p
           RETURN count(r) AS v""",
        {**ALL, "public": F, "other_partner": F, "staff": F},
    ),
    Case(
        "removePartnership",
        f"""mutation($id: ID!, $p: ID!) {{ removePartnership(organisationId: $id, partnerId: $p) {{
              {PAYLOAD_O} }} }}""",
        lambda gql, t, run: _with_partnership(gql, t, run),
        """MATCH (a:Organisation)-[r:PARTNERS_WITH]-(b:Organisation)
           WHERE 'Organisation:' + a.id = $id AND 'Organisation:' + b.id = $p
           RETURN count(r) AS v""",
        {**ALL, "public": F, "other_partner": F, "staff": F},
    ),
    Case(
        "createCoalition",
        f"""mutation($m: String!) {{ createCoalition(input: {{name: "Matrixcoalitie",
              municipalities: [$m], startedOn: "2024-01-15"}}) {{ {PAYLOAD_C} }} }}""",
        lambda gql, t, run: {"m": _free_municipality(run)},
        "MATCH (m:Municipality {code: $m}) RETURN COUNT { (m)<-[:COVERS]-() } AS v",
        {**dict.fromkeys(ROLES, F), "admin": OK},
        "MATCH (c:Coalition {name: 'Matrixcoalitie'}) DETACH DELETE c",
    ),
    Case(
        "setParticipation",
        """mutation($m: String!) { setParticipation(municipalityCode: $m,
              participation: ANNOUNCED) { municipality { code } errors { code } } }""",
        lambda gql, t, run: {"m": _demo_municipality(run)},
        "MATCH (m:Municipality {code: $m}) RETURN m.participation AS v",
        {**dict.fromkeys(ROLES, F), "admin": OK},
        # Back as it was drawn: other tests count 260 joined municipalities.
        """MATCH (m:Municipality) WHERE m.participation = 'ANNOUNCED' AND m.evidenceUrl IS NULL
           SET m.participation = 'NOT_JOINED'""",
    ),
    Case(
        "setCoalitionContact",
        f"""mutation($id: ID!) {{ setCoalitionContact(coalitionId: $id,
              person: {{name: "Matrix Contact"}}) {{ {PAYLOAD_C} }} }}""",
        lambda gql, t, run: {"id": _demo_coalition(run, t)},
        """MATCH (c:Coalition)<-[:CONTACT_FOR]-(p) WHERE 'Coalition:' + c.id = $id
           RETURN collect(p.name) AS v""",
        {**dict.fromkeys(ROLES, F), "staff": OK, "admin": OK},
    ),
    Case(
        "setPracticeContact",
        """mutation($id: ID!) { setPracticeContact(practiceId: $id, personId: null) {
              practice { id } errors { code } } }""",
        lambda gql, t, run: {"id": _draft_with_contact(gql, t, run)},
        """MATCH (pr:Practice)<-[:CONTACT_FOR]-(p) WHERE 'Practice:' + pr.id = $id
           RETURN count(p) AS v""",
        # A draft: for the public and partners of other organisations it does not exist.
        {
            **dict.fromkeys(ROLES, F),
            "public": "NOT_FOUND",
            "other_partner": "NOT_FOUND",
            "partner": OK,
            "staff": OK,
            "admin": OK,
        },
    ),
    Case(
        "updateCoalition",
        f"""mutation($id: ID!) {{ updateCoalition(id: $id, input: {{planPeriod: "2030-2034"}}) {{
              {PAYLOAD_C} }} }}""",
        lambda gql, t, run: {"id": _local_coalition(run)},
        "MATCH (c:Coalition) WHERE 'Coalition:' + c.id = $id RETURN c.planPeriod AS v",
        {**dict.fromkeys(ROLES, F), "admin": OK},
    ),
    Case(
        "setMembership",
        f"""mutation($c: ID!, $o: ID!) {{ setMembership(coalitionId: $c, organisationId: $o,
              role: MEMBER) {{ {PAYLOAD_C} }} }}""",
        lambda gql, t, run: {"c": _local_coalition(run), "o": f"Organisation:{_stranger(run, t)}"},
        """MATCH (o:Organisation)-[r:MEMBER_OF]->(c:Coalition)
           WHERE 'Coalition:' + c.id = $c AND 'Organisation:' + o.id = $o RETURN count(r) AS v""",
        {**dict.fromkeys(ROLES, F), "admin": OK},
    ),
    Case(
        "removeMembership",
        f"""mutation($c: ID!, $o: ID!) {{ removeMembership(coalitionId: $c, organisationId: $o) {{
              {PAYLOAD_C} }} }}""",
        lambda gql, t, run: _with_membership(run),
        """MATCH (o:Organisation)-[r:MEMBER_OF]->(c:Coalition)
           WHERE 'Coalition:' + c.id = $c AND 'Organisation:' + o.id = $o RETURN count(r) AS v""",
        {**dict.fromkeys(ROLES, F), "admin": OK},
    ),
]


def _with_partnership(gql: GraphQL, tokens: Tokens, run_cypher: Any) -> dict[str, Any]:
    variables = {
        "id": f"Organisation:{tokens.own_organisation}",
        "p": f"Organisation:{_stranger(run_cypher, tokens)}",
    }
    added = gql.ok(
        """mutation($id: ID!, $p: ID!) { addPartnership(organisationId: $id,
                      partnerId: $p) { errors { message } } }""",
        variables,
        tokens.admin,
    )
    assert added["addPartnership"]["errors"] == []
    return variables


def _with_membership(run_cypher: Any) -> dict[str, Any]:
    # Of a demo coalition, for the reason `_local_coalition` gives.
    row = run_cypher("""MATCH (o:Organisation)-[:MEMBER_OF {role: 'MEMBER'}]->(c:Coalition)
                        WHERE c.demo RETURN o.id AS o, c.id AS c ORDER BY rand() LIMIT 1""")[0]
    return {"c": f"Coalition:{row['c']}", "o": f"Organisation:{row['o']}"}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_role_matrix(gql: GraphQL, tokens: Tokens, run_cypher: Any, case: Case, role: str) -> None:
    variables = case.setup(gql, tokens, run_cypher)
    before = run_cypher(case.probe, **variables)
    result = gql.ok(case.document, variables, tokens.by_name(role))[case.name]
    after = run_cypher(case.probe, **variables)
    if case.cleanup:
        run_cypher(case.cleanup)
    expected = case.expected[role]
    if expected == OK:
        assert result["errors"] == [], (role, result["errors"])
        assert next(v for k, v in result.items() if k != "errors") is not None
        assert after != before, "an allowed mutation must take effect"
    else:
        assert [e["code"] for e in result["errors"]] == [expected], (role, result["errors"])
        assert after == before, "a refused mutation must change nothing"
