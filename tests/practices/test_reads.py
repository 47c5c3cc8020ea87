"""Practice reads: published only, by ID or slug, with their links."""

from __future__ import annotations

from typing import Any

import pytest

from graph_api.auth.tokens import mint
from graph_api.auth.viewer import Role
from graph_api.settings import Settings
from tests.conftest import GraphQL, Tokens

PRACTICE = """id slug title summary body status publishedAt revision isDemo
  organisation { name } themes { slug } targetGroups { slug }
  municipalities { code } actionLines { number } authors { name }"""


def test_practices_lists_only_published_ones_newest_first(gql: GraphQL, run_cypher: Any) -> None:
    page = gql.ok(f"{{ practices(first: 100) {{ totalCount edges {{ node {{ {PRACTICE} }} }} }} }}")
    published = run_cypher("MATCH (p:Practice {status: 'PUBLISHED'}) RETURN count(p) AS n")[0]["n"]
    assert page["practices"]["totalCount"] == published
    nodes = [e["node"] for e in page["practices"]["edges"]]
    assert all(n["status"] == "PUBLISHED" for n in nodes)
    dates = [n["publishedAt"] for n in nodes]
    assert dates == sorted(dates, reverse=True)
    first = next(n for n in nodes if n["isDemo"])  # a seeded one has every link
    assert first["organisation"] and first["themes"] and first["actionLines"]
    assert first["municipalities"] and first["body"].strip()
    assert first["authors"] == []  # people are personal data: not for the public


def test_practice_by_id_and_by_slug(gql: GraphQL) -> None:
    node = gql.ok("{ practices(first: 1) { edges { node { id slug title } } } }")
    p = node["practices"]["edges"][0]["node"]
    by_id = gql.ok("query($id: ID) { practice(id: $id) { slug } }", {"id": p["id"]})
    by_slug = gql.ok("query($s: String) { practice(slug: $s) { id } }", {"s": p["slug"]})
    assert by_id["practice"]["slug"] == p["slug"] and by_slug["practice"]["id"] == p["id"]
    assert gql.ok('{ practice(slug: "no-such-practice") { id } }') == {"practice": None}
    both = gql('{ practice(slug: "x", id: "Practice:x") { id } }')
    assert both.codes == ["INVALID_ARGUMENT"]
    neither = gql("{ practice { id } }")
    assert neither.codes == ["INVALID_ARGUMENT"]


HIDDEN = ("DRAFT", "IN_REVIEW", "ARCHIVED")
LOOK = """query($id: ID!, $s: String) { byId: practice(id: $id) { id status }
  bySlug: practice(slug: $s) { id } node(id: $id) { id } }"""
LIST = """query($org: ID, $st: [PracticeStatus!]) {
  practices(first: 100, filter: {organisation: $org, statuses: $st}) {
    totalCount edges { node { id status organisation { id } } } } }"""
NESTED = """query($org: ID!) { organisation(id: $org) { practices(first: 100) {
  edges { node { id status } } } } }"""


@pytest.fixture(scope="module")
def hidden(run_cypher: Any, tokens: Tokens) -> dict[str, list[dict[str, Any]]]:
    """The first two seeded practices of each unpublished status (by id), of organisations
    other than the test partners' (so `other_partner` is a stranger to all of them, and the
    drafts other tests make for `partner` do not push them off a page)."""
    picked = {}
    for status in HIDDEN:
        picked[status] = run_cypher(
            """MATCH (p:Practice {status: $status})-[:BY]->(o:Organisation)
               WHERE NOT o.id IN [$own, $other] AND p.demo = true
               RETURN 'Practice:' + p.id AS id, p.slug AS slug, p.status AS status,
                      o.id AS organisation
               ORDER BY p.id LIMIT 2""",
            status=status,
            own=tokens.own_organisation,
            other=tokens.other_organisation,
        )
        # Without such rows the checks below would pass vacuously.
        assert picked[status], f"no {status} practice to check"
    return picked


def _count(run_cypher: Any, statuses: list[str], organisation: str | None = None) -> int:
    rows = run_cypher(
        """MATCH (p:Practice)-[:BY]->(o:Organisation)
           WHERE p.status IN $statuses AND ($org IS NULL OR o.id = $org)
           RETURN count(p) AS n""",
        statuses=statuses,
        org=organisation,
    )
    return int(rows[0]["n"])


