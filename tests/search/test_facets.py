"""Facets ready for a search page: disjunctive counts and labels, checked against the graph."""

from __future__ import annotations

from typing import Any

from tests.conftest import GraphQL
from tests.search.test_search_queries import organisations, practices

PUBLISHED_IN = "EXISTS { (p)-[:APPLIED_IN]->()-[:IN_PROVINCE]->(:Province {code: $province}) }"
ADDRESSES = "EXISTS { (p)-[:ADDRESSES]->(:Theme {slug: $theme}) }"


def by_facet(result: dict[str, Any]) -> dict[str, dict[str, int]]:
    return {f["facet"]: {v["value"]: v["count"] for v in f["values"]} for f in result["facets"]}


def counts(rows: list[dict[str, Any]]) -> dict[str, int]:
    return {str(r["value"]): r["count"] for r in rows}


def test_a_facet_counts_what_each_of_its_values_would_give(gql: GraphQL, run_cypher: Any) -> None:
    """With a province and a theme chosen, the province facet counts every province under
    the theme filter alone, the theme facet every theme in the province, and a facet
    without a filter of its own counts the results as they are."""
    f = {"provinces": ["PV30"], "themes": ["mantelzorg"]}
    result = practices(gql, "", filter=f, facets=["PROVINCE", "THEME", "ACTION_LINE"])
    found = by_facet(result)
    params = {"province": "PV30", "theme": "mantelzorg"}
    provinces = run_cypher(
        f"""MATCH (p:Practice {{status: 'PUBLISHED'}})-[:APPLIED_IN]->()-[:IN_PROVINCE]->(v)
            WHERE {ADDRESSES} RETURN v.code AS value, count(DISTINCT p) AS count""",
        **params,
    )
    assert len(provinces) > 1 and found["PROVINCE"] == counts(provinces)
    themes = run_cypher(
        f"""MATCH (p:Practice {{status: 'PUBLISHED'}})-[:ADDRESSES]->(t:Theme)
            WHERE {PUBLISHED_IN} RETURN t.slug AS value, count(DISTINCT p) AS count""",
        **params,
    )
    assert len(themes) > 1 and found["THEME"] == counts(themes)
    lines = run_cypher(
        f"""MATCH (p:Practice {{status: 'PUBLISHED'}})-[:SUPPORTS]->(a:ActionLine)
            WHERE {PUBLISHED_IN} AND {ADDRESSES}
            RETURN a.number AS value, count(DISTINCT p) AS count""",
        **params,
    )
    assert found["ACTION_LINE"] == counts(lines)
    assert found["PROVINCE"]["PV30"] == result["estimatedTotalHits"]


def test_organisation_facets_are_disjunctive_too(gql: GraphQL, run_cypher: Any) -> None:
    result = organisations(gql, "", filter={"kinds": ["HOUSING"]}, facets=["KIND", "SCOPE"])
    found = by_facet(result)
    kinds = run_cypher("MATCH (o:Organisation) RETURN o.kind AS value, count(o) AS count")
    assert found["KIND"] == counts(kinds)
    scopes = run_cypher(
        "MATCH (o:Organisation {kind: 'HOUSING'}) RETURN o.scope AS value, count(o) AS count"
    )
    assert found["SCOPE"] == counts(scopes)


LABELLED = """query($facets: [PracticeFacet!]) {
  searchPractices(query: "", facets: $facets, first: 1) {
    facets { facet values { value label } }
  }
}"""


def test_facet_values_carry_the_names_people_read(gql: GraphQL, run_cypher: Any) -> None:
    names = {
        "THEME": "MATCH (n:Theme) RETURN n.slug AS key, n.name AS name",
        "TARGET_GROUP": "MATCH (n:TargetGroup) RETURN n.slug AS key, n.name AS name",
        "PROVINCE": "MATCH (n:Province) RETURN n.code AS key, n.name AS name",
        "MUNICIPALITY": "MATCH (n:Municipality) RETURN n.code AS key, n.name AS name",
        "ACTION_LINE": "MATCH (n:ActionLine) RETURN toString(n.number) AS key, n.name AS name",
    }
    data = gql.ok(LABELLED, {"facets": list(names)})["searchPractices"]
    for facet in data["facets"]:
        expected = {r["key"]: r["name"] for r in run_cypher(names[facet["facet"]])}
        assert facet["values"], facet["facet"]
        assert {v["value"]: v["label"] for v in facet["values"]} == {
            v["value"]: expected[v["value"]] for v in facet["values"]
        }


ENUM_FACETS = """query {
  searchPractices(query: "", facets: [ORGANISATION_KIND, EVIDENCE_LEVEL], first: 1) {
    facets { facet values { value label } }
  }
}"""


def test_enum_facet_values_carry_their_labels_in_the_request_language(gql: GraphQL) -> None:
    from graph_api.labels import LABELS
    from graph_api.network.enums import OrganisationKind
    from graph_api.practices.types import EvidenceLevel

    tables = {"ORGANISATION_KIND": OrganisationKind, "EVIDENCE_LEVEL": EvidenceLevel}
    for language, index in (("nl", 0), ("en", 1)):
        result = gql.client.post(
            "/graphql", json={"query": ENUM_FACETS}, headers={"Accept-Language": language}
        ).json()
        for facet in result["data"]["searchPractices"]["facets"]:
            assert facet["values"], facet["facet"]
            table = LABELS[tables[facet["facet"]]]
            for v in facet["values"]:
                expected = table[tables[facet["facet"]][v["value"]]][index]
                assert v["label"] == expected, (language, v)
