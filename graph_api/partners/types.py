"""GraphQL types of partner finding. Plain fields: one compiled Cypher statement fills them."""

from __future__ import annotations

from enum import Enum

import strawberry

from graph_api.graphql.node import Node
from graph_api.graphql.scalars import Date
from graph_api.network.enums import MemberRole, OrganisationKind
from graph_api.network.types import Coalition, Municipality, Organisation, TargetGroup, Theme


@strawberry.input(description="Narrows the suggestions; all given fields must match.")
class SuggestionFilter:
    kinds: list[OrganisationKind] | None = None
    provinces: list[str] | None = strawberry.field(
        default=None, description="Province codes of where they are based."
    )
    themes: list[str] | None = strawberry.field(
        default=None, description="Theme slugs; they work on at least one."
    )


@strawberry.type(description="An organisation worth meeting, with why, in words and as data.")
class CollaboratorSuggestion:
    organisation: Organisation
    score: float = strawberry.field(
        description="Higher is a better match; how it is made: see suggestCollaborators."
    )
    reasons: list[str] = strawberry.field(description="Why, in English sentences.")
    shared_themes: list[Theme] = strawberry.field(description="Alphabetical.")
    shared_target_groups: list[TargetGroup] = strawberry.field(description="Alphabetical.")
    shared_coalitions: list[Coalition] = strawberry.field(
        description="Coalitions both are members of."
    )
    mutual_partners: int = strawberry.field(description="Partners the two have in common.")
    distance_km: float | None = strawberry.field(
        description="Between their home municipalities' centroids; null if one has none."
    )


@strawberry.enum(description="Which way a relationship is stored, seen along the path.")
class PathDirection(Enum):
    OUTGOING = "OUTGOING"
    INCOMING = "INCOMING"


@strawberry.type(description="One relationship along a connection path and the node it reaches.")
class PathStep:
    node: Node = strawberry.field(description="An Organisation or a Coalition.")
    relationship: str = strawberry.field(description="MEMBER_OF, PARTNERS_WITH or BRANCH_OF.")
    direction: PathDirection = strawberry.field(
        description="OUTGOING if stored from the previous node to this one. Partnerships are "
        "symmetric: their stored direction carries no meaning."
    )
    role: MemberRole | None = strawberry.field(description="For MEMBER_OF: the member's role.")
    since: Date | None


@strawberry.type(description="The shortest chain from one organisation to another.")
class ConnectionPath:
    hops: int = strawberry.field(
        description="Relationships on the path; 0 from an organisation to itself."
    )
    steps: list[PathStep] = strawberry.field(description="In order, from the first organisation.")
    introducers: list[Organisation] = strawberry.field(
        description="The organisations between the two, in path order: who can introduce them."
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
    organisations: list[NearbyOrganisation] = strawberry.field(
        description="By home municipality; nearest first, then by name."
    )
    coalitions: list[NearbyCoalition] = strawberry.field(
        description="By their nearest covered municipality; nearest first, then by name."
    )


@strawberry.type(description="Figures of one province, for a map.")
class ProvinceCoverage:
    code: str
    name: str
    municipalities: int
    joined: int = strawberry.field(description="Municipalities that joined the programme.")
    organisations: int = strawberry.field(description="Organisations based here.")
    coalitions: int = strawberry.field(description="Local coalitions covering a municipality here.")
    published_practices: int = strawberry.field(description="Applied in a municipality here.")


@strawberry.type(description="Figures of one municipality, for a map.")
class MunicipalityCoverage:
    code: str
    name: str
    joined: bool
    has_local_coalition: bool
    organisations: int = strawberry.field(description="Organisations based here.")
    published_practices: int = strawberry.field(description="Published practices applied here.")


@strawberry.type(description="How far the local approach reaches, nationally or in a province.")
class Coverage:
    municipalities: int
    joined: int
    without_local_coalition: list[Municipality] = strawberry.field(description="Alphabetical.")
    themes_without_published_practice: list[Theme] = strawberry.field(
        description="Alphabetical. In a province: no published practice applied there."
    )
    per_province: list[ProvinceCoverage] = strawberry.field(description="By province code.")
    per_municipality: list[MunicipalityCoverage] = strawberry.field(description="Alphabetical.")


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
    coalition: Coalition
    members: int
    members_by_kind: list[OrganisationKindCount] = strawberry.field(
        description="Kinds present, most members first."
    )
    members_by_role: list[MemberRoleCount] = strawberry.field(
        description="Roles present: LEAD, CORE, MEMBER."
    )
    municipalities: int = strawberry.field(description="Municipalities it covers.")
    partnerships_among_members: int
    published_practices: int = strawberry.field(description="Published practices of its members.")


@strawberry.type(description="An organisation with how connected it is.")
class ConnectedOrganisation:
    organisation: Organisation
    degree: int = strawberry.field(description="partnerships + memberships + branches.")
    partnerships: int
    memberships: int = strawberry.field(description="Coalitions it is a member of.")
    branches: int = strawberry.field(description="Branch links: its local branches, or its parent.")
