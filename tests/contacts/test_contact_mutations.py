"""Setting contact data: parsed and normalised (phone numbers to E.164), refused with a
VALIDATION error naming the field, writing nothing and repeating nothing personal."""

from __future__ import annotations

from typing import Any

from tests.conftest import GraphQL
from tests.contacts.conftest import Subject

CONTACT = """mutation($id: ID!, $i: OrganisationContactInput!) {
  updateOrganisationContact(id: $id, input: $i) {
    organisation { email phone visitingAddress { street postcode place } }
    errors { code field message } } }"""
PERSONS = """mutation($id: ID!, $p: [ContactPersonInput!]!) {
  setContactPersons(organisationId: $id, persons: $p) {
    organisation { contacts { id name function email phone } }
    errors { code field message } } }"""


def _org_state(run_cypher: Any, org: str) -> Any:
    return run_cypher(
        """MATCH (o:Organisation {id: $id})
           RETURN o.email AS email, o.phone AS phone, o.addressStreet AS street,
                  COLLECT { MATCH (o)<-[:CONTACT_FOR]-(p:Person)
                            RETURN [p.id, p.name, p.email, p.phone] ORDER BY p.id } AS people""",
        id=org,
    )[0]


def test_contact_data_is_normalised(gql: GraphQL, subject: Subject, run_cypher: Any) -> None:
    org = f"Organisation:{subject.organisation}"
    partner = subject.tokens["partner"]
    result = gql.ok(
        CONTACT,
        {
            "id": org,
            "i": {
                "email": "Info@Voorbeeld.EXAMPLE",
                "phone": "020 - 123 45 67",
                "visitingAddress": {"street": "Kerkstraat 1", "postcode": "1234ab", "place": "Ede"},
            },
        },
        partner,
    )["updateOrganisationContact"]
    assert result["errors"] == []
    assert result["organisation"] == {
        "email": "info@voorbeeld.example",
        "phone": "+31201234567",
        "visitingAddress": {"street": "Kerkstraat 1", "postcode": "1234 AB", "place": "Ede"},
    }
    cleared = gql.ok(CONTACT, {"id": org, "i": {"visitingAddress": None}}, partner)
    assert cleared["updateOrganisationContact"]["organisation"]["visitingAddress"] is None
    assert cleared["updateOrganisationContact"]["organisation"]["phone"] == "+31201234567"


def test_bad_contact_data_is_refused(gql: GraphQL, subject: Subject, run_cypher: Any) -> None:
    org = f"Organisation:{subject.organisation}"
    before = _org_state(run_cypher, subject.organisation)
    bad_email, bad_phone = "jan.jansen@@voorbeeld", "06-1234"
    result = gql.ok(
        CONTACT,
        {"id": org, "i": {"email": bad_email, "phone": bad_phone}},
        subject.tokens["staff"],
    )["updateOrganisationContact"]
    assert result["organisation"] is None
    assert {(e["code"], e["field"]) for e in result["errors"]} == {
        ("VALIDATION", "email"),
        ("VALIDATION", "phone"),
    }
    people = [
        {"name": "Jan Jansen", "email": "jan@voorbeeld.example"},
        {"name": "Piet Pietersen", "email": bad_email, "phone": bad_phone},
    ]
    refused = gql.ok(PERSONS, {"id": org, "p": people}, subject.tokens["staff"])
    errors = refused["setContactPersons"]["errors"]
    assert {(e["code"], e["field"]) for e in errors} == {
        ("VALIDATION", "persons[1].email"),
        ("VALIDATION", "persons[1].phone"),
    }
    messages = " ".join(e["message"] for e in result["errors"] + errors)
    assert "jan.jansen" not in messages and "1234" not in messages  # nothing personal echoed
    assert _org_state(run_cypher, subject.organisation) == before  # nothing written


def test_contact_persons_are_replaced(gql: GraphQL, subject: Subject, run_cypher: Any) -> None:
    # Another demo organisation with two contacts: the privacy matrix reads the subject's.
    key = run_cypher(
        """MATCH (o:Organisation {demo: true}) WHERE o.id <> $id
             AND COUNT { (o)<-[:CONTACT_FOR]-(:Person) } = 2
           RETURN o.id AS id ORDER BY o.id LIMIT 1""",
        id=subject.organisation,
    )[0]["id"]
    org = f"Organisation:{key}"
    staff = subject.tokens["staff"]
    current = gql.ok(
        "query($id: ID!) { organisation(id: $id) { contacts { id name function email phone } } }",
        {"id": org},
        staff,
    )["organisation"]["contacts"]
    kept = current[0]
    people = [
        {
            "id": kept["id"],
            "name": kept["name"],
            "function": "voorzitter",
            "phone": "+31 6 12345678",
        },
        {"name": "Nieuwe Contactpersoon", "email": "nieuw@voorbeeld.example"},
    ]
    result = gql.ok(PERSONS, {"id": org, "p": people}, staff)["setContactPersons"]
    assert result["errors"] == []
    contacts = result["organisation"]["contacts"]
    assert {c["name"] for c in contacts} == {kept["name"], "Nieuwe Contactpersoon"}
    updated = next(c for c in contacts if c["id"] == kept["id"])
    assert (updated["function"], updated["phone"], updated["email"]) == (
        "voorzitter",
        "+31612345678",
        None,
    )
    # A dropped demo contact with nothing else to it is deleted, not kept for nothing.
    dropped = current[1]["id"].removeprefix("Person:")
    left = run_cypher("MATCH (p:Person {id: $id}) RETURN count(p) AS n", id=dropped)
    assert left[0]["n"] == 0
    # A person of another organisation cannot be pulled in by id.
    stranger = run_cypher(
        """MATCH (p:Person)-[:CONTACT_FOR]->(o:Organisation) WHERE o.id <> $id
           RETURN p.id AS id LIMIT 1""",
        id=key,
    )[0]["id"]
    refused = gql.ok(
        PERSONS, {"id": org, "p": [{"id": f"Person:{stranger}", "name": "Overname"}]}, staff
    )["setContactPersons"]
    assert [(e["code"], e["field"]) for e in refused["errors"]] == [("NOT_FOUND", "persons[0].id")]
