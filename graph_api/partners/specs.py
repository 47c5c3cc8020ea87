"""Cypher of the partner types that are views of one node (a province, municipality,
coalition or organisation), registered so the compiler projects only what is selected.

Variables inside the subqueries carry a `pf_` prefix: subqueries see the outer scope, so a
shared name would silently join on an outer variable.
"""

from __future__ import annotations

from graph_api.graphql.specs import Prop, Same, register

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


register(
    "ProvinceCoverage",
    {
        "code": Prop("{n}.code"),
        "name": Prop("{n}.name"),
        "municipalities": Prop("COUNT {{ ({n})<-[:IN_PROVINCE]-(:Municipality) }}"),
        "joined": Prop(
            "COUNT {{ ({n})<-[:IN_PROVINCE]-(pf_m:Municipality) "
            "WHERE pf_m.participation = 'JOINED' }}"
        ),
        "organisations": Prop(
            "reduce(pf_s = 0, pf_d IN COLLECT {{ MATCH ({n})<-[:IN_PROVINCE]-(pf_m:Municipality) "
            "RETURN COUNT {{ (pf_m)<-[:BASED_IN]-() }} }} | pf_s + pf_d)"
        ),
        "coalitions": Prop(
            "COUNT {{ MATCH ({n})<-[:IN_PROVINCE]-(:Municipality)<-[:COVERS]-(pf_c:Coalition) "
            "WHERE pf_c.kind = 'LOCAL' RETURN DISTINCT pf_c }}"
        ),
        # A practice applied in two municipalities of the province counts once.
        "publishedPractices": Prop(
            "COUNT {{ MATCH ({n})<-[:IN_PROVINCE]-(:Municipality)<-[:APPLIED_IN]-(pf_x) "
            "WHERE pf_x.status = 'PUBLISHED' RETURN DISTINCT pf_x }}"
        ),
    },
)

register(
    "MunicipalityCoverage",
    {
        "code": Prop("{n}.code"),
        "name": Prop("{n}.name"),
        "joined": Prop("{n}.participation = 'JOINED'"),
        "hasLocalCoalition": Prop(
            "EXISTS {{ MATCH ({n})<-[:COVERS]-(pf_c:Coalition) WHERE pf_c.kind = 'LOCAL' }}"
        ),
        "organisations": Prop(BASED_HERE),
        "publishedPractices": Prop(PUBLISHED_HERE),
    },
)

register(
    "CoalitionFigures",
    {
        "coalition": Same("Coalition"),
        "members": Prop("COUNT {{ ({n})<-[:MEMBER_OF]-(:Organisation) }}"),
        # Grouped with DISTINCT and COUNT {} rather than count(*): Neo4j 5.26 rejects an
        # aggregating function inside a subquery of a projected map ("implicit grouping").
        "membersByKind": Prop(
            "COLLECT {{ MATCH ({n})<-[:MEMBER_OF]-(pf_o:Organisation) "
            "WITH DISTINCT pf_o.kind AS pf_kind "
            "WITH pf_kind, COUNT {{ ({n})<-[:MEMBER_OF]-(pf_k:Organisation) "
            "WHERE pf_k.kind = pf_kind }} AS pf_count "
            "ORDER BY pf_count DESC, pf_kind RETURN {{kind: pf_kind, count: pf_count}} }}"
        ),
        "membersByRole": Prop(
            "COLLECT {{ UNWIND ['LEAD', 'CORE', 'MEMBER'] AS pf_role "
            "WITH pf_role, COUNT {{ ({n})<-[pf_r:MEMBER_OF]-(:Organisation) "
            "WHERE pf_r.role = pf_role }} AS pf_count "
            "WHERE pf_count > 0 RETURN {{role: pf_role, count: pf_count}} }}"
        ),
        "municipalities": Prop("COUNT {{ ({n})-[:COVERS]->(:Municipality) }}"),
        # Each partnership is stored once, so the directed pattern counts each pair once.
        "partnershipsAmongMembers": Prop(
            "COUNT {{ ({n})<-[:MEMBER_OF]-(:Organisation)-[:PARTNERS_WITH]->(:Organisation)"
            "-[:MEMBER_OF]->({n}) }}"
        ),
        "publishedPractices": Prop(
            "COUNT {{ ({n})<-[:MEMBER_OF]-(:Organisation)<-[:BY]-(pf_x:Practice) "
            "WHERE pf_x.status = 'PUBLISHED' }}"
        ),
    },
)

register(
    "ConnectedOrganisation",
    {
        "organisation": Same("Organisation"),
        "degree": Prop(DEGREE),
        "partnerships": Prop(PARTNERSHIPS),
        "memberships": Prop(MEMBERSHIPS),
        "branches": Prop(BRANCHES),
    },
)
