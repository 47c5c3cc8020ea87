"""The practices' write Cypher, in one place. Values always arrive as parameters."""

from __future__ import annotations

from typing import LiteralString

# Taking the practice's write lock first: whatever a mutation then reads (status, revision,
# fields) cannot change until it commits, so checks and writes act on the same state. Setting
# and removing a property takes the lock without leaving anything behind (the way the Neo4j
# manual shows under "Lost updates").
LOCK = """
MATCH (p:Practice) WHERE p.id = $id
SET p._lock = true REMOVE p._lock
RETURN p.id AS id
"""

CURRENT = """
MATCH (p:Practice) WHERE p.id = $id
OPTIONAL MATCH (p)-[:BY]->(o:Organisation)
RETURN p.status AS status, p.revision AS revision, o.id AS organisation,
       p {.title, .summary, .body, .results, .costs, .evidenceLevel, .links} AS fields,
       COLLECT { MATCH (p)-[:ADDRESSES]->(t:Theme) RETURN t.slug ORDER BY t.slug } AS themes,
       COLLECT { MATCH (p)-[:TARGETS]->(g:TargetGroup) RETURN g.slug ORDER BY g.slug }
         AS target_groups,
       COLLECT { MATCH (p)-[:APPLIED_IN]->(m:Municipality) RETURN m.code ORDER BY m.code }
         AS municipalities,
       COLLECT { MATCH (p)-[:SUPPORTS]->(a:ActionLine) RETURN a.number ORDER BY a.number }
         AS action_lines
"""

CREATE = """
MATCH (o:Organisation) WHERE o.id = $organisation
CREATE (p:Practice {id: $id, slug: $slug, status: 'DRAFT', revision: 1, demo: false,
                    createdAt: datetime(), updatedAt: datetime()})
SET p += $fields
CREATE (p)-[:BY]->(o)
"""

# The person behind a token, found by the token's subject (unique), made on first use. Their
# name is what the token says, else a neutral Dutch label: the subject (often an e-mail
# address) never becomes a public name. A partner's person works for its organisation.
# Read first, without locks: an account's person almost always exists already, and writing
# to it on every create would make all creates by one person queue (and deadlock) on it.
FIND_ACCOUNT_PERSON = """
MATCH (person:Person) WHERE person.subject = $subject
RETURN person.id AS id, person.name AS name,
       $organisation IS NULL OR EXISTS {
         MATCH (person)-[:WORKS_FOR]->(o:Organisation) WHERE o.id = $organisation
       } AS works
"""

ACCOUNT_PERSON = """
OPTIONAL MATCH (o:Organisation) WHERE o.id = $organisation
MERGE (person:Person {subject: $subject})
ON CREATE SET person.id = randomUUID(), person.demo = false,
  person.name = coalesce($name, CASE WHEN o IS NULL THEN $staff_name
                                     ELSE 'Medewerker van ' + o.name END)
ON MATCH SET person.name = coalesce($name, person.name)
FOREACH (_ IN CASE WHEN o IS NULL THEN [] ELSE [1] END | MERGE (person)-[:WORKS_FOR]->(o))
RETURN person.id AS id
"""

# Authors are people the practice's organisation knows (they work for it) or already
# authors of it; the statement answers which of the given ids are neither.
UNKNOWN_AUTHORS = """
MATCH (p:Practice) WHERE p.id = $id
RETURN [a IN $authors WHERE NOT EXISTS {
  MATCH (person:Person)-[:WORKS_FOR]->(:Organisation)<-[:BY]-(p) WHERE person.id = a
} AND NOT EXISTS {
  MATCH (person:Person)-[:AUTHORED]->(p) WHERE person.id = a
}] AS unknown
"""

# The authors of a practice created in this transaction (it has none yet: no MERGE).
FIRST_AUTHORS = """
MATCH (p:Practice) WHERE p.id = $id
UNWIND $authors AS a
MATCH (person:Person) WHERE person.id = a
CREATE (person)-[:AUTHORED {at: datetime()}]->(p)
"""

SET_AUTHORS = """
MATCH (p:Practice) WHERE p.id = $id
OPTIONAL MATCH (p)<-[old:AUTHORED]-(gone:Person) WHERE NOT gone.id IN $authors
DELETE old
WITH DISTINCT p
UNWIND $authors AS a
MATCH (person:Person) WHERE person.id = a
MERGE (person)-[r:AUTHORED]->(p)
ON CREATE SET r.at = datetime()
"""

AUTHORS = """
MATCH (p:Practice)<-[:AUTHORED]-(person:Person) WHERE p.id = $id
RETURN person.id AS id ORDER BY id
"""

# Written before a transition, so `status` and `revision` say what the comment is about.
COMMENT = """
MATCH (p:Practice) WHERE p.id = $id
CREATE (c:ReviewComment {id: randomUUID(), body: $body, at: datetime(), by: $by,
                         role: $role, status: p.status, revision: p.revision})
CREATE (c)-[:ABOUT]->(p)
WITH c
OPTIONAL MATCH (person:Person) WHERE person.id = $person
FOREACH (_ IN CASE WHEN person IS NULL THEN [] ELSE [1] END |
  CREATE (c)-[:WRITTEN_BY]->(person))
"""

UPDATE_FIELDS = """
MATCH (p:Practice) WHERE p.id = $id
SET p += $fields, p.revision = p.revision + 1, p.updatedAt = datetime()
"""

# The caller holds the practice's lock and has checked the status it moves from.
TRANSITION = """
MATCH (p:Practice) WHERE p.id = $id
SET p.status = $status, p.revision = p.revision + 1, p.updatedAt = datetime(),
    p.publishedAt = CASE WHEN $status = 'PUBLISHED' THEN datetime() ELSE p.publishedAt END
"""

# Relationship types cannot be parameters, so each link list has its own statement.
REPLACE_LINKS: dict[str, LiteralString] = {
    "themes": """
        MATCH (p:Practice) WHERE p.id = $id
        OPTIONAL MATCH (p)-[old:ADDRESSES]->(:Theme) DELETE old
        WITH DISTINCT p UNWIND $values AS v MATCH (t:Theme) WHERE t.slug = v
        MERGE (p)-[:ADDRESSES]->(t)""",
    "target_groups": """
        MATCH (p:Practice) WHERE p.id = $id
        OPTIONAL MATCH (p)-[old:TARGETS]->(:TargetGroup) DELETE old
        WITH DISTINCT p UNWIND $values AS v MATCH (g:TargetGroup) WHERE g.slug = v
        MERGE (p)-[:TARGETS]->(g)""",
    "municipalities": """
        MATCH (p:Practice) WHERE p.id = $id
        OPTIONAL MATCH (p)-[old:APPLIED_IN]->(:Municipality) DELETE old
        WITH DISTINCT p UNWIND $values AS v MATCH (m:Municipality) WHERE m.code = v
        MERGE (p)-[:APPLIED_IN]->(m)""",
    "action_lines": """
        MATCH (p:Practice) WHERE p.id = $id
        OPTIONAL MATCH (p)-[old:SUPPORTS]->(:ActionLine) DELETE old
        WITH DISTINCT p UNWIND $values AS v MATCH (a:ActionLine) WHERE a.number = v
        MERGE (p)-[:SUPPORTS]->(a)""",
}

REVISION = """
MATCH (p:Practice) WHERE p.id = $id
CREATE (r:Revision {id: randomUUID(), number: p.revision, at: datetime(), by: $by,
                    role: $role, action: $action, status: p.status,
                    changedFields: $changed, changes: $changes})
CREATE (r)-[:REVISION_OF]->(p)
"""
