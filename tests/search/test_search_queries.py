"""searchPractices / searchOrganisations: relevance, typos, prefixes, filters, facets,
highlights, sorting and pages, each checked against the graph."""

from __future__ import annotations

import re
from typing import Any

from tests.conftest import GraphQL, Tokens
from tests.search.conftest import published

PRACTICES = """
query($q: String!, $filter: PracticeSearchFilter, $facets: [PracticeFacet!],
      $sort: SearchSort, $first: Int, $after: String) {
  searchPractices(query: $q, filter: $filter, facets: $facets, sort: $sort, first: $first,
                  after: $after) {
    estimatedTotalHits
    edges { cursor highlight { title snippet }
            node { id slug title summary publishedAt evidenceLevel organisation { id name }
                   themes { id slug name } } }
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    facets { facet values { value count } }
  }
}"""

ORGANISATIONS = """
query($q: String!, $filter: OrganisationSearchFilter, $facets: [OrganisationFacet!],
      $sort: OrganisationSearchSort, $first: Int, $after: String) {
  searchOrganisations(query: $q, filter: $filter, facets: $facets, sort: $sort, first: $first,
                      after: $after) {
    estimatedTotalHits
    edges { cursor highlight { name snippet }
            node { id name kind scope description homeMunicipality { name province { name } }
                   themes { slug } } }
    pageInfo { hasNextPage endCursor }
    facets { facet values { value count } }
  }
}"""


def practices(gql: GraphQL, q: str, **variables: Any) -> dict[str, Any]:
    data: dict[str, Any] = gql.ok(PRACTICES, {"q": q, **variables})["searchPractices"]
    return data


def organisations(gql: GraphQL, q: str, **variables: Any) -> dict[str, Any]:
    data: dict[str, Any] = gql.ok(ORGANISATIONS, {"q": q, **variables})["searchOrganisations"]
    return data


def keys(result: dict[str, Any]) -> list[str]:
    return [e["node"]["id"].split(":", 1)[1] for e in result["edges"]]


MARKED = re.compile(r"<mark>(.*?)</mark>")
# A typo or prefix match marks as many characters as were typed; this reads the whole word.
MARKED_WORD = re.compile(r"<mark>(.*?)</mark>(\w*)")


def marked(result: dict[str, Any], field: str) -> list[str]:
    """The marked words in the edges' `highlight { <field> }`."""
    return [
        (m + rest).lower()
        for e in result["edges"]
        for m, rest in MARKED_WORD.findall(e["highlight"][field])
    ]


# -- relevance ---------------------------------------------------------------------------


def test_a_typo_finds_the_correctly_spelled_word(gql: GraphQL, run_cypher: Any) -> None:
    typo = run_cypher("""MATCH (p:Practice) WHERE toLower(p.title + p.summary + p.body)
                         CONTAINS 'eenzamheid' RETURN count(p) AS n""")[0]["n"]
    assert typo == 0, "the misspelling must not occur, or this proves nothing"
    result = practices(gql, "eenzamheid", first=20)
    assert result["estimatedTotalHits"] > 0 and result["edges"]
    assert set(marked(result, "snippet") + marked(result, "title")) == {"eenzaamheid"}
    found = keys(result)
    rows = run_cypher(
        """MATCH (p:Practice) WHERE p.id IN $ids AND toLower(p.title + ' ' + p.summary + ' '
           + p.body + ' ' + coalesce(p.results, '')) CONTAINS 'eenzaamheid'
           RETURN count(p) AS n""",
        ids=found,
    )
    assert rows[0]["n"] == len(found)


