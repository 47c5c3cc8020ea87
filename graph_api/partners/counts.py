"""Counts the partner types compute from one node (a province, municipality, coalition or
organisation); the types in `partners.types` declare them, so only selected ones run.

Variables inside the subqueries carry a `pf_` prefix: subqueries see the outer scope, so a
shared name would silently join on an outer variable.
"""

from __future__ import annotations

# The far end of BASED_IN is always an Organisation and of APPLIED_IN a Practice: leaving
# their labels out lets Neo4j read degrees instead of expanding, and skip label checks.
BASED_HERE = "COUNT {{ ({n})<-[:BASED_IN]-() }}"
PUBLISHED_HERE = "COUNT {{ ({n})<-[:APPLIED_IN]-(pf_x) WHERE pf_x.status = 'PUBLISHED' }}"
# Degree counts without a label on the far node, so Neo4j reads them from the node's degree
# store instead of expanding each relationship; these types only link organisations.
PARTNERSHIPS = "COUNT {{ ({n})-[:PARTNERS_WITH]-() }}"
MEMBERSHIPS = "COUNT {{ ({n})-[:MEMBER_OF]->() }}"
BRANCHES = "COUNT {{ ({n})-[:BRANCH_OF]-() }}"
DEGREE = f"{PARTNERSHIPS} + {MEMBERSHIPS} + {BRANCHES}"


def degree(n: str) -> str:
    return DEGREE.format(n=n)


PROVINCE_MUNICIPALITIES = "COUNT {{ ({n})<-[:IN_PROVINCE]-(:Municipality) }}"
PROVINCE_JOINED = (
    "COUNT {{ ({n})<-[:IN_PROVINCE]-(pf_m:Municipality) WHERE pf_m.participation = 'JOINED' }}"
)
PROVINCE_ORGANISATIONS = (
    "reduce(pf_s = 0, pf_d IN COLLECT {{ MATCH ({n})<-[:IN_PROVINCE]-(pf_m:Municipality) "
    "RETURN COUNT {{ (pf_m)<-[:BASED_IN]-() }} }} | pf_s + pf_d)"
)
PROVINCE_COALITIONS = (
    "COUNT {{ MATCH ({n})<-[:IN_PROVINCE]-(:Municipality)<-[:COVERS]-(pf_c:Coalition) "
    "WHERE pf_c.kind = 'LOCAL' RETURN DISTINCT pf_c }}"
)
# A practice applied in two municipalities of the province counts once.
PROVINCE_PRACTICES = (
    "COUNT {{ MATCH ({n})<-[:IN_PROVINCE]-(:Municipality)<-[:APPLIED_IN]-(pf_x) "
    "WHERE pf_x.status = 'PUBLISHED' RETURN DISTINCT pf_x }}"
)
HAS_LOCAL_COALITION = (
    "EXISTS {{ MATCH ({n})<-[:COVERS]-(pf_c:Coalition) WHERE pf_c.kind = 'LOCAL' }}"
)
COALITION_MEMBERS = "COUNT {{ ({n})<-[:MEMBER_OF]-(:Organisation) }}"
# Grouped with DISTINCT and COUNT {} rather than count(*): Neo4j 5.26 rejects an
# aggregating function inside a subquery of a projected map ("implicit grouping").
MEMBERS_BY_KIND = (
    "COLLECT {{ MATCH ({n})<-[:MEMBER_OF]-(pf_o:Organisation) "
    "WITH DISTINCT pf_o.kind AS pf_kind "
    "WITH pf_kind, COUNT {{ ({n})<-[:MEMBER_OF]-(pf_k:Organisation) "
    "WHERE pf_k.kind = pf_kind }} AS pf_count "
    "ORDER BY pf_count DESC, pf_kind RETURN {{kind: pf_kind, count: pf_count}} }}"
)
MEMBERS_BY_ROLE = (
    "COLLECT {{ UNWIND ['LEAD', 'CORE', 'MEMBER'] AS pf_role "
    "WITH pf_role, COUNT {{ ({n})<-[pf_r:MEMBER_OF]-(:Organisation) "
    "WHERE pf_r.role = pf_role }} AS pf_count "
    "WHERE pf_count > 0 RETURN {{role: pf_role, count: pf_count}} }}"
)
COVERED = "COUNT {{ ({n})-[:COVERS]->(:Municipality) }}"
# Each partnership is stored once, so the directed pattern counts each pair once.
PARTNERSHIPS_AMONG_MEMBERS = (
    "COUNT {{ ({n})<-[:MEMBER_OF]-(:Organisation)-[:PARTNERS_WITH]->(:Organisation)"
    "-[:MEMBER_OF]->({n}) }}"
)
MEMBERS_PRACTICES = (
    "COUNT {{ ({n})<-[:MEMBER_OF]-(:Organisation)<-[:BY]-(pf_x:Practice) "
    "WHERE pf_x.status = 'PUBLISHED' }}"
)
