"""The review loop staff expect: changes requested with a comment, a review thread only
staff and the owning organisation read, restore from the archive, authors, and refusals
that change nothing."""

from __future__ import annotations

import uuid
from typing import Any

import pytest

from graph_api.practices.enums import PracticeAction
from tests.conftest import GraphQL, Tokens
from tests.practices.test_workflow import CREATE, UPDATE, draft, step

THREAD = """query($id: ID!) { node(id: $id) { ... on Practice { status revision
  reviewComments { body role status revision at author { id name } } } } }"""
AUTHORS = "query($id: ID!) { node(id: $id) { ... on Practice { authors { id name } } } }"
REQUEST = """mutation($id: ID!, $c: String!, $rev: Int) {
  requestChanges(id: $id, comment: $c, baseRevision: $rev) {
    practice { id status revision } errors { code field message } } }"""
COMMENT = """mutation($id: ID!, $c: String!) { commentOnPractice(id: $id, comment: $c) {
  practice { id } errors { code field message } } }"""
HISTORY = """query($id: ID!) { node(id: $id) { ... on Practice { revisions {
  number action role status changedFields changes { field from to added removed } } } } }"""
PUBLISH = """mutation($id: ID!, $rev: Int) { publishPractice(id: $id, baseRevision: $rev) {
  practice { id status revision } errors { code field message } } }"""


def change(
    field: str,
    before: str | None = None,
    to: str | None = None,
    added: list[str] | None = None,
    removed: list[str] | None = None,
) -> dict[str, Any]:
    """A `FieldChange` as the API returns it."""
    return {
        "field": field,
        "from": before,
        "to": to,
        "added": added or [],
        "removed": removed or [],
    }


def _state(run_cypher: Any, pid: str) -> dict[str, Any]:
    """Everything a refused mutation must leave alone."""
    return run_cypher(
        """MATCH (p:Practice) WHERE p.id = $id
           RETURN p.status AS status, p.revision AS revision, p.title AS title,
                  COUNT { (p)<-[:ABOUT]-(:ReviewComment) } AS comments,
                  COUNT { (p)<-[:REVISION_OF]-(:Revision) } AS revisions,
                  COUNT { (p)<-[:AUTHORED]-(:Person) } AS authors""",
        id=pid.split(":", 1)[1],
    )[0]


def _create(gql: GraphQL, tokens: Tokens, title: str = "Samen koken in de wijk") -> dict[str, Any]:
    org = f"Organisation:{tokens.own_organisation}"
    result = gql.ok(CREATE, {"i": draft(organisationId=org, title=title)}, tokens.partner)
    assert result["createPractice"]["errors"] == []
    practice: dict[str, Any] = result["createPractice"]["practice"]
    return practice


