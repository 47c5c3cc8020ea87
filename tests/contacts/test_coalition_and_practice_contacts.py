"""Coalitions' focus themes, website and contact person, and a practice's contact (issue 13,
item 4): who may set them, what the public sees, and bad input refused with nothing written.
Each test works on a coalition or practice of its own, so the seeded ones stay as they are."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from tests.conftest import GraphQL, Tokens

PREFIX = "Testcoalitie contactproef"

COALITION = "coalition { id website focusThemes { slug } contact { id name email } }"
CREATE = f"""mutation($i: CreateCoalitionInput!) {{ createCoalition(input: $i) {{
  {COALITION} errors {{ code field message }} }} }}"""
UPDATE = f"""mutation($id: ID!, $i: UpdateCoalitionInput!) {{ updateCoalition(id: $id, input: $i) {{
  {COALITION} errors {{ code field message }} }} }}"""
SET_CONTACT = f"""mutation($id: ID!, $p: ContactPersonInput) {{
  setCoalitionContact(coalitionId: $id, person: $p) {{ {COALITION} errors {{ code field }} }} }}"""
READ = "query($id: ID!) { node(id: $id) { ... on Coalition { contact { name } website } } }"
LEAD = """mutation($c: ID!, $o: ID!) { setMembership(coalitionId: $c, organisationId: $o,
  role: LEAD) { errors { code } } }"""


@pytest.fixture
def new_coalition(
    gql: GraphQL, tokens: Tokens, run_cypher: Any
) -> Iterator[Callable[..., dict[str, Any]]]:
    """`new_coalition(**fields)`: a coalition of this test covering a municipality no other
    coalition covers; removed afterwards (with its contact)."""

    def make(**extra: Any) -> dict[str, Any]:
        [free] = run_cypher("""MATCH (m:Municipality) WHERE NOT (m)<-[:COVERS]-()
                               RETURN m.code AS code ORDER BY m.code LIMIT 1""")
        data = {"name": f"{PREFIX} {uuid.uuid4().hex[:8]}", "municipalities": [free["code"]]}
        result = gql.ok(CREATE, {"i": {**data, **extra}}, tokens.admin)["createCoalition"]
        assert result["errors"] == [], result
        return dict(result["coalition"])

    yield make
    run_cypher(
        """MATCH (c:Coalition) WHERE c.name STARTS WITH $prefix
           OPTIONAL MATCH (c)<-[:CONTACT_FOR]-(p:Person) DETACH DELETE c, p""",
        prefix=PREFIX,
    )


def coalition_state(run_cypher: Any, gid: str) -> dict[str, Any]:
    [row] = run_cypher(
        """MATCH (c:Coalition) WHERE 'Coalition:' + c.id = $id
           RETURN c.website AS website,
                  COLLECT { MATCH (c)-[:FOCUSES_ON]->(t) RETURN t.slug ORDER BY t.slug } AS focus,
                  COLLECT { MATCH (c)<-[:CONTACT_FOR]-(p) RETURN p.name } AS contacts""",
        id=gid,
    )
    return dict(row)


def test_focus_themes_and_website(
    gql: GraphQL, tokens: Tokens, run_cypher: Any, new_coalition: Callable[..., Any]
) -> None:
    made = new_coalition(
        focusThemes=["zingeving", "mantelzorg"],
        website="https://www.samen-tegen-eenzaamheid.example",
    )
    assert [t["slug"] for t in made["focusThemes"]] == ["mantelzorg", "zingeving"]  # by name
    assert made["website"] == "https://www.samen-tegen-eenzaamheid.example"
    changed = gql.ok(UPDATE, {"id": made["id"], "i": {"focusThemes": ["wonen"]}}, tokens.admin)
    assert [t["slug"] for t in changed["updateCoalition"]["coalition"]["focusThemes"]] == ["wonen"]
    before = coalition_state(run_cypher, made["id"])
    for bad, field in (
        ({"focusThemes": ["wonen", "vissen"]}, "focusThemes"),
        ({"focusThemes": None}, "focusThemes"),
        ({"website": "javascript:alert(1)"}, "website"),
    ):
        refused = gql.ok(UPDATE, {"id": made["id"], "i": bad}, tokens.admin)["updateCoalition"]
        assert [e["field"] for e in refused["errors"]] == [field], refused
        assert "vissen" not in str(refused) or field == "focusThemes"
    partner = gql.ok(UPDATE, {"id": made["id"], "i": {"focusThemes": []}}, tokens.partner)
    assert [e["code"] for e in partner["updateCoalition"]["errors"]] == ["FORBIDDEN"]
    assert coalition_state(run_cypher, made["id"]) == before


def test_seeded_focus_themes_follow_the_description(run_cypher: Any) -> None:
    rows = run_cypher(
        """MATCH (c:Coalition {kind: 'LOCAL'})
           RETURN c.demo AS demo, c.description AS description,
                  COLLECT { MATCH (c)-[:FOCUSES_ON]->(t) RETURN toLower(t.name) } AS focus"""
    )
    demo = [r for r in rows if r["demo"]]
    assert demo and all(2 <= len(r["focus"]) <= 3 for r in demo)
    for r in demo:
        named = r["description"].split("Speerpunten: ", 1)[1].rstrip(".").split(", ")
        assert sorted(named) == sorted(r["focus"]), r
    # No source names focus themes as such, so sourced coalitions have none.
    assert all(r["focus"] == [] for r in rows if not r["demo"])


def test_coalition_contact(
    gql: GraphQL, tokens: Tokens, run_cypher: Any, new_coalition: Callable[..., Any]
) -> None:
    made = new_coalition()
    person = {"name": "Ans Testpersoon", "function": "coördinator", "email": "ans@coalitie.example"}
    # Partners may set it only for a coalition their organisation is kartrekker of.
    refused = gql.ok(SET_CONTACT, {"id": made["id"], "p": person}, tokens.partner)
    assert refused["setCoalitionContact"]["errors"] == [{"code": "FORBIDDEN", "field": None}]
    assert coalition_state(run_cypher, made["id"])["contacts"] == []
    set_ = gql.ok(SET_CONTACT, {"id": made["id"], "p": person}, tokens.staff)
    contact = set_["setCoalitionContact"]["coalition"]["contact"]
    assert contact["name"] == "Ans Testpersoon" and contact["email"] == "ans@coalitie.example"
    # Personal data: the public sees no contact.
    assert gql.ok(READ, {"id": made["id"]})["node"]["contact"] is None
    assert gql.ok(READ, {"id": made["id"]}, tokens.other_partner)["node"]["contact"] == {
        "name": "Ans Testpersoon"
    }
    lead = gql.ok(LEAD, {"c": made["id"], "o": f"Organisation:{tokens.own_organisation}"},
                  tokens.admin)  # fmt: skip
    assert lead["setMembership"]["errors"] == []
    renamed = {**person, "id": contact["id"], "name": "Ans de Testpersoon"}
    done = gql.ok(SET_CONTACT, {"id": made["id"], "p": renamed}, tokens.partner)
    assert done["setCoalitionContact"]["coalition"]["contact"]["name"] == "Ans de Testpersoon"
    # Only the coalition's own contact can be changed through it.
    [stranger] = run_cypher("MATCH (p:Person) RETURN 'Person:' + p.id AS id LIMIT 1")
    wrong = gql.ok(SET_CONTACT, {"id": made["id"], "p": {**person, "id": stranger["id"]}},
                   tokens.partner)  # fmt: skip
    assert wrong["setCoalitionContact"]["errors"] == [{"code": "NOT_FOUND", "field": "person.id"}]
    bad = gql.ok(SET_CONTACT, {"id": made["id"], "p": {**person, "email": "ans@@coalitie"}},
                 tokens.staff)  # fmt: skip
    assert bad["setCoalitionContact"]["errors"] == [{"code": "VALIDATION", "field": "person.email"}]
    assert coalition_state(run_cypher, made["id"])["contacts"] == ["Ans de Testpersoon"]
    # Removed, the person is kept nowhere else, so they are gone (data minimisation).
    gone = gql.ok(SET_CONTACT, {"id": made["id"], "p": None}, tokens.staff)
    assert gone["setCoalitionContact"]["coalition"]["contact"] is None
    left = run_cypher("MATCH (p:Person {name: 'Ans de Testpersoon'}) RETURN count(p) AS n")
    assert left == [{"n": 0}]


PRACTICE = """mutation($i: CreatePracticeInput!) { createPractice(input: $i) {
  practice { id } errors { code } } }"""
PERSONS = """mutation($id: ID!, $p: [ContactPersonInput!]!) {
  setContactPersons(organisationId: $id, persons: $p) {
    organisation { contacts { id name } } errors { code } } }"""
SET_PRACTICE_CONTACT = """mutation($id: ID!, $p: ID) {
  setPracticeContact(practiceId: $id, personId: $p) {
    practice { contact { id name } } errors { code field } } }"""


def test_practice_contact(gql: GraphQL, tokens: Tokens, run_cypher: Any) -> None:
    own = f"Organisation:{tokens.own_organisation}"
    made = gql.ok(
        PRACTICE,
        {
            "i": {
                "organisationId": own,
                "title": f"Contactproef {uuid.uuid4().hex[:8]}",
                "summary": "Wie je kunt bellen over deze aanpak.",
                "body": "Tekst.",
                "themes": ["participatie"],
            }
        },
        tokens.partner,
    )["createPractice"]
    assert made["errors"] == []
    pid = made["practice"]["id"]
    people = gql.ok(PERSONS, {"id": own, "p": [{"name": "Bert Proef"}]}, tokens.partner)
    [bert] = [p for p in people["setContactPersons"]["organisation"]["contacts"]
              if p["name"] == "Bert Proef"]  # fmt: skip
    set_ = gql.ok(SET_PRACTICE_CONTACT, {"id": pid, "p": bert["id"]}, tokens.partner)
    assert set_["setPracticeContact"] == {"practice": {"contact": bert}, "errors": []}
    # The draft is hidden from partners of other organisations: for them it does not exist.
    hidden = gql.ok(SET_PRACTICE_CONTACT, {"id": pid, "p": None}, tokens.other_partner)
    assert hidden["setPracticeContact"]["errors"] == [{"code": "NOT_FOUND", "field": "practiceId"}]
    # Someone of another organisation who did not write it cannot be its contact.
    [outsider] = run_cypher(
        """MATCH (p:Person)-[:WORKS_FOR]->(o:Organisation) WHERE o.id <> $own
           RETURN 'Person:' + p.id AS id LIMIT 1""",
        own=tokens.own_organisation,
    )
    wrong = gql.ok(SET_PRACTICE_CONTACT, {"id": pid, "p": outsider["id"]}, tokens.staff)
    assert wrong["setPracticeContact"]["errors"] == [{"code": "VALIDATION", "field": "personId"}]
    [state] = run_cypher(
        """MATCH (pr:Practice) WHERE 'Practice:' + pr.id = $id
           RETURN COLLECT { MATCH (pr)<-[:CONTACT_FOR]-(p) RETURN 'Person:' + p.id } AS c""",
        id=pid,
    )
    assert state == {"c": [bert["id"]]}
    cleared = gql.ok(SET_PRACTICE_CONTACT, {"id": pid, "p": None}, tokens.staff)
    assert cleared["setPracticeContact"] == {"practice": {"contact": None}, "errors": []}