def test_the_last_word_is_a_prefix(gql: GraphQL, run_cypher: Any) -> None:
    # Four letters: too short for typo tolerance, so every match is a true prefix match.
    result = practices(gql, "resp", first=10)
    assert result["edges"]
    words = marked(result, "snippet") + marked(result, "title")
    assert words and all(w.startswith("resp") and len(w) > 4 for w in words)
    for key in keys(result):
        text = run_cypher(
            "MATCH (p:Practice {id: $id}) RETURN toLower(p.title + ' ' + p.summary + ' ' + p.body"
            " + ' ' + coalesce(p.results, '')) AS t",
            id=key,
        )[0]["t"]
        assert re.search(r"\bresp\w+", text)
    org = organisations(gql, "movis", first=3)
    assert org["edges"][0]["node"]["name"] == "Movisie"
    assert org["edges"][0]["highlight"]["name"] == "<mark>Movis</mark>ie"


def test_dutch_synonyms_and_stop_words(gql: GraphQL, run_cypher: Any) -> None:
    absent = run_cypher(
        """UNWIND ['bejaarden', 'sociaal isolement', 'jeugd'] AS word
           MATCH (p:Practice)
           WHERE toLower(p.title + ' ' + p.summary + ' ' + p.body) CONTAINS word
           RETURN count(p) AS n"""
    )[0]["n"]
    assert absent == 0, "the query words must not occur, or this proves nothing"
    elderly = practices(gql, "bejaarden", first=20)
    assert elderly["estimatedTotalHits"] > 0
    assert set(marked(elderly, "snippet")) <= {"ouderen", "senioren", "75-plussers"}
    isolation = practices(gql, "sociaal isolement", first=20)
    assert isolation["estimatedTotalHits"] > 0
    assert "eenzaamheid" in marked(isolation, "snippet")
    youth = practices(gql, "jeugd", first=20)
    assert youth["estimatedTotalHits"] > 0 and "jongeren" in marked(youth, "snippet")
    # A stop word (before the last word, which is always a prefix) neither narrows a
    # query nor matches: "de" is in almost every text.
    plain = practices(gql, "mantelzorgers", first=100)
    with_stop_word = practices(gql, "de mantelzorgers", first=100)
    assert 0 < len(plain["edges"]) < 100
    assert set(keys(with_stop_word)) == set(keys(plain))
    assert "de" not in marked(with_stop_word, "snippet") + marked(with_stop_word, "title")


def test_highlights_and_snippets_are_escaped_html(gql: GraphQL) -> None:
    result = practices(gql, "eenzaamheid ouderen", first=5)
    for edge in result["edges"]:
        highlight = edge["highlight"]
        # Removing the marks gives back the escaped title: nothing else is HTML.
        assert MARKED.sub(r"\1", highlight["title"]) == _escape(edge["node"]["title"])
        assert "<mark>" in highlight["snippet"] or "<mark>" in highlight["title"]
        assert not re.search(r"<(?!/?mark>)", highlight["snippet"])


def _escape(text: str) -> str:
    import html

    return html.escape(text, quote=True)


# -- filters and facets -----------------------------------------------------------------


def test_filters_hold_for_every_hit(gql: GraphQL, run_cypher: Any) -> None:
    f = {"themes": ["mantelzorg", "wonen"], "provinces": ["PV27", "PV28"], "actionLines": [2]}
    result = practices(gql, "", filter=f, first=100)
    expected = published(
        run_cypher,
        "EXISTS { (p)-[:ADDRESSES]->(t:Theme) WHERE t.slug IN $themes }"
        " AND EXISTS { (p)-[:APPLIED_IN]->()-[:IN_PROVINCE]->(v:Province) WHERE v.code IN $pv }"
        " AND EXISTS { (p)-[:SUPPORTS]->(:ActionLine {number: 2}) }",
        themes=f["themes"],
        pv=f["provinces"],
    )
    assert expected and set(keys(result)) == expected
    assert result["estimatedTotalHits"] == len(expected)

    kinds = practices(
        gql,
        "",
        filter={"organisationKinds": ["GOVERNMENT"], "evidenceLevels": ["GOOD_INDICATIONS"]},
        first=100,
    )
    expected = published(
        run_cypher,
        "p.evidenceLevel = 'GOOD_INDICATIONS' AND EXISTS { (p)-[:BY]->(:Organisation "
        "{kind: 'GOVERNMENT'}) }",
    )
    assert set(keys(kinds)) == expected


