"""Practice reads: published only, by ID or slug, with their links."""

from __future__ import annotations

from typing import Any

from tests.conftest import GraphQL

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
    assert first["municipalities"] and first["authors"] and first["body"].strip()


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


def test_unpublished_practices_are_invisible(gql: GraphQL, run_cypher: Any) -> None:
    hidden = run_cypher("""MATCH (p:Practice) WHERE p.status <> 'PUBLISHED'
                           RETURN p.id AS id, p.slug AS slug, p.status AS status""")
    assert {h["status"] for h in hidden} >= {"DRAFT", "IN_REVIEW"}
    for row in hidden[:20]:
        gid = f"Practice:{row['id']}"
        data = gql.ok(
            "query($id: ID!, $s: String) { node(id: $id) { id } practice(slug: $s) { id } }",
            {"id": gid, "s": row["slug"]},
        )
        assert data == {"node": None, "practice": None}
    org = run_cypher("""MATCH (p:Practice)-[:BY]->(o:Organisation) WHERE p.status = 'DRAFT'
                        RETURN o.id AS id LIMIT 1""")[0]["id"]
    listed = gql.ok(
        "query($id: ID!) { organisation(id: $id) { practices(first: 100) { edges {"
        " node { status } } } } }",
        {"id": f"Organisation:{org}"},
    )
    assert all(
        e["node"]["status"] == "PUBLISHED" for e in listed["organisation"]["practices"]["edges"]
    )


def test_practice_filters(gql: GraphQL) -> None:
    data = gql.ok("""{ practices(first: 50, filter: {themes: ["armoede"], actionLines: [3]}) {
        totalCount edges { node { themes { slug } actionLines { number } } } } }""")["practices"]
    assert data["totalCount"] > 0
    for edge in data["edges"]:
        assert "armoede" in {t["slug"] for t in edge["node"]["themes"]}
        assert 3 in {a["number"] for a in edge["node"]["actionLines"]}
    bad = gql("{ practices(filter: {actionLines: [4]}) { totalCount } }")
    assert bad.codes == ["INVALID_ARGUMENT"]
