"""The practices' write Cypher, in one place. Values always arrive as parameters."""

from __future__ import annotations

from typing import LiteralString

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

TAKEN_SLUGS = """
MATCH (p:Practice) WHERE p.slug = $base OR p.slug STARTS WITH $base + '-'
RETURN collect(p.slug) AS slugs
"""

CREATE = """
MATCH (o:Organisation) WHERE o.id = $organisation
CREATE (p:Practice {id: $id, slug: $slug, status: 'DRAFT', revision: 1, demo: false,
                    createdAt: datetime(), updatedAt: datetime()})
SET p += $fields
CREATE (p)-[:BY]->(o)
"""

UPDATE_FIELDS = """
MATCH (p:Practice) WHERE p.id = $id
SET p += $fields, p.revision = p.revision + 1, p.updatedAt = datetime()
"""

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
