"""GraphQL types of partner finding. One compiled Cypher statement fills them; the views of
one node (coverage, figures, degree) declare their counts here."""

from __future__ import annotations

from enum import Enum

import strawberry

from graph_api.graph_names import Rel
from graph_api.graphql.mapping import FromParent, prop, same, sized
from graph_api.graphql.node import Node
from graph_api.graphql.scalars import Date
from graph_api.network.enums import MemberRole, OrganisationKind
from graph_api.network.types import Coalition, Municipality, Organisation, TargetGroup, Theme
from graph_api.partners import counts


@strawberry.input(description="Narrows the suggestions; all given fields must match.")
class SuggestionFilter:
    kinds: list[OrganisationKind] | None = None
    provinces: list[str] | None = strawberry.field(
        default=None, description="Province codes of where they are based."
    )
    themes: list[str] | None = strawberry.field(
        default=None, description="Theme slugs; they work on at least one."
    )
    target_groups: list[str] | None = strawberry.field(
        default=None, description="Target group slugs; they serve at least one."
    )
    radius_km: float | None = strawberry.field(
        default=None,
        description="Based within this many km (above 0, at most 300) of the organisation's "
        "home; an organisation without a home then gets no suggestions.",
    )


@strawberry.enum(description="What one reason for a suggestion is about.")
class SuggestionReasonKind(Enum):
    SHARED_COALITION = strawberry.enum_value(
        "SHARED_COALITION",
        description="Both are members of one coalition (one reason per coalition); its "
        "kartrekker is named when it has one.",
    )
    PARTNERS_IN_COMMON = strawberry.enum_value(
        "PARTNERS_IN_COMMON",
        description="Partners of both: who can introduce them (the first three named).",
    )
    SHARED_THEMES = "SHARED_THEMES"
    SHARED_TARGET_GROUPS = "SHARED_TARGET_GROUPS"
    SAME_MUNICIPALITY = strawberry.enum_value(
        "SAME_MUNICIPALITY", description="Both are based in one municipality."
    )
    NEARBY = strawberry.enum_value(
        "NEARBY", description="Based in another municipality under 50 km away."
    )


@strawberry.type(description="An organisation's role in a coalition, as a reason names it.")
class ReasonRole:
    # Not `id`: normalized caches would take this for the Coalition itself.
    coalition_id: strawberry.ID = strawberry.field(description="The coalition's global ID.")
    coalition_name: str
    role: MemberRole = strawberry.field(description="LEAD is the kartrekker.")


@strawberry.type(
    description="An organisation a suggestion runs through: a partner of both, or the "
    "kartrekker of a coalition both are in."
)
class ReasonOrganisation:
    organisation_id: strawberry.ID = strawberry.field(description="Its global ID.")
    name: str
    roles: list[ReasonRole] = sized(
        3,
        description="Its roles in the coalitions of either organisation, kartrekker first "
        "(at most three).",
    )


@strawberry.type(
    description="One reason for a suggestion: the sentence and, as data, what it says."
)
class SuggestionReason:
    kind: SuggestionReasonKind
    text: str = strawberry.field(description="The sentence, in the requested language.")
    values: list[str] = sized(
        6,
        description="The names the sentence gives, in its order: the coalition (and its "
        "kartrekker), the partners in common, the themes, the target groups or the "
        "municipality (its display name).",
    )
    count: int = strawberry.field(
        description="How many there are: more than `values` names for partners in common."
    )
    organisations: list[ReasonOrganisation] = sized(
        3,
        description="Whom the link runs through: a shared coalition's kartrekker, or the "
        "partners in common named.",
    )


