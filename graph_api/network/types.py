"""GraphQL types of the network. Plain fields: the compiled Cypher fills them all at once."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

import strawberry
from strawberry.types import Info

from graph_api.graphql.node import Node
from graph_api.graphql.pagination import PageInfo, edge_cursor, nested_connection
from graph_api.graphql.scalars import Date
from graph_api.network.enums import (
    CoalitionKind,
    CoalitionSort,
    MemberRole,
    MemberSort,
    OrganisationKind,
    OrganisationSort,
    Participation,
    Scope,
)

if TYPE_CHECKING:
    from graph_api.practices.types import PracticeConnection

PAGE = 20
PracticeConnectionRef = Annotated[
    "PracticeConnection", strawberry.lazy("graph_api.practices.types")
]


@strawberry.type(description="A point in WGS84.")
class GeoPoint:
    latitude: float
    longitude: float


@strawberry.type(description="One of the 12 provinces.")
class Province(Node):
    code: str = strawberry.field(description="CBS code, e.g. PV27.")
    name: str
    municipalities: list[Municipality] = strawberry.field(description="Alphabetical.")


@strawberry.type(description="A municipality (gemeente) as of 2024, with its CBS code.")
class Municipality(Node):
    code: str = strawberry.field(description="CBS code, e.g. GM0363.")
    name: str
    location: GeoPoint = strawberry.field(description="Area-weighted centroid.")
    participation: Participation
    joined_on: Date | None
    evidence_url: str | None = strawberry.field(description="Public source for joining.")
    province: Province
    local_coalition: Coalition | None

    @strawberry.field(description="Organisations based here, alphabetical.")
    def organisations(
        self,
        info: Info,
        first: int = PAGE,
        after: str | None = None,
        sort: OrganisationSort = OrganisationSort.NAME,
    ) -> OrganisationConnection:
        return nested_connection(self, info, first, after)


@strawberry.type(description="The national coalition or a local coalition against loneliness.")
class Coalition(Node):
    name: str
    kind: CoalitionKind
    description: str | None
    started_on: Date | None
    plan_period: str | None
    is_demo: bool = strawberry.field(description="True for generated demo data.")
    source_url: str | None
    municipalities: list[Municipality] = strawberry.field(description="Covered municipalities.")
    counterpart: Coalition | None = strawberry.field(
        description="For a local coalition, the national coalition."
    )

    @strawberry.field(description="Member organisations with their roles.")
    def members(
        self,
        info: Info,
        first: int = PAGE,
        after: str | None = None,
        sort: MemberSort = MemberSort.NAME,
        role: MemberRole | None = None,
    ) -> CoalitionMemberConnection:
        return nested_connection(self, info, first, after)

    @strawberry.field(description="For the national coalition, its local counterparts.")
    def local_coalitions(
        self,
        info: Info,
        first: int = PAGE,
        after: str | None = None,
        sort: CoalitionSort = CoalitionSort.NAME,
    ) -> CoalitionConnection:
        return nested_connection(self, info, first, after)


@strawberry.type(description="An organisation's membership of a coalition.")
class CoalitionMembership:
    role: MemberRole
    since: Date | None
    coalition: Coalition


@strawberry.type(description="A partner organisation in the network.")
class Organisation(Node):
    name: str
    kind: OrganisationKind
    scope: Scope
    website: str | None
    description: str | None
    is_demo: bool = strawberry.field(description="True for generated demo data.")
    source_url: str | None
    home_municipality: Municipality | None = strawberry.field(description="Where it is based.")
    active_in: list[Municipality] = strawberry.field(description="Where else it works.")
    themes: list[Theme]
    target_groups: list[TargetGroup]
    coalitions: list[CoalitionMembership] = strawberry.field(description="With its role in each.")
    branch_of: Organisation | None = strawberry.field(description="The national partner.")

    @strawberry.field(description="Local branches of this national partner.")
    def branches(
        self,
        info: Info,
        first: int = PAGE,
        after: str | None = None,
        sort: OrganisationSort = OrganisationSort.NAME,
    ) -> OrganisationConnection:
        return nested_connection(self, info, first, after)

    @strawberry.field(description="Organisations it partners with.")
    def partners(
        self,
        info: Info,
        first: int = PAGE,
        after: str | None = None,
        sort: OrganisationSort = OrganisationSort.NAME,
    ) -> PartnerConnection:
        return nested_connection(self, info, first, after)

    @strawberry.field(description="Its published practices, newest first.")
    def practices(
        self, info: Info, first: int = PAGE, after: str | None = None
    ) -> PracticeConnectionRef:
        return nested_connection(self, info, first, after)


@strawberry.type(description="A theme loneliness is tied to.")
class Theme(Node):
    slug: str
    name: str


@strawberry.type(description="A group of people an organisation or practice is for.")
class TargetGroup(Node):
    slug: str
    name: str


@strawberry.type(description="One of the programme's three action lines.")
class ActionLine(Node):
    number: int
    name: str
    description: str | None


def _cursor(self: Any) -> str:
    return edge_cursor(self)


@strawberry.type
class OrganisationEdge:
    node: Organisation
    cursor: str = strawberry.field(resolver=_cursor)


@strawberry.type
class OrganisationConnection:
    edges: list[OrganisationEdge]
    page_info: PageInfo
    total_count: int = strawberry.field(description="Computed only when selected.")


@strawberry.type(description="A member of a coalition, with its role.")
class CoalitionMemberEdge:
    node: Organisation
    role: MemberRole
    since: Date | None
    cursor: str = strawberry.field(resolver=_cursor)


@strawberry.type
class CoalitionMemberConnection:
    edges: list[CoalitionMemberEdge]
    page_info: PageInfo
    total_count: int = strawberry.field(description="Computed only when selected.")


@strawberry.type(description="A partner organisation, with the date the partnership began.")
class PartnerEdge:
    node: Organisation
    since: Date | None
    cursor: str = strawberry.field(resolver=_cursor)


@strawberry.type
class PartnerConnection:
    edges: list[PartnerEdge]
    page_info: PageInfo
    total_count: int = strawberry.field(description="Computed only when selected.")


@strawberry.type
class CoalitionEdge:
    node: Coalition
    cursor: str = strawberry.field(resolver=_cursor)


@strawberry.type
class CoalitionConnection:
    edges: list[CoalitionEdge]
    page_info: PageInfo
    total_count: int = strawberry.field(description="Computed only when selected.")


@strawberry.type
class MunicipalityEdge:
    node: Municipality
    cursor: str = strawberry.field(resolver=_cursor)


@strawberry.type
class MunicipalityConnection:
    edges: list[MunicipalityEdge]
    page_info: PageInfo
    total_count: int = strawberry.field(description="Computed only when selected.")
