"""The practices' write Cypher, in one place. Values always arrive as parameters."""

from __future__ import annotations

from typing import LiteralString

from graph_api.graph_names import Label, Rel, replace_links

# Taking the practice's write lock first: whatever a mutation then reads (status, revision,
# fields) cannot change until it commits, so checks and writes act on the same state. Setting
# and removing a property takes the lock without leaving anything behind (the way the Neo4j
# manual shows under "Lost updates").
LOCK = f"""
MATCH (p:{Label.PRACTICE}) WHERE p.id = $id
SET p._lock = true REMOVE p._lock
RETURN p.id AS id
"""

CURRENT = f"""
MATCH (p:{Label.PRACTICE}) WHERE p.id = $id
OPTIONAL MATCH (p)-[:{Rel.BY}]->(o:{Label.ORGANISATION})
RETURN p.status AS status, p.revision AS revision, o.id AS organisation,
       p {{.title, .summary, .body, .results, .costs, .evidenceLevel, .links}} AS fields,
       COLLECT {{ MATCH (p)-[:{Rel.ADDRESSES}]->(t:{Label.THEME})
                  RETURN t.slug ORDER BY t.slug }} AS themes,
       COLLECT {{ MATCH (p)-[:{Rel.TARGETS}]->(g:{Label.TARGET_GROUP})
                  RETURN g.slug ORDER BY g.slug }} AS target_groups,
       COLLECT {{ MATCH (p)-[:{Rel.APPLIED_IN}]->(m:{Label.MUNICIPALITY})
                  RETURN m.code ORDER BY m.code }} AS municipalities,
       COLLECT {{ MATCH (p)-[:{Rel.SUPPORTS}]->(a:{Label.ACTION_LINE})
                  RETURN a.number ORDER BY a.number }} AS action_lines
"""

CREATE = f"""
MATCH (o:{Label.ORGANISATION}) WHERE o.id = $organisation
CREATE (p:{Label.PRACTICE} {{id: $id, slug: $slug, status: 'DRAFT', revision: 1, demo: false,
                    createdAt: datetime(), updatedAt: datetime()}})
SET p += $fields
CREATE (p)-[:{Rel.BY}]->(o)
"""

# The person behind a token, found by the token's subject (unique), made on first use. Their
# name is what the token says, else a neutral Dutch label: the subject (often an e-mail
# address) never becomes a public name. A partner's person works for its organisation.
# Read first, without locks: an account's person almost always exists already, and writing
# to it on every create would make all creates by one person queue (and deadlock) on it.
FIND_ACCOUNT_PERSON = f"""
MATCH (person:{Label.PERSON}) WHERE person.subject = $subject
RETURN person.id AS id, person.name AS name,
       $organisation IS NULL OR EXISTS {{
         MATCH (person)-[:{Rel.WORKS_FOR}]->(o:{Label.ORGANISATION}) WHERE o.id = $organisation
       }} AS works
"""

ACCOUNT_PERSON = f"""
OPTIONAL MATCH (o:{Label.ORGANISATION}) WHERE o.id = $organisation
MERGE (person:{Label.PERSON} {{subject: $subject}})
ON CREATE SET person.id = randomUUID(), person.demo = false,
  person.name = coalesce($name, CASE WHEN o IS NULL THEN $staff_name
                                     ELSE 'Medewerker van ' + o.name END)
ON MATCH SET person.name = coalesce($name, person.name)
FOREACH (_ IN CASE WHEN o IS NULL THEN [] ELSE [1] END | MERGE (person)-[:{Rel.WORKS_FOR}]->(o))
RETURN person.id AS id
"""