@strawberry.type(description="An organisation worth meeting, with why, in words and as data.")
class CollaboratorSuggestion:
    organisation: Organisation
    score: float = strawberry.field(
        description="Higher is a better match; how it is made: see suggestCollaborators."
    )
    reasons: list[str] = strawberry.field(
        description="Why, in sentences in the requested language (Dutch unless `locale: EN` "
        "or `Accept-Language: en`): the texts of `reasonDetails`."
    )
    reason_details: list[SuggestionReason] = sized(
        10, description="The same reasons, each with what it says as data."
    )
    shared_themes: list[Theme] = sized(5, description="Alphabetical.")
    shared_target_groups: list[TargetGroup] = sized(5, description="Alphabetical.")
    shared_coalitions: list[Coalition] = sized(5, description="Coalitions both are members of.")
    mutual_partners: int = strawberry.field(description="Partners the two have in common.")
    partners_in_common: list[Organisation] = sized(
        3, description="The first three partners the two have in common, alphabetical."
    )
    distance_km: float | None = strawberry.field(
        description="Between their home municipalities' centroids; null if one has none."
    )


@strawberry.enum(description="Which way a relationship is stored, seen along the path.")
class PathDirection(Enum):
    OUTGOING = "OUTGOING"
    INCOMING = "INCOMING"


@strawberry.enum(
    description="The relationships a connection path may cross: MEMBER_OF (an organisation "
    "in a coalition), PARTNERS_WITH (two partners), BRANCH_OF (a local branch and its "
    "national organisation)."
)
class PathRelationship(Enum):
    # Values are the relationship types in the graph: `type(rel)` reads as one of them.
    MEMBER_OF = Rel.MEMBER_OF.value
    PARTNERS_WITH = Rel.PARTNERS_WITH.value
    BRANCH_OF = Rel.BRANCH_OF.value


@strawberry.type(description="One relationship along a connection path and the node it reaches.")
class PathStep:
    node: Node = strawberry.field(description="An Organisation or a Coalition.")
    relationship: PathRelationship
    direction: PathDirection = strawberry.field(
        description="OUTGOING if stored from the previous node to this one. Partnerships are "
        "symmetric: their stored direction carries no meaning."
    )
    role: MemberRole | None = strawberry.field(description="For MEMBER_OF: the member's role.")
    since: Date | None


@strawberry.type(
    description="An organisation between the two on a connection path, and how it is linked "
    "to the organisation before it on the path."
)
class PathIntroducer:
    organisation: Organisation
    relationship: PathRelationship = strawberry.field(
        description="MEMBER_OF: a member of the same coalition (`coalition`) as the one "
        "before it; PARTNERS_WITH: its partner; BRANCH_OF: one is a local branch of the other."
    )
    coalition: Coalition | None = strawberry.field(description="For MEMBER_OF: that coalition.")
    description: str = strawberry.field(
        description='The link in words, in the requested language ("Partner van Movisie").'
    )


# The longest path searched (`connectionPath`'s `maxHops` goes up to it).
LONGEST_PATH = 6


@strawberry.type(
    description="The shortest chain from one organisation to another (searched up to 6 hops), "
    "and whether it is within the `maxHops` asked."
)
class ConnectionPath:
    found: bool = strawberry.field(
        description="A path within `maxHops`. When false, `hops` says how many are needed "
        "and the steps show that nearest connection, if there is one within 6 hops."
    )
    hops: int | None = strawberry.field(
        description="Relationships on the shortest path; 0 from an organisation to itself; "
        "null when there is none within 6 hops."
    )
    steps: list[PathStep] = sized(
        LONGEST_PATH, description="In order, from the first organisation."
    )
    introducers: list[Organisation] = sized(
        LONGEST_PATH,
        description="The organisations between the two, in path order: who can introduce them.",
    )
    introducer_details: list[PathIntroducer] = sized(
        LONGEST_PATH,
        description="The same organisations, each with how it is linked to the one before it.",
    )


@strawberry.type(description="An organisation based near the given municipality.")
class NearbyOrganisation:
    organisation: Organisation
    distance_km: float = strawberry.field(description="Between the municipalities' centroids.")