def test_the_full_review_loop(gql: GraphQL, tokens: Tokens) -> None:
    pid = _create(gql, tokens)["id"]
    # The partner who created it is its author, under a name that is not the token subject.
    authors = gql.ok(AUTHORS, {"id": pid}, tokens.partner)["node"]["authors"]
    assert len(authors) == 1 and authors[0]["name"].startswith("Medewerker van ")

    submitted = gql.ok(step("submitPracticeForReview"), {"id": pid}, tokens.partner)
    assert submitted["submitPracticeForReview"]["practice"]["status"] == "IN_REVIEW"
    # In review the text is frozen for the partner.
    frozen = gql.ok(UPDATE, {"id": pid, "rev": 2, "i": {"title": "Stiekem anders"}}, tokens.partner)
    assert [e["code"] for e in frozen["updatePractice"]["errors"]] == ["FORBIDDEN"]

    sent_back = gql.ok(
        REQUEST, {"id": pid, "c": "Beschrijf ook wat het kost.", "rev": 2}, tokens.staff
    )["requestChanges"]
    assert sent_back["errors"] == []
    assert sent_back["practice"]["status"] == "DRAFT" and sent_back["practice"]["revision"] == 3
    reply = gql.ok(COMMENT, {"id": pid, "c": "Aangevuld, zie kosten."}, tokens.partner)
    assert reply["commentOnPractice"]["errors"] == []

    for token in (tokens.partner, tokens.staff):
        thread = gql.ok(THREAD, {"id": pid}, token)["node"]["reviewComments"]
        assert [c["body"] for c in thread] == [
            "Beschrijf ook wat het kost.",
            "Aangevuld, zie kosten.",
        ]
        assert [(c["role"], c["status"], c["revision"]) for c in thread] == [
            ("STAFF", "IN_REVIEW", 2),
            ("PARTNER", "DRAFT", 3),
        ]
        assert thread[0]["author"]["name"] == "Redactie Eén tegen eenzaamheid"
        assert thread[0]["at"] <= thread[1]["at"]

    edited = gql.ok(
        UPDATE, {"id": pid, "rev": 3, "i": {"costs": "Ongeveer 500 euro per jaar."}}, tokens.partner
    )["updatePractice"]
    assert edited["errors"] == [] and edited["practice"]["revision"] == 4
    gql.ok(step("submitPracticeForReview"), {"id": pid}, tokens.partner)
    # Staff publish exactly the revision they reviewed: a stale one is a conflict.
    stale = gql.ok(PUBLISH, {"id": pid, "rev": 4}, tokens.staff)["publishPractice"]
    assert [(e["code"], e["field"]) for e in stale["errors"]] == [("CONFLICT", "baseRevision")]
    published = gql.ok(PUBLISH, {"id": pid, "rev": 5}, tokens.staff)["publishPractice"]
    assert published["practice"]["status"] == "PUBLISHED"

    # Published, the practice is public; its review thread is not.
    for token in (None, tokens.other_partner):
        node = gql.ok(THREAD, {"id": pid}, token)["node"]
        assert node["status"] == "PUBLISHED" and node["reviewComments"] == []

    for name, status in (
        ("unpublishPractice", "DRAFT"),
        ("archivePractice", "ARCHIVED"),
        ("restorePractice", "DRAFT"),
    ):
        moved = gql.ok(step(name), {"id": pid}, tokens.staff)[name]
        assert moved["errors"] == [] and moved["practice"]["status"] == status

    history = gql.ok(HISTORY, {"id": pid}, tokens.staff)["node"]["revisions"]
    # Every action, as its enum value, with the role that took it and the status after it.
    assert [(r["number"], r["action"], r["role"], r["status"]) for r in reversed(history)] == [
        (1, "CREATE", "PARTNER", "DRAFT"),
        (2, "SUBMIT", "PARTNER", "IN_REVIEW"),
        (3, "REQUEST_CHANGES", "STAFF", "DRAFT"),
        (4, "UPDATE", "PARTNER", "DRAFT"),
        (5, "SUBMIT", "PARTNER", "IN_REVIEW"),
        (6, "PUBLISH", "STAFF", "PUBLISHED"),
        (7, "UNPUBLISH", "STAFF", "DRAFT"),
        (8, "ARCHIVE", "STAFF", "ARCHIVED"),
        (9, "RESTORE", "STAFF", "DRAFT"),
    ]
    assert {a.name for a in PracticeAction} == {r["action"] for r in history}
    created = draft()
    changes = {r["number"]: r["changes"] for r in history}
    assert changes[1] == [
        change("authors", added=[authors[0]["id"]]),
        change("body", to=created["body"]),
        change("links", added=created["links"]),
        change("municipalities", added=created["municipalities"]),
        change("summary", to=created["summary"]),
        change("themes", added=created["themes"]),
        change("title", to="Samen koken in de wijk"),
    ]

    def status(before: str, after: str) -> dict[str, Any]:
        return change("status", before, after)

    assert changes[2] == [status("DRAFT", "IN_REVIEW")]
    assert changes[3] == [
        change("reviewComments", added=["Beschrijf ook wat het kost."]),
        status("IN_REVIEW", "DRAFT"),
    ]
    assert changes[4] == [change("costs", None, "Ongeveer 500 euro per jaar.")]
    assert changes[5] == [status("DRAFT", "IN_REVIEW")]
    assert changes[6] == [status("IN_REVIEW", "PUBLISHED")]
    assert changes[7] == [status("PUBLISHED", "DRAFT")]
    assert changes[8] == [status("DRAFT", "ARCHIVED")]
    assert changes[9] == [status("ARCHIVED", "DRAFT")]
    # changedFields names the same fields, in the same order.
    assert all(r["changedFields"] == [c["field"] for c in r["changes"]] for r in history)


