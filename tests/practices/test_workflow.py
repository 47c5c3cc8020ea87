"""The editorial workflow against the real graph: drafts, conflicts, review, publishing."""

from __future__ import annotations

from typing import Any

import pytest

from graph_api.search.outbox import RECORDED
from tests.conftest import GraphQL, Tokens

FIELDS = """id slug title status revision publishedAt bodyHtml links
            organisation { id } themes { slug } municipalities { code }"""
PAYLOAD = f"practice {{ {FIELDS} }} errors {{ code field message }}"
CREATE = f"mutation($i: CreatePracticeInput!) {{ createPractice(input: $i) {{ {PAYLOAD} }} }}"
UPDATE = f"""mutation($id: ID!, $rev: Int!, $i: UpdatePracticeInput!) {{
  updatePractice(id: $id, baseRevision: $rev, input: $i) {{ {PAYLOAD} }} }}"""


def step(name: str) -> str:
    return f"mutation($id: ID!) {{ {name}(id: $id) {{ {PAYLOAD} }} }}"


def draft(**extra: Any) -> dict[str, Any]:
    return {
        "title": "Samen koken in de wijk",
        "summary": "Buurtbewoners koken wekelijks samen tegen eenzaamheid.",
        "body": "## Aanpak\n\nElke dinsdag koken *vrijwilligers* met bewoners.\n\n"
        "<script>alert('x')</script> [klik](javascript:alert(1))",
        "themes": ["sociale-cohesie", "participatie"],
        "municipalities": ["GM0193"],
        "links": ["https://www.example.nl/samen-koken"],
        **extra,
    }


def outbox_value(run_cypher: Any) -> int:
    # Changes recorded in the search outbox so far (applied plus waiting); it only grows.
    return int(run_cypher(RECORDED)[0]["recorded"])


def test_the_whole_workflow(gql: GraphQL, tokens: Tokens, run_cypher: Any) -> None:
    org = f"Organisation:{tokens.own_organisation}"
    outbox_before = outbox_value(run_cypher)
    created = gql.ok(CREATE, {"i": draft(organisationId=org)}, tokens.staff)["createPractice"]
    assert created["errors"] == []
    practice = created["practice"]
    assert practice["status"] == "DRAFT" and practice["revision"] == 1
    assert practice["publishedAt"] is None and practice["organisation"]["id"] == org
    assert practice["slug"].startswith("samen-koken-in-de-wijk")
    assert "<script>" not in practice["bodyHtml"] and 'href="javascript' not in practice["bodyHtml"]
    assert (
        "<h2>Aanpak</h2>" in practice["bodyHtml"]
        and "<em>vrijwilligers</em>" in practice["bodyHtml"]
    )
    pid = practice["id"]
    # A draft is not searchable: nothing for the indexer yet.
    assert outbox_value(run_cypher) == outbox_before

    # A draft is invisible to the public and to other partners, visible to its own partner.
    look = "query($id: ID!, $s: String) { node(id: $id) { id } practice(slug: $s) { id } }"
    variables = {"id": pid, "s": practice["slug"]}
    assert gql.ok(look, variables) == {"node": None, "practice": None}
    assert gql.ok(look, variables, tokens.other_partner) == {"node": None, "practice": None}
    assert gql.ok(look, variables, tokens.partner)["node"] == {"id": pid}

    # A stale revision is a conflict, and nothing changes.
    stale = gql.ok(UPDATE, {"id": pid, "rev": 7, "i": {"title": "Een andere titel"}}, tokens.staff)
    assert stale["updatePractice"]["errors"][0]["code"] == "CONFLICT"
    assert stale["updatePractice"]["practice"] is None
    assert run_cypher(
        "MATCH (p:Practice {id: $id}) RETURN p.title AS t, p.revision AS r", id=pid.split(":", 1)[1]
    ) == [{"t": "Samen koken in de wijk", "r": 1}]

    updated = gql.ok(
        UPDATE,
        {"id": pid, "rev": 1, "i": {"title": "Samen koken en eten", "themes": ["sociale-cohesie"]}},
        tokens.partner,
    )["updatePractice"]
    assert updated["errors"] == [] and updated["practice"]["revision"] == 2
    assert updated["practice"]["slug"] == practice["slug"]  # slugs are stable
    assert [t["slug"] for t in updated["practice"]["themes"]] == ["sociale-cohesie"]

    for name, status in (
        ("submitPracticeForReview", "IN_REVIEW"),
        ("publishPractice", "PUBLISHED"),
    ):
        token = tokens.partner if name == "submitPracticeForReview" else tokens.staff
        result = gql.ok(step(name), {"id": pid}, token)[name]
        assert result["errors"] == [] and result["practice"]["status"] == status
    published = gql.ok(look, variables)
    assert published == {"node": {"id": pid}, "practice": {"id": pid}}
    assert outbox_value(run_cypher) == outbox_before + 1  # publishing is

    again = gql.ok(step("publishPractice"), {"id": pid}, tokens.staff)["publishPractice"]
    assert again["errors"][0]["code"] == "CONFLICT"

    # Once published, only staff may change it.
    partner_edit = gql.ok(
        UPDATE, {"id": pid, "rev": 4, "i": {"title": "Door de partner"}}, tokens.partner
    )["updatePractice"]
    assert partner_edit["errors"][0]["code"] == "FORBIDDEN"

    assert (
        gql.ok(step("unpublishPractice"), {"id": pid}, tokens.staff)["unpublishPractice"][
            "practice"
        ]["status"]
        == "DRAFT"
    )
    assert gql.ok(look, variables) == {"node": None, "practice": None}
    archived = gql.ok(step("archivePractice"), {"id": pid}, tokens.staff)["archivePractice"]
    assert archived["practice"]["status"] == "ARCHIVED" and archived["practice"]["revision"] == 6
    assert (
        gql.ok(step("archivePractice"), {"id": pid}, tokens.staff)["archivePractice"]["errors"][0][
            "code"
        ]
        == "CONFLICT"
    )

    # Every change kept a revision: who, when, what.
    history = gql.ok(
        "query($id: ID!) { node(id: $id) { ... on Practice { revisions {"
        " number by role action status changedFields at"
        " changes { field from to added removed } } } } }",
        {"id": pid},
        tokens.staff,
    )["node"]["revisions"]
    assert [r["action"] for r in history] == [
        "ARCHIVE",
        "UNPUBLISH",
        "PUBLISH",
        "SUBMIT",
        "UPDATE",
        "CREATE",
    ]
    assert [r["number"] for r in history] == [6, 5, 4, 3, 2, 1]
    assert history[4]["by"] == "test-partner" and history[4]["role"] == "PARTNER"
    assert history[4]["changedFields"] == ["themes", "title"]
    assert history[4]["changes"] == [
        {"field": "themes", "from": None, "to": None, "added": [], "removed": ["participatie"]},
        {
            "field": "title",
            "from": "Samen koken in de wijk",
            "to": "Samen koken en eten",
            "added": [],
            "removed": [],
        },
    ]
    # Of the six changes, publishing and unpublishing touched what search shows.
    assert outbox_value(run_cypher) == outbox_before + 2


