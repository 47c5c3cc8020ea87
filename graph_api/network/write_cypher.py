"""The network's write Cypher (upkeep by partners and admins), in one place."""

from __future__ import annotations

# Write locks, taken before a mutation reads what it checks, so two writers of the same
# nodes run one after the other. Setting and removing a property takes a node's lock and
# leaves nothing behind; several nodes are locked in key order, so two transactions that
# want the same nodes cannot each hold one the other waits for.
LOCK_ORGANISATIONS = """
UNWIND $ids AS id
MATCH (o:Organisation) WHERE o.id = id
WITH o ORDER BY o.id
SET o._lock = true REMOVE o._lock
RETURN collect(o.id) AS locked
"""

LOCK_COALITION = """
MATCH (c:Coalition) WHERE c.id = $id
SET c._lock = true REMOVE c._lock
RETURN c.id AS locked
"""

# The municipalities a coalition covers now and those it is to cover: both sets change.
LOCK_MUNICIPALITIES = """
OPTIONAL MATCH (c:Coalition)-[:COVERS]->(now:Municipality) WHERE c.id = $id
WITH collect(now.code) + $codes AS codes
UNWIND codes AS code
WITH DISTINCT code
MATCH (m:Municipality) WHERE m.code = code
WITH m ORDER BY m.code
SET m._lock = true REMOVE m._lock
RETURN count(m) AS locked
"""

ORGANISATION = """
MATCH (o:Organisation) WHERE o.id = $id
RETURN o.id AS id,
       COLLECT { MATCH (o)<-[:BY]-(p:Practice) WHERE p.status = 'PUBLISHED' RETURN p.id }
         AS practices
"""

CREATE_ORGANISATION = """
CREATE (o:Organisation {id: $id, demo: false})
SET o += $fields
"""

UPDATE_ORGANISATION = """
MATCH (o:Organisation) WHERE o.id = $id
SET o += $fields
"""

SET_HOME = """
MATCH (o:Organisation) WHERE o.id = $id
OPTIONAL MATCH (o)-[old:BASED_IN]->(:Municipality) DELETE old
WITH DISTINCT o MATCH (m:Municipality) WHERE m.code = $code
CREATE (o)-[:BASED_IN]->(m)
"""

SET_BRANCH_OF = """
MATCH (o:Organisation) WHERE o.id = $id
OPTIONAL MATCH (o)-[old:BRANCH_OF]->(:Organisation) DELETE old
WITH DISTINCT o MATCH (parent:Organisation) WHERE parent.id = $parent
CREATE (o)-[:BRANCH_OF]->(parent)
"""

CLEAR_BRANCH_OF = """
MATCH (o:Organisation)-[old:BRANCH_OF]->(:Organisation) WHERE o.id = $id
DELETE old
"""

SET_THEMES = """
MATCH (o:Organisation) WHERE o.id = $id
OPTIONAL MATCH (o)-[old:WORKS_ON]->(:Theme) DELETE old
WITH DISTINCT o UNWIND $values AS v MATCH (t:Theme) WHERE t.slug = v
MERGE (o)-[:WORKS_ON]->(t)
"""

SET_TARGET_GROUPS = """
MATCH (o:Organisation) WHERE o.id = $id
OPTIONAL MATCH (o)-[old:SERVES]->(:TargetGroup) DELETE old
WITH DISTINCT o UNWIND $values AS v MATCH (g:TargetGroup) WHERE g.slug = v
MERGE (o)-[:SERVES]->(g)
"""

PARTNERSHIP = """
MATCH (a:Organisation) WHERE a.id = $a
MATCH (b:Organisation) WHERE b.id = $b
RETURN EXISTS { (a)-[:PARTNERS_WITH]-(b) } AS exists
"""

ADD_PARTNERSHIP = """
MATCH (a:Organisation) WHERE a.id = $a
MATCH (b:Organisation) WHERE b.id = $b
CREATE (a)-[:PARTNERS_WITH {since: coalesce(date($since), date())}]->(b)
"""

REMOVE_PARTNERSHIP = """
MATCH (a:Organisation)-[r:PARTNERS_WITH]-(b:Organisation) WHERE a.id = $a AND b.id = $b
DELETE r
RETURN count(r) AS removed
"""

COALITION = """
MATCH (c:Coalition) WHERE c.id = $id
RETURN c.kind AS kind
"""

CREATE_COALITION = """
MATCH (national:Coalition {kind: 'NATIONAL'})
CREATE (c:Coalition {id: $id, kind: 'LOCAL', demo: false})
SET c += $fields
CREATE (c)-[:COUNTERPART_OF]->(national)
"""

UPDATE_COALITION = """
MATCH (c:Coalition) WHERE c.id = $id
SET c += $fields
"""

# Covering a municipality means it joined; no longer covered by any coalition, it did not.
UNCOVER = """
MATCH (c:Coalition)-[old:COVERS]->(m:Municipality)
WHERE c.id = $id AND NOT m.code IN $codes
DELETE old
RETURN collect(m.code) AS removed
"""

MARK_NOT_JOINED = """
MATCH (m:Municipality) WHERE m.code IN $codes AND NOT EXISTS { (m)<-[:COVERS]-(:Coalition) }
SET m.participation = 'NOT_JOINED', m.joinedOn = null
"""

COVER = """
MATCH (c:Coalition) WHERE c.id = $id
UNWIND $codes AS code
MATCH (m:Municipality) WHERE m.code = code
MERGE (c)-[:COVERS]->(m)
SET m.participation = 'JOINED', m.joinedOn = coalesce(m.joinedOn, date())
"""

COVERED_ELSEWHERE = """
UNWIND $codes AS code
MATCH (m:Municipality)<-[:COVERS]-(other:Coalition) WHERE m.code = code AND other.id <> $id
RETURN collect(m.code) AS taken
"""

MEMBERSHIP = """
MATCH (c:Coalition) WHERE c.id = $coalition
OPTIONAL MATCH (c)<-[lead:MEMBER_OF {role: 'LEAD'}]-(leader:Organisation)
RETURN leader.id AS lead
"""

SET_MEMBERSHIP = """
MATCH (c:Coalition) WHERE c.id = $coalition
MATCH (o:Organisation) WHERE o.id = $organisation
MERGE (o)-[r:MEMBER_OF]->(c)
ON CREATE SET r.since = coalesce(date($since), date())
SET r.role = $role, r.since = CASE WHEN $since IS NULL THEN r.since ELSE date($since) END
"""

REMOVE_MEMBERSHIP = """
MATCH (o:Organisation)-[r:MEMBER_OF]->(c:Coalition)
WHERE o.id = $organisation AND c.id = $coalition
DELETE r
RETURN count(r) AS removed
"""