def test_changed_fields_use_graphql_names(gql: GraphQL, tokens: Tokens) -> None:
    pid = _create(gql, tokens)["id"]
    changed = gql.ok(
        UPDATE,
        {
            "id": pid,
            "rev": 1,
            "i": {
                "targetGroups": ["75-plussers"],
                "actionLines": [2],
                "evidenceLevel": "DESCRIBED",
            },
        },
        tokens.partner,
    )["updatePractice"]
    assert changed["errors"] == []
    revisions = gql.ok(HISTORY, {"id": pid}, tokens.staff)["node"]["revisions"]
    assert revisions[0]["changedFields"] == ["actionLines", "evidenceLevel", "targetGroups"]
    # Numbers and enum values as text; the creator's empty lists were no change.
    assert revisions[0]["changes"] == [
        change("actionLines", added=["2"]),
        change("evidenceLevel", None, "DESCRIBED"),
        change("targetGroups", added=["75-plussers"]),
    ]
    assert all("_" not in f for r in revisions for f in r["changedFields"])


def test_authors_are_people_of_the_organisation(
    gql: GraphQL, tokens: Tokens, run_cypher: Any
) -> None:
    pid = _create(gql, tokens)["id"]
    colleague = f"colleague-{uuid.uuid4().hex[:8]}"
    run_cypher(
        """MATCH (o:Organisation {id: $org})
           CREATE (:Person {id: $id, name: 'Fenna de Vries', role: 'coördinator', demo: true})
                  -[:WORKS_FOR]->(o)""",
        org=tokens.own_organisation,
        id=colleague,
    )
    stranger = run_cypher(
        """MATCH (p:Person)-[:WORKS_FOR]->(o:Organisation) WHERE o.id <> $org
           AND NOT EXISTS { (p)-[:WORKS_FOR]->(:Organisation {id: $org}) }
           RETURN p.id AS id ORDER BY p.id LIMIT 1""",
        org=tokens.own_organisation,
    )[0]["id"]
    creator = gql.ok(AUTHORS, {"id": pid}, tokens.partner)["node"]["authors"][0]["id"]

    before = _state(run_cypher, pid)
    refused = gql.ok(
        UPDATE,
        {"id": pid, "rev": 1, "i": {"authorIds": [creator, f"Person:{stranger}"]}},
        tokens.partner,
    )["updatePractice"]
    assert [(e["code"], e["field"]) for e in refused["errors"]] == [("VALIDATION", "authorIds")]
    assert _state(run_cypher, pid) == before

    added = gql.ok(
        UPDATE,
        {"id": pid, "rev": 1, "i": {"authorIds": [creator, f"Person:{colleague}"]}},
        tokens.partner,
    )["updatePractice"]
    assert added["errors"] == [] and added["practice"]["revision"] == 2
    names = {a["name"] for a in gql.ok(AUTHORS, {"id": pid}, tokens.partner)["node"]["authors"]}
    assert "Fenna de Vries" in names and len(names) == 2