def test_revisions_are_for_staff(gql: GraphQL, tokens: Tokens) -> None:
    query = "{ practices(first: 1) { edges { node { revisions { number } } } } }"
    for token in (None, tokens.partner):
        assert gql(query, token=token).codes == ["FORBIDDEN"]
    assert gql.ok(query, token=tokens.staff)["practices"]["edges"]


def test_slugs_are_unique_and_reveal_nothing(gql: GraphQL, tokens: Tokens) -> None:
    """A slug is the title's plus the start of the new id, whatever else exists: a partner
    whose title matches another organisation's hidden draft learns nothing from it."""
    title = "Wandelen met de buurthond in Zwolle"
    base = "wandelen-met-de-buurthond-in-zwolle"
    made = []
    for token, org in (
        (tokens.other_partner, tokens.other_organisation),  # a draft the partner cannot see
        (tokens.partner, tokens.own_organisation),
        (tokens.partner, tokens.own_organisation),
    ):
        variables = {"i": draft(organisationId=f"Organisation:{org}", title=title)}
        made.append(gql.ok(CREATE, variables, token)["createPractice"]["practice"])
    assert len({p["slug"] for p in made}) == 3
    for practice in made:
        key = practice["id"].split(":", 1)[1]
        assert practice["slug"] == f"{base}-{key[:6]}"


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"title": "Kort"}, "title"),
        ({"title": "   "}, "title"),
        ({"summary": "x" * 1001}, "summary"),
        ({"body": "x" * 50_001}, "body"),
        ({"themes": []}, "themes"),
        ({"themes": ["ruimtevaart"]}, "themes"),
        ({"targetGroups": ["marsmannetjes"]}, "targetGroups"),
        ({"municipalities": ["GM0001"]}, "municipalities"),
        ({"links": ["ftp://example.org"]}, "links"),
        ({"links": ["not a url"]}, "links"),
        ({"actionLines": [4]}, "actionLines"),
        ({"title": "Samen koken\u202e in de wijk"}, "title"),
        ({"title": "Samen koken\nin de wijk"}, "title"),
        ({"summary": "Buurtbewoners koken \u2066samen\u2069 tegen eenzaamheid."}, "summary"),
        ({"body": "Elke dinsdag\x00 koken"}, "body"),
        ({"results": "Meer contact\x1b[31m"}, "results"),
        ({"costs": "Ongeveer \x85 500 euro"}, "costs"),
        ({"links": ["https://www.example .nl/"]}, "links"),
        ({"links": ["https://www.example.nl/\x07"]}, "links"),
        ({"links": ["https://-nee-.nl/"]}, "links"),
        ({"links": ["https://www.example.nl:99999/"]}, "links"),
        ({"links": ["http://gebruiker:wachtwoord@example.nl/"]}, "links"),
        ({"authorIds": ["Organisation:movisie"]}, "authorIds"),
        ({"organisationId": "Organisation:no-such-org"}, "organisationId"),
        ({"organisationId": "Municipality:GM0363"}, "organisationId"),
    ],
)
def test_invalid_input_changes_nothing(
    gql: GraphQL, tokens: Tokens, run_cypher: Any, change: dict[str, Any], field: str
) -> None:
    count = "MATCH (p:Practice) RETURN count(p) AS n"
    before = run_cypher(count)
    variables = {
        "i": draft(**{"organisationId": f"Organisation:{tokens.own_organisation}", **change})
    }
    result = gql.ok(CREATE, variables, tokens.staff)["createPractice"]
    assert result["practice"] is None
    assert result["errors"] and result["errors"][0]["code"] == "VALIDATION"
    assert field in {e["field"] for e in result["errors"]}
    assert run_cypher(count) == before


def test_unknown_practice_ids(gql: GraphQL, tokens: Tokens) -> None:
    for bad in ("Practice:nope", "Organisation:movisie", "garbage"):
        result = gql.ok(step("publishPractice"), {"id": bad}, tokens.staff)["publishPractice"]
        assert result["errors"][0]["code"] == "NOT_FOUND" and result["practice"] is None
