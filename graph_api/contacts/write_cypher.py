"""The contacts' write Cypher, in one place. Values always arrive as parameters."""

from __future__ import annotations

from graph_api.graph_names import Label, Rel

ORGANISATION_CONTACTS = f"""
MATCH (o:{Label.ORGANISATION}) WHERE o.id = $id
RETURN o.id AS id,
       COLLECT {{ MATCH (o)<-[:{Rel.CONTACT_FOR}]-(p:{Label.PERSON}) RETURN p.id }} AS contacts
"""

SET_ORGANISATION_CONTACT = f"""
MATCH (o:{Label.ORGANISATION}) WHERE o.id = $id
SET o += $fields
"""

# Contact persons in the order given: the kept ones updated, the new ones made (working for
# the organisation), the contact link of the rest removed.
UPDATE_PEOPLE = f"""
UNWIND $people AS row
MATCH (p:{Label.PERSON}) WHERE p.id = row.id
SET p += row.props
"""

CREATE_PEOPLE = f"""
MATCH (o:{Label.ORGANISATION}) WHERE o.id = $id
UNWIND $people AS row
CREATE (p:{Label.PERSON} {{id: row.id, demo: false}})
SET p += row.props
CREATE (p)-[:{Rel.WORKS_FOR}]->(o)
CREATE (p)-[:{Rel.CONTACT_FOR}]->(o)
"""

# People no longer contacts lose the link; one left with no link at all and no account is
# personal data kept for nothing, so it is deleted (data minimisation).
_DROP_ORPHANS = f"""
DELETE c
WITH p
WHERE p.subject IS NULL
  AND NOT EXISTS {{ (p)-[:{Rel.CONTACT_FOR}|{Rel.AUTHORED}|{Rel.WRITTEN_BY}]-() }}
DETACH DELETE p
"""


def _drop_contacts(label: str) -> str:
    """People in $gone stop being contacts of the $id node of `label` (and go if orphaned)."""
    return f"""
MATCH (x:{label})<-[c:{Rel.CONTACT_FOR}]-(p:{Label.PERSON})
WHERE x.id = $id AND p.id IN $gone
{_DROP_ORPHANS}"""


DROP_CONTACTS = _drop_contacts(Label.ORGANISATION)

# A coalition's contact and its kartrekker organisation(s), read under the coalition's lock.
COALITION_CONTACT = f"""
MATCH (c:{Label.COALITION}) WHERE c.id = $id
RETURN COLLECT {{ MATCH (c)<-[:{Rel.CONTACT_FOR}]-(p:{Label.PERSON}) RETURN p.id }} AS contacts,
       COLLECT {{ MATCH (c)<-[m:{Rel.MEMBER_OF}]-(o:{Label.ORGANISATION}) WHERE m.role = 'LEAD'
                  RETURN o.id }} AS leads
"""

DROP_COALITION_CONTACTS = _drop_contacts(Label.COALITION)

CREATE_COALITION_CONTACT = f"""
MATCH (c:{Label.COALITION}) WHERE c.id = $id
CREATE (p:{Label.PERSON} {{id: $person, demo: false}})
SET p += $props
CREATE (p)-[:{Rel.CONTACT_FOR}]->(c)
"""

# A practice's organisation and contact, and whether the person may be its contact: someone
# of its organisation or one of its authors. Read under the practice's lock.
PRACTICE_CONTACT = f"""
MATCH (pr:{Label.PRACTICE}) WHERE pr.id = $id
OPTIONAL MATCH (pr)-[:{Rel.BY}]->(o:{Label.ORGANISATION})
RETURN COLLECT {{ MATCH (pr)<-[:{Rel.CONTACT_FOR}]-(p:{Label.PERSON}) RETURN p.id }} AS contacts,
       $person IS NULL OR EXISTS {{
         MATCH (p:{Label.PERSON}) WHERE p.id = $person
           AND (EXISTS {{ (p)-[:{Rel.WORKS_FOR}]->(o) }}
                OR EXISTS {{ (p)-[:{Rel.AUTHORED}]->(pr) }}) }} AS eligible
"""

DROP_PRACTICE_CONTACTS = _drop_contacts(Label.PRACTICE)

SET_PRACTICE_CONTACT = f"""
MATCH (pr:{Label.PRACTICE}) WHERE pr.id = $id
MATCH (p:{Label.PERSON}) WHERE p.id = $person
MERGE (p)-[:{Rel.CONTACT_FOR}]->(pr)
"""

LOCK_PERSON = f"""
MATCH (p:{Label.PERSON}) WHERE p.id = $id
SET p._lock = true REMOVE p._lock
RETURN p.id AS id, p.subject AS subject
"""

# Erasure on request (AVG art. 17): the revisions and review comments the person made keep
# their place in the history, with "verwijderd" where the person's account was (found by the
# indexed `by`), and the Person ID leaves the recorded changes (author lists). That last one
# reads every revision: erasure is rare, and an ID inside JSON text has no index.
ANONYMISE_ACCOUNT = f"""
CALL () {{
  MATCH (r:{Label.REVISION}) WHERE r.by = $subject
  SET r.by = $erased
}}
CALL () {{
  MATCH (c:{Label.REVIEW_COMMENT}) WHERE c.by = $subject
  SET c.by = $erased
}}
"""

ANONYMISE_CHANGES = f"""
MATCH (r:{Label.REVISION}) WHERE r.changes CONTAINS $ref
SET r.changes = replace(r.changes, $ref, $erased)
"""

ERASE_PERSON = f"""
MATCH (p:{Label.PERSON}) WHERE p.id = $id
DETACH DELETE p
"""
