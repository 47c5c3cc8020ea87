"""The graph's vocabulary: every node label and relationship type, named once.

Cypher in the domains is written with these (`f"(o)-[:{Rel.BASED_IN}]->(m)"`), so
a rename is one edit and a typo is an AttributeError at import rather than an empty
result at run time. The string values are what the database stores.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Label(StrEnum):
    PROVINCE = "Province"
    MUNICIPALITY = "Municipality"
    COALITION = "Coalition"
    ORGANISATION = "Organisation"
    THEME = "Theme"
    TARGET_GROUP = "TargetGroup"
    ACTION_LINE = "ActionLine"
    PRACTICE = "Practice"
    ACTIVITY = "Activity"
    PERSON = "Person"
    REVISION = "Revision"
    REVIEW_COMMENT = "ReviewComment"
    OUTBOX_ENTRY = "OutboxEntry"
    OUTBOX_TALLY = "OutboxTally"
    SEARCH_LEASE = "SearchLease"


class Rel(StrEnum):
    IN_PROVINCE = "IN_PROVINCE"  # (Municipality)->(Province)
    BASED_IN = "BASED_IN"  # (Organisation)->(Municipality)
    ACTIVE_IN = "ACTIVE_IN"  # (Organisation)->(Municipality)
    WORKS_ON = "WORKS_ON"  # (Organisation)->(Theme)
    FOCUSES_ON = "FOCUSES_ON"  # (Coalition)->(Theme): its speerpunten
    SERVES = "SERVES"  # (Organisation)->(TargetGroup)
    MEMBER_OF = "MEMBER_OF"  # (Organisation)->(Coalition), {role, since}
    PARTNERS_WITH = "PARTNERS_WITH"  # (Organisation)->(Organisation), stored once per pair
    BRANCH_OF = "BRANCH_OF"  # (local Organisation)->(national Organisation)
    COVERS = "COVERS"  # (Coalition)->(Municipality)
    COUNTERPART_OF = "COUNTERPART_OF"  # (local Coalition)->(national Coalition)
    PREDECESSOR_OF = "PREDECESSOR_OF"  # (Coalitie Erbij)->(national Coalition)
    WAS_MEMBER_OF = "WAS_MEMBER_OF"  # (Organisation)->(ended Coalition), {role, since}
    BY = "BY"  # (Practice)->(Organisation)
    ADDRESSES = "ADDRESSES"  # (Practice|Activity)->(Theme)
    TARGETS = "TARGETS"  # (Practice|Activity)->(TargetGroup)
    APPLIED_IN = "APPLIED_IN"  # (Practice)->(Municipality)
    SUPPORTS = "SUPPORTS"  # (Practice|Activity)->(ActionLine)
    ORGANISED_BY = "ORGANISED_BY"  # (Activity)->(Organisation)
    HELD_IN = "HELD_IN"  # (Activity)->(Municipality)
    REVISION_OF = "REVISION_OF"  # (Revision)->(Practice)
    ABOUT = "ABOUT"  # (ReviewComment)->(Practice)
    WRITTEN_BY = "WRITTEN_BY"  # (ReviewComment)->(Person)
    AUTHORED = "AUTHORED"  # (Person)->(Practice), {at}
    WORKS_FOR = "WORKS_FOR"  # (Person)->(Organisation)
    CONTACT_FOR = "CONTACT_FOR"  # (Person)->(Organisation|Coalition|Practice)
    # (Province)->(Theme), {practices}: a maintained aggregate (partners.aggregates)
    PUBLISHED_ON = "PUBLISHED_ON"


@dataclass(frozen=True)
class RelOrder:
    """Relationships `(start)-[r:rel]->(end)` that carry the end node's key (as `r.<key>`)
    and copies of the start node's sort keys (`copies`: start node property, relationship
    property), under the range index `index` on (key, copies...). One end node's start
    nodes can then be read from the index in sort order, a page at a time, instead of all
    read and sorted. The copies are kept by `partners.aggregates`."""

    start: Label
    rel: Rel
    end: Label
    key: str  # the relationship property holding the end node's `end_key`
    end_key: str
    copies: tuple[tuple[str, str], ...]
    index: str
    # Or the key of the node one more step `via` from the end node (a municipality's
    # province): each end node has exactly one such node.
    via: str = ""

    @property
    def props(self) -> tuple[str, ...]:
        """The index's properties, in its order."""
        return (self.key, *(copy for _, copy in self.copies))

    def key_of(self, end: str) -> str:
        """Cypher for the key the relationship carries, from its end node `end`."""
        if not self.via:
            return f"{end}.{self.end_key}"
        return f"COLLECT {{ MATCH ({end}){self.via}(k) RETURN k.{self.end_key} }}[0]"


