"""Erasure on request: after `erasePerson` nobody, staff included, finds the person on any
read path; revisions they made say "verwijderd"; the search indexes never held them."""

from __future__ import annotations

import json
import uuid
from typing import Any

from graph_api.auth.tokens import mint
from graph_api.auth.viewer import Role
from graph_api.settings import Settings
from tests.conftest import GraphQL
from tests.contacts.conftest import Subject

PERSON = "id name function email phone"
READS = [
    (
        f"""query($o: ID!) {{ organisation(id: $o) {{ contacts {{ {PERSON} }}
              practices(first: 100) {{ nodes {{ contact {{ {PERSON} }} authors {{ {PERSON} }} }} }}
            }} }}""",
        "o",
    ),
    (f"query($c: ID!) {{ coalition(id: $c) {{ contact {{ {PERSON} }} }} }}", "c"),
    (
        f"""query($p: ID!) {{ practice(id: $p) {{ contact {{ {PERSON} }} authors {{ {PERSON} }}
              revisions {{ by changes {{ field added removed }} }}
              reviewComments {{ author {{ {PERSON} }} }} }} }}""",
        "p",
    ),
    (f"query($x: ID!) {{ node(id: $x) {{ ... on Person {{ {PERSON} }} }} }}", "x"),
    (f"query($x: ID!) {{ nodes(ids: [$x]) {{ ... on Person {{ {PERSON} }} }} }}", "x"),
    (
        f"""query($q: String!) {{ searchPractices(query: $q, first: 10) {{
              edges {{ node {{ contact {{ {PERSON} }} authors {{ {PERSON} }} }} }} }} }}""",
        "q",
    ),
]


def test_erase_person_everywhere(
    gql: GraphQL,
    settings: Settings,
    subject: Subject,
    run_cypher: Any,
    search_documents: Any,
) -> None:
    tag = uuid.uuid4().hex[:8]
    name = f"Wilhelmina Wisproef{tag}"
    account = f"wisproef-{tag}@example.org"
    partner = mint(settings, Role.PARTNER, subject.organisation, subject=account, name=name)
    staff, admin = subject.tokens["staff"], subject.tokens["admin"]
    # Their practice: created (so they are its author), commented on, published.
    created = gql.ok(
        """mutation($i: CreatePracticeInput!) { createPractice(input: $i) {
             practice { id title authors { id name } } errors { message } } }""",
        {
            "i": {
                "organisationId": f"Organisation:{subject.organisation}",
                "title": f"Wisproef {tag} aan de keukentafel",
                "summary": "Een praktijk om het wissen van een persoon te testen.",
                "body": "Tekst.",
                "themes": ["participatie"],
            }
        },
        partner,
    )["createPractice"]
    practice = created["practice"]
    assert [a["name"] for a in practice["authors"]] == [name]  # the creator is an author
    person_id = practice["authors"][0]["id"]
    for step, token in (
        ('commentOnPractice(id: $id, comment: "Graag een blik.")', partner),
        ("submitPracticeForReview(id: $id)", partner),
        ("publishPractice(id: $id)", staff),
    ):
        done = gql.ok(
            f"mutation($id: ID!) {{ {step} {{ errors {{ message }} }} }}",
            {"id": practice["id"]},
            token,
        )
        assert next(iter(done.values()))["errors"] == []
    # ... and a contact of their organisation, of a coalition and of the practice.
    key = person_id.removeprefix("Person:")
    run_cypher(
        """MATCH (p:Person {id: $key}), (o:Organisation {id: $org}), (c:Coalition {id: $c}),
                 (pr:Practice) WHERE 'Practice:' + pr.id = $practice
           SET p.email = $email, p.phone = '+31699990000', p.function = 'wisproeffunctie'
           MERGE (p)-[:CONTACT_FOR]->(o) MERGE (p)-[:CONTACT_FOR]->(c)
           MERGE (p)-[:CONTACT_FOR]->(pr)""",
        key=key,
        org=subject.organisation,
        c=subject.coalition,
        practice=practice["id"],
        email=f"wisproef.{tag}@voorbeeld.example",
    )
    variables = {
        "o": f"Organisation:{subject.organisation}",
        "c": f"Coalition:{subject.coalition}",
        "p": practice["id"],
        "x": person_id,
        "q": practice["title"],
    }
    secrets = [name, f"wisproef.{tag}@voorbeeld.example", "wisproeffunctie", account]

    def responses() -> str:
        out = []
        for document, var in READS:
            result = gql(document, {var: variables[var]}, admin)
            assert not result.errors, result.errors
            out.append(json.dumps(result.data, ensure_ascii=False))
        return "\n".join(out)

    before = responses()
    assert all(s in before for s in secrets), "staff see them before"
    assert person_id in before

    erased = gql.ok(
        "mutation($id: ID!) { erasePerson(id: $id) { erasedId errors { code field message } } }",
        {"id": person_id},
        admin,
    )["erasePerson"]
    assert erased == {"erasedId": person_id, "errors": []}

    after = responses()
    leaked = [s for s in [*secrets, person_id, "+31699990000"] if s in after]
    assert not leaked, leaked
    revisions = gql.ok(
        "query($p: ID!) { practice(id: $p) { revisions { by role } } }",
        {"p": practice["id"]},
        admin,
    )["practice"]["revisions"]
    assert {r["by"] for r in revisions if r["role"] == "PARTNER"} == {"verwijderd"}
    graph = run_cypher(
        """OPTIONAL MATCH (p:Person {id: $key})
           RETURN count(p) AS people,
                  COUNT { MATCH (r:Revision) WHERE r.by = $account OR r.changes CONTAINS $ref }
                    AS revisions,
                  COUNT { MATCH (c:ReviewComment) WHERE c.by = $account } AS comments""",
        key=key,
        account=account,
        ref=person_id,
    )[0]
    assert graph == {"people": 0, "revisions": 0, "comments": 0}
    text = json.dumps(search_documents(), ensure_ascii=False)
    assert not [s for s in secrets if s in text]
    # Once gone, gone: a second request finds nothing.
    again = gql.ok(
        "mutation($id: ID!) { erasePerson(id: $id) { erasedId errors { code } } }",
        {"id": person_id},
        admin,
    )["erasePerson"]
    assert again == {"erasedId": None, "errors": [{"code": "NOT_FOUND"}]}