# Authors are people the practice's organisation knows (they work for it) or already
# authors of it; the statement answers which of the given ids are neither.
UNKNOWN_AUTHORS = f"""
MATCH (p:{Label.PRACTICE}) WHERE p.id = $id
RETURN [a IN $authors WHERE NOT EXISTS {{
  MATCH (person:{Label.PERSON})-[:{Rel.WORKS_FOR}]->(:{Label.ORGANISATION})<-[:{Rel.BY}]-(p)
  WHERE person.id = a
}} AND NOT EXISTS {{
  MATCH (person:{Label.PERSON})-[:{Rel.AUTHORED}]->(p) WHERE person.id = a
}}] AS unknown
"""

# The authors of a practice created in this transaction (it has none yet: no MERGE).
FIRST_AUTHORS = f"""
MATCH (p:{Label.PRACTICE}) WHERE p.id = $id
UNWIND $authors AS a
MATCH (person:{Label.PERSON}) WHERE person.id = a
CREATE (person)-[:{Rel.AUTHORED} {{at: datetime()}}]->(p)
"""

SET_AUTHORS = f"""
MATCH (p:{Label.PRACTICE}) WHERE p.id = $id
OPTIONAL MATCH (p)<-[old:{Rel.AUTHORED}]-(gone:{Label.PERSON}) WHERE NOT gone.id IN $authors
DELETE old
WITH DISTINCT p
UNWIND $authors AS a
MATCH (person:{Label.PERSON}) WHERE person.id = a
MERGE (person)-[r:{Rel.AUTHORED}]->(p)
ON CREATE SET r.at = datetime()
"""

AUTHORS = f"""
MATCH (p:{Label.PRACTICE})<-[:{Rel.AUTHORED}]-(person:{Label.PERSON}) WHERE p.id = $id
RETURN person.id AS id ORDER BY id
"""

# Written before a transition, so `status` and `revision` say what the comment is about.
COMMENT = f"""
MATCH (p:{Label.PRACTICE}) WHERE p.id = $id
CREATE (c:{Label.REVIEW_COMMENT} {{id: randomUUID(), body: $body, at: datetime(), by: $by,
                         role: $role, status: p.status, revision: p.revision}})
CREATE (c)-[:{Rel.ABOUT}]->(p)
WITH c
OPTIONAL MATCH (person:{Label.PERSON}) WHERE person.id = $person
FOREACH (_ IN CASE WHEN person IS NULL THEN [] ELSE [1] END |
  CREATE (c)-[:{Rel.WRITTEN_BY}]->(person))
"""

UPDATE_FIELDS = f"""
MATCH (p:{Label.PRACTICE}) WHERE p.id = $id
SET p += $fields, p.revision = p.revision + 1, p.updatedAt = datetime()
"""

# The caller holds the practice's lock and has checked the status it moves from.
TRANSITION = f"""
MATCH (p:{Label.PRACTICE}) WHERE p.id = $id
SET p.status = $status, p.revision = p.revision + 1, p.updatedAt = datetime.transaction(),
    p.publishedAt = CASE WHEN $status = 'PUBLISHED' THEN datetime.transaction()
                         ELSE p.publishedAt END
"""

# Relationship types cannot be parameters, so each link list has its own statement.
REPLACE_LINKS: dict[str, LiteralString] = {
    "themes": replace_links(Label.PRACTICE, "t", Rel.ADDRESSES, Label.THEME, "slug"),
    "target_groups": replace_links(Label.PRACTICE, "g", Rel.TARGETS, Label.TARGET_GROUP, "slug"),
    "municipalities": replace_links(
        Label.PRACTICE, "m", Rel.APPLIED_IN, Label.MUNICIPALITY, "code"
    ),
    "action_lines": replace_links(Label.PRACTICE, "a", Rel.SUPPORTS, Label.ACTION_LINE, "number"),
}

REVISION = f"""
MATCH (p:{Label.PRACTICE}) WHERE p.id = $id
CREATE (r:{Label.REVISION} {{id: randomUUID(), number: p.revision, at: datetime(), by: $by,
                    role: $role, action: $action, status: p.status,
                    changedFields: $changed, changes: $changes}})
CREATE (r)-[:{Rel.REVISION_OF}]->(p)
"""
