"""Counts the partner types compute from one node (a province, municipality, coalition or
organisation); the types in `partners.types` declare them, so only selected ones run.

Variables inside the subqueries carry a `pf_` prefix: subqueries see the outer scope, so a
shared name would silently join on an outer variable.
"""

from __future__ import annotations

from graph_api.graph_names import Label, Rel

# The far end of BASED_IN is always an Organisation and of APPLIED_IN a Practice: leaving
# their labels out lets Neo4j read degrees instead of expanding, and skip label checks.
BASED_HERE = f"COUNT {{{{ ({{n}})<-[:{Rel.BASED_IN}]-() }}}}"
# Maintained aggregates (partners.aggregates): kept up to date by the writes that change
# them, so reading one is a property read however large the graph grows.
PUBLISHED_HERE = "{n}.publishedPractices"
# Degree counts without a label on the far node, so Neo4j reads them from the node's degree
# store instead of expanding each relationship; these types only link organisations.
PARTNERSHIPS = f"COUNT {{{{ ({{n}})-[:{Rel.PARTNERS_WITH}]-() }}}}"
MEMBERSHIPS = f"COUNT {{{{ ({{n}})-[:{Rel.MEMBER_OF}]->() }}}}"
BRANCHES = f"COUNT {{{{ ({{n}})-[:{Rel.BRANCH_OF}]-() }}}}"
DEGREE = "{n}.degree"

PROVINCE_MUNICIPALITIES = f"COUNT {{{{ ({{n}})<-[:{Rel.IN_PROVINCE}]-(:{Label.MUNICIPALITY}) }}}}"
PROVINCE_JOINED = (
    f"COUNT {{{{ ({{n}})<-[:{Rel.IN_PROVINCE}]-(pf_m:{Label.MUNICIPALITY}) "
    "WHERE pf_m.participation = 'JOINED' }}"
)
PROVINCE_ORGANISATIONS = (
    "reduce(pf_s = 0, pf_d IN COLLECT {{ "
    f"MATCH ({{n}})<-[:{Rel.IN_PROVINCE}]-(pf_m:{Label.MUNICIPALITY}) "
    f"RETURN COUNT {{{{ (pf_m)<-[:{Rel.BASED_IN}]-() }}}} }}}} | pf_s + pf_d)"
)
PROVINCE_COALITIONS = (
    f"COUNT {{{{ MATCH ({{n}})<-[:{Rel.IN_PROVINCE}]-(:{Label.MUNICIPALITY})"
    f"<-[:{Rel.COVERS}]-(pf_c:{Label.COALITION}) "
    "WHERE pf_c.kind = 'LOCAL' RETURN DISTINCT pf_c }}"
)
# A practice applied in two municipalities of the province counts once.
PROVINCE_PRACTICES = "{n}.publishedPractices"
HAS_LOCAL_COALITION = (
    f"EXISTS {{{{ MATCH ({{n}})<-[:{Rel.COVERS}]-(pf_c:{Label.COALITION}) "
    "WHERE pf_c.kind = 'LOCAL' }}"
)
# Only organisations are members: without the far label this is a degree-store read.
COALITION_MEMBERS = f"COUNT {{{{ ({{n}})<-[:{Rel.MEMBER_OF}]-() }}}}"
# The members are walked once and grouped in memory: Neo4j 5.26 rejects an aggregating
# function inside a subquery of a projected map ("implicit grouping"), and counting per kind
# with a COUNT {} each walked the members once per kind.
MEMBERS_BY_KIND = (
    f"COLLECT {{{{ WITH COLLECT {{{{ MATCH ({{n}})<-[:{Rel.MEMBER_OF}]-(pf_o:{Label.ORGANISATION}) "
    "RETURN pf_o.kind }} AS pf_kinds "
    "UNWIND pf_kinds AS pf_kind WITH DISTINCT pf_kind, pf_kinds "
    "WITH pf_kind, size([pf_x IN pf_kinds WHERE pf_x = pf_kind]) AS pf_count "
    "ORDER BY pf_count DESC, pf_kind RETURN {{kind: pf_kind, count: pf_count}} }}"
)
MEMBERS_BY_ROLE = (
    f"COLLECT {{{{ WITH COLLECT {{{{ MATCH ({{n}})<-[pf_r:{Rel.MEMBER_OF}]-(:{Label.ORGANISATION}) "
    "RETURN pf_r.role }} AS pf_roles "
    "UNWIND ['LEAD', 'CORE', 'MEMBER'] AS pf_role "
    "WITH pf_role, size([pf_x IN pf_roles WHERE pf_x = pf_role]) AS pf_count "
    "WHERE pf_count > 0 RETURN {{role: pf_role, count: pf_count}} }}"
)
COVERED = f"COUNT {{{{ ({{n}})-[:{Rel.COVERS}]->() }}}}"
PARTNERSHIPS_AMONG_MEMBERS = "{n}.partnershipsAmongMembers"
MEMBERS_PRACTICES = "{n}.publishedPractices"