def test_near_filter_uses_every_place_a_practice_was_applied(gql: GraphQL, run_cypher: Any) -> None:
    near = {"municipalityCode": "GM0363", "radiusKm": 25}
    result = practices(gql, "", filter={"near": near}, first=100)
    expected = published(
        run_cypher,
        "EXISTS { MATCH (c:Municipality {code: $code}) MATCH (p)-[:APPLIED_IN]->(m:Municipality)"
        " WHERE point.distance(m.location, c.location) <= $m }",
        code="GM0363",
        m=25_000,
    )
    assert expected and set(keys(result)) == expected
    orgs = organisations(gql, "", filter={"near": near, "kinds": ["HOUSING"]}, first=100)
    rows = run_cypher(
        """MATCH (c:Municipality {code: 'GM0363'}), (o:Organisation {kind: 'HOUSING'})
                 -[:BASED_IN]->(m:Municipality)
           WHERE point.distance(m.location, c.location) <= 25000 RETURN o.id AS id"""
    )
    assert {k for k in keys(orgs)} == {r["id"] for r in rows}


def test_facet_counts_equal_the_graph(gql: GraphQL, run_cypher: Any) -> None:
    result = practices(
        gql, "", facets=["THEME", "ACTION_LINE", "EVIDENCE_LEVEL"], filter={"provinces": ["PV30"]}
    )
    by_facet = {f["facet"]: {v["value"]: v["count"] for v in f["values"]} for f in result["facets"]}
    assert list(by_facet) == ["THEME", "ACTION_LINE", "EVIDENCE_LEVEL"]  # requested only
    in_pv30 = "EXISTS { (p)-[:APPLIED_IN]->()-[:IN_PROVINCE]->(:Province {code: 'PV30'}) }"
    themes = run_cypher(
        f"""MATCH (p:Practice {{status: 'PUBLISHED'}})-[:ADDRESSES]->(t:Theme) WHERE {in_pv30}
            RETURN t.slug AS value, count(DISTINCT p) AS count"""
    )
    assert by_facet["THEME"] == {r["value"]: r["count"] for r in themes}
    lines = run_cypher(
        f"""MATCH (p:Practice {{status: 'PUBLISHED'}})-[:SUPPORTS]->(a:ActionLine) WHERE {in_pv30}
            RETURN toString(a.number) AS value, count(DISTINCT p) AS count"""
    )
    assert by_facet["ACTION_LINE"] == {r["value"]: r["count"] for r in lines}
    assert sum(by_facet["EVIDENCE_LEVEL"].values()) == result["estimatedTotalHits"]


def test_facets_of_a_text_query_are_consistent_with_its_hits(gql: GraphQL) -> None:
    result = practices(gql, "respijt lotgenotencontact", facets=["THEME"], first=100)
    assert 0 < result["estimatedTotalHits"] <= 100 and not result["pageInfo"]["hasNextPage"]
    counted: dict[str, int] = {}
    for edge in result["edges"]:
        for theme in edge["node"]["themes"]:
            counted[theme["slug"]] = counted.get(theme["slug"], 0) + 1
    assert {v["value"]: v["count"] for v in result["facets"][0]["values"]} == counted