@strawberry.type(description="A local coalition covering a municipality near the given one.")
class NearbyCoalition:
    coalition: Coalition
    distance_km: float = strawberry.field(description="To its nearest covered municipality.")


@strawberry.type(description="Organisations and coalitions within a distance, nearest first.")
class Nearby:
    municipality: Municipality = strawberry.field(description="The centre.")
    organisations: list[NearbyOrganisation] = sized(
        FromParent("first", 100), description="By home municipality; nearest first, then by name."
    )
    coalitions: list[NearbyCoalition] = sized(
        FromParent("first", 100),
        description="By their nearest covered municipality; nearest first, then by name.",
    )


@strawberry.type(description="Figures of one province, for a map.")
class ProvinceCoverage:
    code: str
    name: str
    municipalities: int = prop(counts.PROVINCE_MUNICIPALITIES)
    joined: int = prop(
        counts.PROVINCE_JOINED, description="Municipalities that joined the programme."
    )
    organisations: int = prop(
        counts.PROVINCE_ORGANISATIONS, description="Organisations based here."
    )
    coalitions: int = prop(
        counts.PROVINCE_COALITIONS, description="Local coalitions covering a municipality here."
    )
    published_practices: int = prop(
        counts.PROVINCE_PRACTICES, description="Applied in a municipality here."
    )


@strawberry.type(description="Figures of one municipality, for a map.")
class MunicipalityCoverage:
    code: str
    name: str
    display_name: str = strawberry.field(description="The name to show: see Municipality.")
    joined: bool = prop("{n}.participation = 'JOINED'")
    has_local_coalition: bool = prop(counts.HAS_LOCAL_COALITION)
    organisations: int = prop(counts.BASED_HERE, description="Organisations based here.")
    published_practices: int = prop(
        counts.PUBLISHED_HERE, description="Published practices applied here."
    )


@strawberry.type(description="How far the local approach reaches, nationally or in a province.")
class Coverage:
    municipalities: int
    joined: int
    without_local_coalition: list[Municipality] = sized(342, description="Alphabetical.")
    themes_without_published_practice: list[Theme] = sized(
        20, description="Alphabetical. In a province: no published practice applied there."
    )
    per_province: list[ProvinceCoverage] = sized(12, description="By province code.")
    per_municipality: list[MunicipalityCoverage] = sized(342, description="Alphabetical.")


@strawberry.type(description="How many members are of one kind.")
class OrganisationKindCount:
    kind: OrganisationKind
    count: int


@strawberry.type(description="How many members have one role.")
class MemberRoleCount:
    role: MemberRole
    count: int


@strawberry.type(description="Figures of one coalition.")
class CoalitionFigures:
    coalition: Coalition = same()
    members: int = prop(counts.COALITION_MEMBERS)
    members_by_kind: list[OrganisationKindCount] = prop(
        counts.MEMBERS_BY_KIND, size=13, description="Kinds present, most members first."
    )
    members_by_role: list[MemberRoleCount] = prop(
        counts.MEMBERS_BY_ROLE, size=3, description="Roles present: LEAD, CORE, MEMBER."
    )
    municipalities: int = prop(counts.COVERED, description="Municipalities it covers.")
    partnerships_among_members: int = prop(counts.PARTNERSHIPS_AMONG_MEMBERS)
    published_practices: int = prop(
        counts.MEMBERS_PRACTICES, description="Published practices of its members."
    )


@strawberry.type(description="An organisation with how connected it is.")
class ConnectedOrganisation:
    organisation: Organisation = same()
    degree: int = prop(counts.DEGREE, description="partnerships + memberships + branches.")
    partnerships: int = prop(counts.PARTNERSHIPS)
    memberships: int = prop(counts.MEMBERSHIPS, description="Coalitions it is a member of.")
    branches: int = prop(
        counts.BRANCHES, description="Branch links: its local branches, or its parent."
    )
