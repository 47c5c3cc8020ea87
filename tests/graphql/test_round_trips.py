"""One Cypher round trip per root field, whatever the nesting (as Saleor counts queries)."""

from __future__ import annotations

from tests.conftest import GraphQL

DEEP = """{
  organisations(first: 20, filter: {inLocalCoalition: true}) {
    totalCount
    edges { node {
      name themes { name } homeMunicipality { name province { name } }
      coalitions { role coalition {
        name municipalities { name }
        members(first: 10) { totalCount edges { role node { name themes { slug } } } }
      } }
      partners(first: 5) { edges { since node { name } } }
    } }
  }
}"""


def test_a_deep_query_is_one_round_trip(gql: GraphQL) -> None:
    result = gql(DEEP)
    assert not result.errors
    assert result.extensions["cypherRoundTrips"] == 1
    orgs = result.data["organisations"]["edges"]
    assert len(orgs) == 20
    assert all(o["node"]["coalitions"] for o in orgs)  # the filter held
    members = orgs[0]["node"]["coalitions"][0]["coalition"]["members"]
    assert members["totalCount"] >= len(members["edges"]) > 0


def test_each_root_field_is_one_round_trip(gql: GraphQL) -> None:
    result = gql("""{ municipalities { totalCount } provinces { name }
                      nationalCoalition { name } themes { name } }""")
    assert not result.errors
    assert result.extensions["cypherRoundTrips"] == 4


SEARCH = """{
  searchPractices(query: "eenzaamheid", first: 10, facets: [THEME]) {
    facets { values { value count } }
    edges { highlight { title snippet } node {
      id title themes { name } municipalities { name province { name } }
      organisation { name homeMunicipality { name } coalitions { coalition { name } } }
    } }
  }
  searchOrganisations(query: "welzijn", first: 10) {
    edges { highlight { name } node { id name partners(first: 3) { edges { node { name } } } } }
  }
}"""


def test_search_nodes_are_one_round_trip_per_search(gql: GraphQL) -> None:
    """Meilisearch ranks; one read over the page's ids gives the nodes however deep (and,
    for practices, is the re-check that they are still published). Without `node`,
    organisations need no read at all; practices still need the re-check."""
    result = gql(SEARCH)
    assert not result.errors
    assert result.extensions["cypherRoundTrips"] == 2
    practices = result.data["searchPractices"]["edges"]
    assert len(practices) == 10 and all(e["node"]["organisation"]["name"] for e in practices)
    organisations = result.data["searchOrganisations"]["edges"]
    assert len(organisations) == 10 and all(e["node"]["name"] for e in organisations)
    bare = gql("""{ searchPractices(query: "eenzaamheid") { edges { highlight { title } } }
                    searchOrganisations(query: "welzijn") { edges { highlight { name } } } }""")
    assert not bare.errors and bare.extensions["cypherRoundTrips"] == 1