def test_organisation_filters_and_facets(gql: GraphQL, run_cypher: Any) -> None:
    f = {"kinds": ["CARE_AND_WELFARE"], "provinces": ["PV26"], "themes": ["mantelzorg"]}
    result = organisations(gql, "", filter=f, facets=["SCOPE", "KIND"], first=100)
    rows = run_cypher(
        """MATCH (o:Organisation {kind: 'CARE_AND_WELFARE'})-[:BASED_IN]->()-[:IN_PROVINCE]->
                 (:Province {code: 'PV26'})
           WHERE EXISTS { (o)-[:WORKS_ON]->(:Theme {slug: 'mantelzorg'}) }
           RETURN o.id AS id, o.scope AS scope"""
    )
    assert rows and set(keys(result)) == {r["id"] for r in rows}
    scopes = {v["value"]: v["count"] for v in result["facets"][0]["values"]}
    assert scopes == {s: sum(r["scope"] == s for r in rows) for s in {r["scope"] for r in rows}}
    # KIND is filtered on, so its counts leave that filter out (tests/search/test_facets.py).
    kinds = run_cypher(
        """MATCH (o:Organisation)-[:BASED_IN]->()-[:IN_PROVINCE]->(:Province {code: 'PV26'})
           WHERE EXISTS { (o)-[:WORKS_ON]->(:Theme {slug: 'mantelzorg'}) }
           RETURN o.kind AS kind, count(o) AS n"""
    )
    assert result["facets"][1]["facet"] == "KIND" and len(kinds) > 1
    assert {v["value"]: v["count"] for v in result["facets"][1]["values"]} == {
        r["kind"]: r["n"] for r in kinds
    }
    assert {r["kind"]: r["n"] for r in kinds}["CARE_AND_WELFARE"] == len(rows)


# -- order and pages --------------------------------------------------------------------


def test_sort_newest_and_by_name(gql: GraphQL) -> None:
    newest = practices(gql, "eenzaamheid", sort="NEWEST", first=50)
    dates = [e["node"]["publishedAt"] for e in newest["edges"]]
    assert len(dates) == 50 and dates == sorted(dates, reverse=True)
    named = organisations(gql, "stichting", sort="NAME", first=50)
    names = [e["node"]["name"].lower() for e in named["edges"]]
    assert len(names) == 50 and names == sorted(names)


def test_pages_follow_each_other(gql: GraphQL) -> None:
    whole = keys(practices(gql, "ouderen", first=30))
    seen: list[str] = []
    after = None
    for _ in range(3):
        page = practices(gql, "ouderen", first=10, after=after)
        seen += keys(page)
        assert page["pageInfo"]["hasPreviousPage"] == (after is not None)
        assert page["pageInfo"]["endCursor"] == page["edges"][-1]["cursor"]
        after = page["pageInfo"]["endCursor"]
    assert seen == whole and len(set(seen)) == 30


def test_results_are_the_practices_themselves(gql: GraphQL, run_cypher: Any) -> None:
    """The node is the real Practice, read from the graph: any of its fields can be asked."""
    node = practices(gql, "mantelzorg", first=1)["edges"][0]["node"]
    key = node["id"].split(":", 1)[1]
    row = run_cypher(
        """MATCH (p:Practice {id: $id})-[:BY]->(o:Organisation)
           RETURN p.slug AS slug, p.title AS title, toString(p.publishedAt) AS publishedAt,
                  'Organisation:' + o.id AS org, o.name AS orgName,
                  COLLECT { MATCH (p)-[:ADDRESSES]->(t:Theme) RETURN t.slug ORDER BY t.name }
                    AS themes""",
        id=key,
    )[0]
    assert node["id"] == f"Practice:{key}"
    assert (node["slug"], node["title"], node["publishedAt"]) == (
        row["slug"],
        row["title"],
        row["publishedAt"],
    )
    assert node["organisation"] == {"id": row["org"], "name": row["orgName"]}
    assert [t["slug"] for t in node["themes"]] == row["themes"]
    assert all(t["id"] == f"Theme:{t['slug']}" for t in node["themes"])
    fetched = gql.ok("query($id: ID!) { node(id: $id) { __typename id } }", {"id": node["id"]})
    assert fetched["node"] == {"__typename": "Practice", "id": node["id"]}
    # Fields no search document holds come from the graph too, in the order the ranking gave.
    deep = gql.ok(
        """query($q: String!) { searchPractices(query: $q, first: 10) {
             edges { node { id __typename bodyHtml municipalities { code }
                            organisation { homeMunicipality { province { code } } } } } } }""",
        {"q": "mantelzorg"},
    )["searchPractices"]["edges"]
    ranked = keys(practices(gql, "mantelzorg", first=10))
    assert [e["node"]["id"].split(":", 1)[1] for e in deep] == ranked
    assert {e["node"]["__typename"] for e in deep} == {"Practice"}
    shortcut = gql.ok(
        """query($q: String!) { searchPractices(query: $q, first: 10) {
             nodes { id } edges { node { title } } } }""",
        {"q": "mantelzorg"},
    )["searchPractices"]
    assert [n["id"].split(":", 1)[1] for n in shortcut["nodes"]] == ranked
    assert all(e["node"]["title"] for e in shortcut["edges"])
    rows = run_cypher(
        """UNWIND $ids AS id MATCH (p:Practice {id: id})
           RETURN p.id AS id, COLLECT { MATCH (p)-[:APPLIED_IN]->(m:Municipality)
                                        RETURN m.code ORDER BY m.name } AS codes""",
        ids=ranked,
    )
    codes = {r["id"]: r["codes"] for r in rows}
    for edge in deep:
        key = edge["node"]["id"].split(":", 1)[1]
        assert [m["code"] for m in edge["node"]["municipalities"]] == codes[key]
        assert edge["node"]["bodyHtml"].strip()


