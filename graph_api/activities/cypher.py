"""The activities' write Cypher, in one place. Values always arrive as parameters."""

from __future__ import annotations

from typing import LiteralString

from graph_api.graph_names import Label, Rel, replace_links

# The activity's write lock first, as for practices (`graph_api.practices.cypher.LOCK`):
# what an edit then reads (organiser, revision, status) cannot change until it commits.
LOCK = f"""
MATCH (a:{Label.ACTIVITY}) WHERE a.id = $id
SET a._lock = true REMOVE a._lock
RETURN a.id AS id
"""

CURRENT = f"""
MATCH (a:{Label.ACTIVITY}) WHERE a.id = $id
OPTIONAL MATCH (a)-[:{Rel.ORGANISED_BY}]->(o:{Label.ORGANISATION})
RETURN a.status AS status, a.revision AS revision, o.id AS organisation,
       a.start AS start, a.end AS end, a.online AS online, a.week AS week,
       COLLECT {{ MATCH (a)-[:{Rel.HELD_IN}]->(m:{Label.MUNICIPALITY}) RETURN m.code }}
         AS municipality
"""

CREATE = f"""
MATCH (o:{Label.ORGANISATION}) WHERE o.id = $organisation
CREATE (a:{Label.ACTIVITY} {{id: $id, status: 'PLANNED', revision: 1, demo: false,
                    createdAt: datetime(), updatedAt: datetime()}})
SET a += $fields
CREATE (a)-[:{Rel.ORGANISED_BY}]->(o)
"""

UPDATE_FIELDS = f"""
MATCH (a:{Label.ACTIVITY}) WHERE a.id = $id
SET a += $fields, a.revision = a.revision + 1, a.updatedAt = datetime()
"""

# Link lists replaced as a whole; the place and the action line are lists of at most one.
REPLACE_LINKS: dict[str, LiteralString] = {
    "themes": replace_links(Label.ACTIVITY, "t", Rel.ADDRESSES, Label.THEME, "slug"),
    "target_groups": replace_links(Label.ACTIVITY, "g", Rel.TARGETS, Label.TARGET_GROUP, "slug"),
    "municipality": replace_links(Label.ACTIVITY, "m", Rel.HELD_IN, Label.MUNICIPALITY, "code"),
    "action_line": replace_links(Label.ACTIVITY, "l", Rel.SUPPORTS, Label.ACTION_LINE, "number"),
}
