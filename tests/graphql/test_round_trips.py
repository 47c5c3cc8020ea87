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
