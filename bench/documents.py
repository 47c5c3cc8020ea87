"""The GraphQL documents of the reference operations: what the frontends ask for."""

from __future__ import annotations

ORGANISATION_PAGE = """
query OrganisationPage($id: ID!) {
  organisation(id: $id) {
    id name kind scope website description isDemo
    homeMunicipality { code name province { code name } }
    themes { slug name }
    targetGroups { slug name }
    coalitions { role since coalition { id name kind } }
    partners(first: 20) {
      totalCount
      edges { since node { id name kind homeMunicipality { name } } }
      pageInfo { hasNextPage endCursor }
    }
  }
}
"""

ORGANISATION_LIST = """
query OrganisationList($filter: OrganisationFilter) {
  organisations(filter: $filter, first: 50) {
    totalCount
    edges {
      cursor
      node {
        id name kind scope
        homeMunicipality { code name }
        themes { slug name }
        coalitions { role coalition { id name kind } }
      }
    }
    pageInfo { hasNextPage endCursor }
  }
}
"""

COALITION_MEMBERS = """
query CoalitionMembers($id: ID!) {
  coalition(id: $id) {
    id name kind description
    municipalities { code name }
    members(first: 100) {
      totalCount
      edges { role since node { id name kind } }
      pageInfo { hasNextPage endCursor }
    }
  }
}
"""

MUNICIPALITY_PAGE = """
query MunicipalityPage($code: String!) {
  municipality(code: $code) {
    code name participation joinedOn evidenceUrl
    location { latitude longitude }
    province { code name }
    localCoalition { id name kind startedOn planPeriod }
  }
}
"""

# Four levels: organisations, their coalitions, each coalition's first members, their themes.
DEEP_NEST = """
query DeepNest($filter: OrganisationFilter) {
  organisations(filter: $filter, first: 10) {
    edges {
      node {
        id name
        coalitions {
          role
          coalition {
            id name kind
            members(first: 5) {
              edges { role node { id name themes { slug name } } }
            }
          }
        }
      }
    }
  }
}
"""

SUGGEST_COLLABORATORS = """
query SuggestCollaborators($id: ID!) {
  suggestCollaborators(organisationId: $id, first: 10) {
    score reasons mutualPartners distanceKm
    organisation { id name kind homeMunicipality { name } }
    sharedThemes { slug name }
    sharedCoalitions { id name }
  }
}
"""

CONNECTION_PATH = """
query ConnectionPath($from: ID!, $to: ID!) {
  connectionPath(fromId: $from, toId: $to, maxHops: 4) {
    hops
    steps {
      relationship direction role
      node { id ... on Organisation { name } ... on Coalition { name } }
    }
    introducers { id name }
  }
}
"""

NEARBY = """
query Nearby($code: String!) {
  nearby(municipalityCode: $code, radiusKm: 10, first: 20) {
    municipality { code name }
    organisations { distanceKm organisation { id name kind } }
    coalitions { distanceKm coalition { id name } }
  }
}
"""

COVERAGE = """
query Coverage($province: String) {
  coverage(provinceCode: $province) {
    municipalities joined
    withoutLocalCoalition { code name }
    themesWithoutPublishedPractice { slug name }
    perProvince { code name municipalities joined organisations coalitions publishedPractices }
    perMunicipality { code name joined hasLocalCoalition organisations publishedPractices }
  }
}
"""

SEARCH_PRACTICES = """
query SearchPractices($q: String!) {
  searchPractices(query: $q, facets: [THEME, PROVINCE, ACTION_LINE, EVIDENCE_LEVEL], first: 20) {
    estimatedTotalHits
    edges {
      cursor
      highlight { title snippet }
      node {
        id slug title summary publishedAt
        organisation { name }
        themes { slug name }
      }
    }
    facets { facet values { value count } }
    pageInfo { hasNextPage endCursor }
  }
}
"""

CREATE_PRACTICE = """
mutation CreatePractice($input: CreatePracticeInput!) {
  createPractice(input: $input) { practice { id } errors { code message } }
}
"""

PUBLISH_PRACTICE = """
mutation PublishPractice($id: ID!) {
  publishPractice(id: $id) { practice { id status } errors { code message } }
}
"""

FIND_PRACTICE = """
query FindPractice($q: String!) {
  searchPractices(query: $q, first: 10) { edges { node { id } } }
}
"""

# The peer's documents (bench/README.md, "The peer"): the same questions put to the Neo4j
# GraphQL Library, in its own shape. To-one links are lists there (the library has no 1:1
# relationships since 7.0), relationship properties come through `...Connection` edges, and
# the API's orders are asked for explicitly (name, then the unique key, as the API sorts).

PEER_ORGANISATION_PAGE = """
query OrganisationPage($id: ID!) {
  organisations(where: { id: { eq: $id } }) {
    id name kind scope website description demo
    homeMunicipality { code name province { code name } }
    themes(sort: [{ name: ASC }]) { slug name }
    targetGroups(sort: [{ name: ASC }]) { slug name }
    coalitionsConnection(sort: [{ node: { kind: ASC } }, { node: { name: ASC } }]) {
      edges { properties { role since } node { id name kind } }
    }
    partnersConnection(first: 20, sort: [{ node: { name: ASC } }, { node: { id: ASC } }]) {
      totalCount
      edges { properties { since } node { id name kind homeMunicipality { name } } }
      pageInfo { hasNextPage endCursor }
    }
  }
}
"""

PEER_ORGANISATION_LIST = """
query OrganisationList($where: OrganisationWhere) {
  organisationsConnection(where: $where, first: 50, sort: [{ name: ASC }, { id: ASC }]) {
    totalCount
    edges {
      cursor
      node {
        id name kind scope
        homeMunicipality { code name }
        themes(sort: [{ name: ASC }]) { slug name }
        coalitionsConnection(sort: [{ node: { kind: ASC } }, { node: { name: ASC } }]) {
          edges { properties { role } node { id name kind } }
        }
      }
    }
    pageInfo { hasNextPage endCursor }
  }
}
"""

PEER_COALITION_MEMBERS = """
query CoalitionMembers($id: ID!) {
  coalitions(where: { id: { eq: $id } }) {
    id name kind description
    municipalities(sort: [{ name: ASC }]) { code name }
    membersConnection(first: 100, sort: [{ node: { name: ASC } }, { node: { id: ASC } }]) {
      totalCount
      edges { properties { role since } node { id name kind } }
      pageInfo { hasNextPage endCursor }
    }
  }
}
"""

PEER_MUNICIPALITY_PAGE = """
query MunicipalityPage($code: String!) {
  municipalities(where: { code: { eq: $code } }) {
    code name participation joinedOn evidenceUrl
    location { latitude longitude }
    province { code name }
    coalitions(where: { kind: { eq: "LOCAL" } }) { id name kind startedOn planPeriod }
  }
}
"""

PEER_DEEP_NEST = """
query DeepNest($where: OrganisationWhere) {
  organisationsConnection(where: $where, first: 10, sort: [{ name: ASC }, { id: ASC }]) {
    edges {
      node {
        id name
        coalitionsConnection(sort: [{ node: { kind: ASC } }, { node: { name: ASC } }]) {
          edges {
            properties { role }
            node {
              id name kind
              membersConnection(first: 5, sort: [{ node: { name: ASC } }, { node: { id: ASC } }]) {
                edges {
                  properties { role }
                  node { id name themes(sort: [{ name: ASC }]) { slug name } }
                }
              }
            }
          }
        }
      }
    }
  }
}
"""
