"""The network's write Cypher (upkeep by partners and admins), in one place.

The statements that add or remove memberships, partnerships and branch links also keep the
maintained aggregates of `partners.aggregates` (an organisation's `degree`, a coalition's
`partnershipsAmongMembers` and `publishedPractices`) up to date, adding their deltas with
`SET n.x = n.x + d` under the write locks the upkeep functions take first.
"""

from __future__ import annotations

from graph_api.graph_names import BASED_IN_ORDERS, MEMBER_OF_ORDER, Label, Rel, replace_links
from graph_api.partners.aggregates import coalition_ids, set_copies

# Write locks, taken before a mutation reads what it checks, so two writers of the same
# nodes run one after the other. Setting and removing a property takes a node's lock and
# leaves nothing behind; several nodes are locked in key order, so two transactions that
# want the same nodes cannot each hold one the other waits for.
LOCK_ORGANISATIONS = f"""
UNWIND $ids AS id
MATCH (o:{Label.ORGANISATION}) WHERE o.id = id
WITH o ORDER BY o.id
SET o._lock = true REMOVE o._lock
RETURN collect(o.id) AS locked
"""

LOCK_COALITION = f"""
MATCH (c:{Label.COALITION}) WHERE c.id = $id
SET c._lock = true REMOVE c._lock
RETURN c.id AS locked
"""

# The municipalities a coalition covers now and those it is to cover: both sets change.
LOCK_MUNICIPALITIES = f"""
OPTIONAL MATCH (c:{Label.COALITION})-[:{Rel.COVERS}]->(now:{Label.MUNICIPALITY}) WHERE c.id = $id
WITH collect(now.code) + $codes AS codes
UNWIND codes AS code
WITH DISTINCT code
MATCH (m:{Label.MUNICIPALITY}) WHERE m.code = code
WITH m ORDER BY m.code
SET m._lock = true REMOVE m._lock
RETURN count(m) AS locked
"""

ORGANISATION = f"""
MATCH (o:{Label.ORGANISATION}) WHERE o.id = $id
RETURN o.id AS id,
       COLLECT {{ MATCH (o)<-[:{Rel.BY}]-(p:{Label.PRACTICE}) WHERE p.status = 'PUBLISHED'
                  RETURN p.id }} AS practices
"""

CREATE_ORGANISATION = f"""
CREATE (o:{Label.ORGANISATION} {{id: $id, demo: false, degree: 0, publishedPractices: 0}})
SET o += $fields
"""

UPDATE_ORGANISATION = f"""
MATCH (o:{Label.ORGANISATION}) WHERE o.id = $id
SET o += $fields
"""

SET_HOME = f"""
MATCH (o:{Label.ORGANISATION}) WHERE o.id = $id
OPTIONAL MATCH (o)-[old:{Rel.BASED_IN}]->(:{Label.MUNICIPALITY}) DELETE old
WITH DISTINCT o MATCH (m:{Label.MUNICIPALITY}) WHERE m.code = $code
CREATE (o)-[r:{Rel.BASED_IN}]->(m)
{set_copies(BASED_IN_ORDERS, "o", "r", "m")}
"""

# Read before the locks are taken, to take the parent's with them.
PARENT = f"""
OPTIONAL MATCH (o:{Label.ORGANISATION})-[:{Rel.BRANCH_OF}]->(parent:{Label.ORGANISATION})
WHERE o.id = $id
RETURN parent.id AS parent
"""

# A branch link counts in the degree of both ends.
CLEAR_BRANCH_OF = f"""
MATCH (o:{Label.ORGANISATION}) WHERE o.id = $id
CALL (o) {{
  MATCH (o)-[old:{Rel.BRANCH_OF}]->(was:{Label.ORGANISATION})
  DELETE old
  SET was.degree = coalesce(was.degree, 0) - 1, o.degree = coalesce(o.degree, 0) - 1
}}
"""

SET_BRANCH_OF = f"""
{CLEAR_BRANCH_OF}
WITH o MATCH (parent:{Label.ORGANISATION}) WHERE parent.id = $parent
CREATE (o)-[:{Rel.BRANCH_OF}]->(parent)
SET o.degree = coalesce(o.degree, 0) + 1, parent.degree = coalesce(parent.degree, 0) + 1
"""

SET_THEMES = replace_links(Label.ORGANISATION, "t", Rel.WORKS_ON, Label.THEME, "slug")
SET_TARGET_GROUPS = replace_links(Label.ORGANISATION, "g", Rel.SERVES, Label.TARGET_GROUP, "slug")

PARTNERSHIP = f"""
MATCH (a:{Label.ORGANISATION}) WHERE a.id = $a
MATCH (b:{Label.ORGANISATION}) WHERE b.id = $b
RETURN EXISTS {{ (a)-[:{Rel.PARTNERS_WITH}]-(b) }} AS exists
"""

# Both organisations are locked already; the coalitions both are members of gain (or lose) a
# partnership among their members, taken in id order.
_SHARED_COALITIONS = f"""
CALL (a, b, n) {{
  MATCH (a)-[:{Rel.MEMBER_OF}]->(c:{Label.COALITION})<-[:{Rel.MEMBER_OF}]-(b)
  WITH c ORDER BY c.id
  SET c.partnershipsAmongMembers = coalesce(c.partnershipsAmongMembers, 0) + n
}}
SET a.degree = coalesce(a.degree, 0) + n, b.degree = coalesce(b.degree, 0) + n
"""

ADD_PARTNERSHIP = f"""
MATCH (a:{Label.ORGANISATION}) WHERE a.id = $a
MATCH (b:{Label.ORGANISATION}) WHERE b.id = $b
CREATE (a)-[:{Rel.PARTNERS_WITH} {{since: coalesce(date($since), date())}}]->(b)
WITH a, b, 1 AS n
{_SHARED_COALITIONS}
"""