@pytest.mark.parametrize("viewer", ["public", "other_partner"])
def test_unpublished_practices_are_invisible(
    gql: GraphQL,
    tokens: Tokens,
    run_cypher: Any,
    hidden: dict[str, list[dict[str, Any]]],
    viewer: str,
) -> None:
    token = tokens.by_name(viewer)
    for status, rows in hidden.items():
        for row in rows:
            looked = gql.ok(LOOK, {"id": row["id"], "s": row["slug"]}, token)
            assert looked == {"byId": None, "bySlug": None, "node": None}, (status, row)
            org = f"Organisation:{row['organisation']}"
            # Asked for by status and organisation: nothing, not even a count.
            listed = gql.ok(LIST, {"org": org, "st": [status]}, token)["practices"]
            assert listed == {"totalCount": 0, "edges": []}, (status, row)
            # The organisation's practices, by default and nested: published ones only.
            default = gql.ok(LIST, {"org": org, "st": None}, token)["practices"]
            assert {e["node"]["status"] for e in default["edges"]} <= {"PUBLISHED"}
            assert default["totalCount"] == _count(run_cypher, ["PUBLISHED"], row["organisation"])
            nested = gql.ok(NESTED, {"org": org}, token)["organisation"]["practices"]["edges"]
            assert {e["node"]["status"] for e in nested} <= {"PUBLISHED"}
            assert row["id"] not in {e["node"]["id"] for e in nested}
    # All unpublished statuses at once, across organisations: the public sees none, another
    # organisation's partner only its own.
    everything = gql.ok(LIST, {"org": None, "st": list(HIDDEN)}, token)["practices"]
    own = None if viewer == "public" else tokens.other_organisation
    assert {e["node"]["organisation"]["id"] for e in everything["edges"]} <= (
        {f"Organisation:{own}"} if own else set()
    )
    assert everything["totalCount"] == (_count(run_cypher, list(HIDDEN), own) if own else 0)


def test_the_owning_partner_sees_its_own_unpublished_practices(
    gql: GraphQL, settings: Settings, run_cypher: Any, hidden: dict[str, list[dict[str, Any]]]
) -> None:
    for status, rows in hidden.items():
        for row in rows:
            token = mint(settings, Role.PARTNER, row["organisation"], subject="reads-owner")
            looked = gql.ok(LOOK, {"id": row["id"], "s": row["slug"]}, token)
            assert looked == {
                "byId": {"id": row["id"], "status": status},
                "bySlug": {"id": row["id"]},
                "node": {"id": row["id"]},
            }
            org = f"Organisation:{row['organisation']}"
            listed = gql.ok(LIST, {"org": org, "st": [status]}, token)["practices"]
            assert row["id"] in {e["node"]["id"] for e in listed["edges"]}
            assert listed["totalCount"] == _count(run_cypher, [status], row["organisation"])
            # Its own, and nobody else's.
            everything = gql.ok(LIST, {"org": None, "st": [status]}, token)["practices"]
            assert {e["node"]["organisation"]["id"] for e in everything["edges"]} == {org}


def test_staff_see_every_practice(
    gql: GraphQL, tokens: Tokens, run_cypher: Any, hidden: dict[str, list[dict[str, Any]]]
) -> None:
    for status, rows in hidden.items():
        for row in rows:
            looked = gql.ok(LOOK, {"id": row["id"], "s": row["slug"]}, tokens.staff)
            assert looked["byId"] == {"id": row["id"], "status": status}
            assert looked["bySlug"] == looked["node"] == {"id": row["id"]}
        everything = gql.ok(LIST, {"org": None, "st": [status]}, tokens.staff)["practices"]
        assert everything["totalCount"] == _count(run_cypher, [status])
        assert {e["node"]["status"] for e in everything["edges"]} == {status}


def test_practice_filters(gql: GraphQL) -> None:
    data = gql.ok("""{ practices(first: 50, filter: {themes: ["armoede"], actionLines: [3]}) {
        totalCount edges { node { themes { slug } actionLines { number } } } } }""")["practices"]
    assert data["totalCount"] > 0
    for edge in data["edges"]:
        assert "armoede" in {t["slug"] for t in edge["node"]["themes"]}
        assert 3 in {a["number"] for a in edge["node"]["actionLines"]}
    bad = gql("{ practices(filter: {actionLines: [4]}) { totalCount } }")
    assert bad.codes == ["INVALID_ARGUMENT"]