def test_the_node_follows_the_usual_visibility_rules(gql: GraphQL, tokens: Tokens) -> None:
    """The node is read by the same compiler as `practice(id:)`, with the caller's rules."""
    fields = "id title status reviewComments { body } revisions { number action }"
    search = f"""query($q: String!) {{ searchPractices(query: $q, first: 5) {{
                   edges {{ node {{ {fields} }} }} }} }}"""
    page = f"query($id: ID!) {{ practice(id: $id) {{ {fields} }} }}"
    edges = gql.ok(search, {"q": "mantelzorg"}, tokens.staff)["searchPractices"]["edges"]
    assert len(edges) == 5
    for edge in edges:
        own = gql.ok(page, {"id": edge["node"]["id"]}, tokens.staff)["practice"]
        assert edge["node"] == own
    # Revisions are for staff only, here as on the practice's own page.
    refused = gql(search, {"q": "mantelzorg"}, tokens.partner)
    assert refused.codes == ["FORBIDDEN"] and refused.data is None
    assert gql(page, {"id": edges[0]["node"]["id"]}, tokens.partner).codes == ["FORBIDDEN"]
    # Without revisions, the review thread: empty for anyone but staff and the practice's
    # own organisation.
    public_fields = fields.replace(" revisions { number action }", "")
    public = gql.ok(search.replace(fields, public_fields), {"q": "mantelzorg"})
    for edge in public["searchPractices"]["edges"]:
        assert edge["node"]["reviewComments"] == []
        own = gql.ok(page.replace(fields, public_fields), {"id": edge["node"]["id"]})["practice"]
        assert edge["node"] == own


def test_unpublished_practices_are_never_found(gql: GraphQL, run_cypher: Any) -> None:
    everything = practices(gql, "", first=100)
    assert everything["estimatedTotalHits"] == len(published(run_cypher))
    hidden = run_cypher("""MATCH (p:Practice) WHERE p.status <> 'PUBLISHED'
                           RETURN p.id AS id, p.title AS title LIMIT 25""")
    assert hidden
    for row in hidden:
        assert row["id"] not in keys(practices(gql, row["title"], first=50))


def test_a_query_of_only_stop_words_lists_everything_newest_first(
    gql: GraphQL, run_cypher: Any
) -> None:
    total = len(published(run_cypher))
    for q in ("", "de het een", "Van De"):
        found = practices(gql, q, first=50)
        assert found["estimatedTotalHits"] == total, q
        # The index sorts by the second (`publishedTs`): within one, in any order.
        dates = [e["node"]["publishedAt"][:19] for e in found["edges"]]
        assert len(dates) == 50 and dates == sorted(dates, reverse=True), q
    named = organisations(gql, "de van het", first=50)
    names = [e["node"]["name"].lower() for e in named["edges"]]
    assert len(names) == 50 and names == sorted(names)