@pytest.mark.parametrize(
    ("status", "document", "variables", "code", "field"),
    [
        ("DRAFT", REQUEST, {"c": "Graag aanvullen."}, "CONFLICT", "id"),
        ("IN_REVIEW", REQUEST, {"c": ""}, "VALIDATION", "comment"),
        ("IN_REVIEW", REQUEST, {"c": "   "}, "VALIDATION", "comment"),
        ("IN_REVIEW", REQUEST, {"c": "x" * 5001}, "VALIDATION", "comment"),
        ("IN_REVIEW", REQUEST, {"c": "Lees \u202eeerst dit"}, "VALIDATION", "comment"),
        ("IN_REVIEW", REQUEST, {"c": "Graag aanvullen.", "rev": 7}, "CONFLICT", "baseRevision"),
        ("IN_REVIEW", REQUEST, {"c": "Graag aanvullen.", "rev": 1}, "CONFLICT", "baseRevision"),
        ("DRAFT", COMMENT, {"c": "nul\x00byte"}, "VALIDATION", "comment"),
        ("DRAFT", step("restorePractice"), {}, "CONFLICT", "id"),
        ("DRAFT", step("unpublishPractice"), {}, "CONFLICT", "id"),
    ],
)
def test_refusals_change_nothing(
    gql: GraphQL,
    tokens: Tokens,
    run_cypher: Any,
    status: str,
    document: str,
    variables: dict[str, Any],
    code: str,
    field: str,
) -> None:
    pid = _create(gql, tokens)["id"]
    if status == "IN_REVIEW":
        gql.ok(step("submitPracticeForReview"), {"id": pid}, tokens.partner)
    before = _state(run_cypher, pid)
    result = gql.ok(document, {"id": pid, **variables}, tokens.staff)
    payload = next(iter(result.values()))
    assert payload["practice"] is None
    assert [(e["code"], e["field"]) for e in payload["errors"]] == [(code, field)]
    assert _state(run_cypher, pid) == before


def test_unknown_or_hidden_practice_is_not_found(gql: GraphQL, tokens: Tokens) -> None:
    hidden = _create(gql, tokens)["id"]  # a draft of the partner's organisation
    for pid, token in (
        ("Practice:no-such-practice", tokens.staff),
        (hidden, tokens.other_partner),
        (hidden, None),
    ):
        for document, variables in (
            (REQUEST, {"c": "Graag aanvullen."}),
            (COMMENT, {"c": "Een vraag."}),
            (step("restorePractice"), {}),
        ):
            payload = next(iter(gql.ok(document, {"id": pid, **variables}, token).values()))
            assert [e["code"] for e in payload["errors"]] == ["NOT_FOUND"], (pid, document)


def test_a_practice_update_changes_only_the_fields_it_names(
    gql: GraphQL, tokens: Tokens, run_cypher: Any
) -> None:
    pid = _create(gql, tokens)["id"]
    read = """query($id: ID!) { node(id: $id) { ... on Practice {
      title summary results costs evidenceLevel themes { slug } revision } } }"""

    def update(rev: int, change: dict[str, Any]) -> dict[str, Any]:
        variables = {"id": pid, "rev": rev, "i": change}
        return dict(gql.ok(UPDATE, variables, tokens.partner)["updatePractice"])

    change_all = {"results": "Meer contact.", "costs": "Geen.", "evidenceLevel": "DESCRIBED"}
    assert update(1, change_all)["errors"] == []
    before = gql.ok(read, {"id": pid}, tokens.partner)["node"]
    assert update(2, {"costs": None, "evidenceLevel": None})["errors"] == []
    after = gql.ok(read, {"id": pid}, tokens.partner)["node"]
    assert after == {**before, "costs": None, "evidenceLevel": None, "revision": 3}
    latest = gql.ok(HISTORY, {"id": pid}, tokens.staff)["node"]["revisions"][0]
    assert latest["changes"] == [
        change("costs", "Geen.", None),
        change("evidenceLevel", "DESCRIBED", None),
    ]
    # What may not be empty cannot be nulled; nothing is written.
    state = _state(run_cypher, pid)
    for field in ("title", "themes", "links", "authorIds"):
        refused = update(3, {field: None, "results": "Niet geschreven."})
        assert [(e["code"], e["field"]) for e in refused["errors"]] == [("VALIDATION", field)]
    refused = update(3, {"themes": []})
    assert [(e["code"], e["field"]) for e in refused["errors"]] == [("VALIDATION", "themes")]
    assert _state(run_cypher, pid) == state