def _by_organisation_name(
    rel: Rel, end: Label, key: str, end_key: str, via: str = "", index: str = ""
) -> RelOrder:
    """Organisations reached from one `end` node, in name order (`OrganisationSort.NAME`,
    `MemberSort.NAME`): the relationship carries the organisation's name and id."""
    copies = (("name", "name"), ("id", "id"))
    index = index or f"{rel.lower()}_order"
    return RelOrder(Label.ORGANISATION, rel, end, key, end_key, copies, index, via)


# A theme's organisations; a coalition's members; those based in one province (the home
# carries its municipality's province).
WORKS_ON_ORDER = _by_organisation_name(Rel.WORKS_ON, Label.THEME, "theme", "slug")
MEMBER_OF_ORDER = _by_organisation_name(Rel.MEMBER_OF, Label.COALITION, "coalition", "id")
BASED_IN_ORDER = _by_organisation_name(
    Rel.BASED_IN, Label.MUNICIPALITY, "province", "code", via=f"-[:{Rel.IN_PROVINCE}]->"
)
# Relationship types whose ends always carry these labels (start, end): one node's count of
# them can leave the far node's label out and come from Neo4j's degree store instead of
# testing each far node (a coalition's `totalCount` of 400 members at scale 100). Checked on
# the seeded graph by tests/partners/test_plans.py.
SOLE_ENDS: dict[Rel, tuple[Label, Label]] = {
    Rel.MEMBER_OF: (Label.ORGANISATION, Label.COALITION),
    Rel.PARTNERS_WITH: (Label.ORGANISATION, Label.ORGANISATION),
}
# At most one of these links any two nodes (in either direction): the writes check under the
# locks of both ends (tests/concurrency/test_network_races.py), so counting paths through
# them counts distinct neighbours (`suggestCollaborators`).
ONE_PER_PAIR = (Rel.MEMBER_OF, Rel.PARTNERS_WITH)

# Those based in one municipality (`nearby`, `suggestCollaborators`): at scale 100 a city has
# some 500, of which a page or a bounded candidate set is wanted, nearest municipality first.
BASED_IN_HOME_ORDER = _by_organisation_name(
    Rel.BASED_IN, Label.MUNICIPALITY, "municipality", "code", index="based_in_home_order"
)
# What every BASED_IN relationship carries.
BASED_IN_ORDERS = (BASED_IN_ORDER, BASED_IN_HOME_ORDER)
REL_ORDERS = (WORKS_ON_ORDER, MEMBER_OF_ORDER, *BASED_IN_ORDERS)


def replace_links(owner: Label, var: str, rel: Rel, target: Label, key: str) -> str:
    """Cypher that replaces the `rel` links of the `owner` node `$id` with links to the
    `target` nodes whose `key` is in `$values` (relationship types cannot be parameters, so
    each link list gets its own statement, written here once)."""
    return (
        f"MATCH (p:{owner}) WHERE p.id = $id "
        f"OPTIONAL MATCH (p)-[old:{rel}]->(:{target}) DELETE old "
        f"WITH DISTINCT p UNWIND $values AS v MATCH ({var}:{target}) WHERE {var}.{key} = v "
        f"MERGE (p)-[:{rel}]->({var})"
    )