REMOVE_PARTNERSHIP = f"""
MATCH (a:{Label.ORGANISATION})-[r:{Rel.PARTNERS_WITH}]-(b:{Label.ORGANISATION})
WHERE a.id = $a AND b.id = $b
WITH a, b, collect(r) AS gone
FOREACH (r IN gone | DELETE r)
WITH a, b, -size(gone) AS n
{_SHARED_COALITIONS}
RETURN -n AS removed
"""

COALITION = f"""
MATCH (c:{Label.COALITION}) WHERE c.id = $id
RETURN c.kind AS kind
"""

CREATE_COALITION = f"""
MATCH (national:{Label.COALITION} {{kind: 'NATIONAL'}})
CREATE (c:{Label.COALITION} {{id: $id, kind: 'LOCAL', demo: false,
                     partnershipsAmongMembers: 0, publishedPractices: 0}})
SET c += $fields
CREATE (c)-[:{Rel.COUNTERPART_OF}]->(national)
"""

UPDATE_COALITION = f"""
MATCH (c:{Label.COALITION}) WHERE c.id = $id
SET c += $fields
"""

# The coalition's focus themes (speerpunten), replacing the list.
REPLACE_FOCUS = f"""
MATCH (c:{Label.COALITION}) WHERE c.id = $id
CALL (c) {{ MATCH (c)-[r:{Rel.FOCUSES_ON}]->() DELETE r }}
WITH c
UNWIND $slugs AS slug
MATCH (t:{Label.THEME}) WHERE t.slug = slug
MERGE (c)-[:{Rel.FOCUSES_ON}]->(t)
"""

UNCOVER = f"""
MATCH (c:{Label.COALITION})-[old:{Rel.COVERS}]->(m:{Label.MUNICIPALITY})
WHERE c.id = $id AND NOT m.code IN $codes
DELETE old
"""

COVER = f"""
MATCH (c:{Label.COALITION}) WHERE c.id = $id
UNWIND $codes AS code
MATCH (m:{Label.MUNICIPALITY}) WHERE m.code = code
MERGE (c)-[:{Rel.COVERS}]->(m)
"""

# Joining the programme is a fact of its own (setParticipation), not a consequence of having
# a coalition: in reality some joined municipalities have none yet, and some coalitions work
# in municipalities that never formally joined. The date an admin gives comes from no source
# the record cites, so the source of the join date is cleared.
SET_PARTICIPATION = f"""
MATCH (m:{Label.MUNICIPALITY}) WHERE m.code = $code
SET m.participation = $participation, m.joinedOn = $joinedOn, m.joinedIn = $joinedIn,
    m.joinedInSource = null
RETURN m.code AS code
"""

COVERED_ELSEWHERE = f"""
UNWIND $codes AS code
MATCH (m:{Label.MUNICIPALITY})<-[:{Rel.COVERS}]-(other:{Label.COALITION})
WHERE m.code = code AND other.id <> $id
RETURN collect(m.code) AS taken
"""

MEMBERSHIP = f"""
MATCH (c:{Label.COALITION}) WHERE c.id = $coalition
OPTIONAL MATCH (c)<-[lead:{Rel.MEMBER_OF} {{role: 'LEAD'}}]-(leader:{Label.ORGANISATION})
RETURN leader.id AS lead,
       EXISTS {{ MATCH (o:{Label.ORGANISATION})-[:{Rel.MEMBER_OF}]->(c)
                 WHERE o.id = $organisation }} AS member
"""

UPDATE_MEMBERSHIP = f"""
MATCH (o:{Label.ORGANISATION})-[r:{Rel.MEMBER_OF}]->(c:{Label.COALITION})
WHERE o.id = $organisation AND c.id = $coalition
SET r.role = $role, r.since = CASE WHEN $since IS NULL THEN r.since ELSE date($since) END
"""

# A membership changes the organisation's degree and list of coalitions, and what the
# coalition counts over its members: the partnerships the organisation has with other
# members, and its published practices. Both nodes are locked already (organisation first),
# so what is counted cannot change before the commit.
_MEMBERSHIP_FIGURES = f"""
WITH o, c, n,
     COUNT {{ (o)-[:{Rel.PARTNERS_WITH}]-(:{Label.ORGANISATION})-[:{Rel.MEMBER_OF}]->(c) }}
       AS partnerships
SET o.degree = coalesce(o.degree, 0) + n,
    o.coalitionIds = {coalition_ids("o")},
    c.partnershipsAmongMembers = coalesce(c.partnershipsAmongMembers, 0) + n * partnerships,
    c.publishedPractices = coalesce(c.publishedPractices, 0) + n * coalesce(o.publishedPractices, 0)
"""

ADD_MEMBERSHIP = f"""
MATCH (c:{Label.COALITION}) WHERE c.id = $coalition
MATCH (o:{Label.ORGANISATION}) WHERE o.id = $organisation
CREATE (o)-[r:{Rel.MEMBER_OF} {{role: $role, since: coalesce(date($since), date())}}]->(c)
{set_copies(MEMBER_OF_ORDER, "o", "r", "c")}
WITH o, c, 1 AS n
{_MEMBERSHIP_FIGURES}
"""

REMOVE_MEMBERSHIP = f"""
MATCH (o:{Label.ORGANISATION})-[r:{Rel.MEMBER_OF}]->(c:{Label.COALITION})
WHERE o.id = $organisation AND c.id = $coalition
WITH o, c, collect(r) AS gone
FOREACH (r IN gone | DELETE r)
WITH o, c, -size(gone) AS n
{_MEMBERSHIP_FIGURES}
RETURN -n AS removed
"""
