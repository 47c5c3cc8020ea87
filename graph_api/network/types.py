"""GraphQL types of the network, each declaring once how it is read from the graph.

Plain fields read the property of their GraphQL name (`{n}.name`); the rest say what they
are: a computed `prop`, a `link` over one relationship, or a paginated `connection`. The
compiled Cypher fills them all at once.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

import strawberry

from graph_api.contacts.types import ADDRESS, Address, Person
from graph_api.graph_names import MEMBER_OF_ORDER, Label, Rel
from graph_api.graphql.mapping import Sort, by_name, connection, link, node, prop, same
from graph_api.graphql.node import Node
from graph_api.graphql.pagination import connection_type
from graph_api.graphql.scalars import Date
from graph_api.network.enums import (
    CoalitionKind,
    CoalitionSort,
    MemberRole,
    MemberSort,
    MunicipalitySort,
    OrganisationKind,
    OrganisationSort,
    Participation,
    Scope,
)

if TYPE_CHECKING:
    from graph_api.activities.types import ActivityConnection
    from graph_api.practices.types import PracticeConnection

# Practices belong to their own domain; the network refers to them by name, lazily.
PracticeConnectionRef = Annotated[
    "PracticeConnection", strawberry.lazy("graph_api.practices.types")
]
ActivityConnectionRef = Annotated[
    "ActivityConnection", strawberry.lazy("graph_api.activities.types")
]
IS_DEMO = "coalesce({n}.demo, false)"
MUNICIPALITY_ORDER = "{m}.displayName, {m}.code"
PUBLISHED = "{m}.status = 'PUBLISHED'"

ORGANISATION_SORTS = {OrganisationSort.NAME: by_name()}
COALITION_SORTS = {
    CoalitionSort.NAME: by_name(),
    CoalitionSort.STARTED_ON: Sort(
        ("coalesce(toString({m}.startedOn), '9999')", "{m}.id"), (False, False)
    ),
    CoalitionSort.MEMBER_COUNT: Sort(
        (f"COUNT {{{{ ({{m}})<-[:{Rel.MEMBER_OF}]-(:{Label.ORGANISATION}) }}}}", "{m}.id"),
        (True, False),
    ),
}
MUNICIPALITY_SORTS = {
    # By the name people use; "Bergen (L.)" and "Bergen (NH.)" then tie, broken by code.
    MunicipalitySort.NAME: Sort(("{m}.displayName", "{m}.code"), (False, False), indexed=True),
    MunicipalitySort.CODE: Sort(("{m}.code",), (False,), indexed=True),
    MunicipalitySort.JOINED_ON: Sort(
        ("coalesce(toString({m}.joinedOn), {m}.joinedIn, '9999')", "{m}.code"), (False, False)
    ),
}
MEMBER_SORTS = {
    MemberSort.NAME: by_name(),
    MemberSort.JOINED: Sort(("coalesce(toString({r}.since), '')", "{m}.id"), (False, False)),
}


@strawberry.type(description="A point in WGS84.")
class GeoPoint:
    latitude: float = prop("{n}.location.latitude")
    longitude: float = prop("{n}.location.longitude")


@node(Label.PROVINCE, key="code")
@strawberry.type(description="One of the 12 provinces.")
class Province(Node):
    code: str = strawberry.field(description="CBS code, e.g. PV27.")
    name: str
    municipalities: list[Municipality] = link(
        Rel.IN_PROVINCE, "in", order=MUNICIPALITY_ORDER, size=60, description="Alphabetical."
    )


@node(Label.MUNICIPALITY, key="code", sorts=MUNICIPALITY_SORTS)
@strawberry.type(description="A municipality (gemeente) as of 2024, with its CBS code.")
class Municipality(Node):
    code: str = strawberry.field(description="CBS code, e.g. GM0363.")
    name: str = strawberry.field(
        description="The official CBS name, e.g. Middelburg (Z.) or 's-Gravenhage."
    )
    display_name: str = strawberry.field(
        description="The name to show people: the CBS name without the suffix CBS adds to "
        "tell apart municipalities of one name (Middelburg, Bergen). Lists sort by "
        "it; it is not unique (show the province beside it where that matters)."
    )
    location: GeoPoint = same(description="Area-weighted centroid.")
    participation: Participation
    joined_on: Date | None = strawberry.field(
        description="Only where known to the day; see joinedIn for what the source gives."
    )
    joined_in: str | None = strawberry.field(
        description="When it joined, as precise as the source gives it: 2018, 2018-09 or a date."
    )
    joined_in_source: str | None = strawberry.field(
        description="The source that gives joinedIn (sources may differ)."
    )
    evidence_url: str | None = strawberry.field(description="Public source for joining.")
    source_read_on: Date | None = prop(
        "toString({n}.sourceReadOn)", description="When evidenceUrl was read."
    )
    source_urls: list[str] = prop(
        "coalesce({n}.sourceUrls, [])", description="Every public source about its joining."
    )
    province: Province = link(Rel.IN_PROVINCE)
    local_coalition: Coalition | None = link(Rel.COVERS, "in", where="{m}.kind = 'LOCAL'")
    organisations = connection(
        "OrganisationConnection",
        rel=Rel.BASED_IN,
        direction="in",
        sort=OrganisationSort.NAME,
        module=__name__,
        description="Organisations based here, alphabetical.",
    )
    activities = connection(
        ActivityConnectionRef,
        rel=Rel.HELD_IN,
        direction="in",
        module=__name__,
        description="Activities held here, soonest first (past and cancelled ones too).",
    )


@node(Label.COALITION, sorts=COALITION_SORTS)
@strawberry.type(description="The national coalition or a local coalition against loneliness.")
class Coalition(Node):
    name: str
    kind: CoalitionKind
    description: str | None
    started_on: Date | None
    plan_period: str | None
    ended_on: Date | None = prop("toString({n}.endedOn)", description="For a predecessor.")
    is_demo: bool = prop(IS_DEMO, description="True for generated demo data.")
    source_url: str | None
    source_read_on: Date | None = prop(
        "toString({n}.sourceReadOn)", description="When sourceUrl was read."
    )
    source_urls: list[str] = prop(
        "coalesce({n}.sourceUrls, [])", description="Every public source it rests on."
    )
    successor: Coalition | None = link(
        Rel.PREDECESSOR_OF, description="For a predecessor, the coalition that took over."
    )
    predecessor: Coalition | None = link(
        Rel.PREDECESSOR_OF, "in", description="The ended coalition this one succeeded."
    )
    former_members = connection(
        "CoalitionMemberConnection",
        rel=Rel.WAS_MEMBER_OF,
        direction="in",
        sort=MemberSort.NAME,
        sorts=MEMBER_SORTS,
        module=__name__,
        description="For a predecessor, its members with their roles (not current members).",
    )
    website: str | None
    lead: Organisation | None = link(
        Rel.MEMBER_OF,
        "in",
        where="{r}.role = 'LEAD'",
        description="The kartrekker: the member organisation with role LEAD.",
    )
    contact: Person | None = link(
        Rel.CONTACT_FOR,
        "in",
        description="Whom to ask about the coalition; null for the public (personal data).",
    )
    focus_themes: list[Theme] = link(
        Rel.FOCUSES_ON,
        order="{m}.name",
        size=5,
        description="Its speerpunten, by name; for a sourced coalition only where its source "
        "names them.",
    )
    municipalities: list[Municipality] = link(
        Rel.COVERS, order=MUNICIPALITY_ORDER, size=5, description="Covered municipalities."
    )
    counterpart: Coalition | None = link(
        Rel.COUNTERPART_OF, description="For a local coalition, the national coalition."
    )
    members = connection(
        "CoalitionMemberConnection",
        rel=Rel.MEMBER_OF,
        direction="in",
        sort=MemberSort.NAME,
        sorts=MEMBER_SORTS,
        filters={"role": (MemberRole, "{r}.role = {value}")},
        in_order=MEMBER_OF_ORDER,
        module=__name__,
        description="Member organisations with their roles.",
    )
    local_coalitions = connection(
        "CoalitionConnection",
        rel=Rel.COUNTERPART_OF,
        direction="in",
        sort=CoalitionSort.NAME,
        module=__name__,
        description="For the national coalition, its local counterparts.",
    )


@strawberry.type(description="An organisation's membership of a coalition.")
class CoalitionMembership:
    role: MemberRole = prop("{r}.role")
    since: Date | None = prop("toString({r}.since)")
    coalition: Coalition = same()


@node(Label.ORGANISATION, sorts=ORGANISATION_SORTS)
@strawberry.type(description="A partner organisation in the network.")
class Organisation(Node):
    name: str
    kind: OrganisationKind
    scope: Scope
    website: str | None
    email: str | None = strawberry.field(description="The general e-mail address (public).")
    phone: str | None = strawberry.field(description="The general phone number, E.164 (public).")
    visiting_address: Address | None = prop(ADDRESS, description="Where to visit (public).")
    description: str | None
    is_demo: bool = prop(IS_DEMO, description="True for generated demo data.")
    source_url: str | None
    source_read_on: Date | None = prop(
        "toString({n}.sourceReadOn)", description="When sourceUrl was read."
    )
    source_urls: list[str] = prop(
        "coalesce({n}.sourceUrls, [])", description="Every public source it rests on."
    )
    contacts: list[Person] = link(
        Rel.CONTACT_FOR,
        "in",
        order="{m}.name, {m}.id",
        size=3,
        description="Contact persons, by name; empty for the public (personal data).",
    )
    home_municipality: Municipality | None = link(Rel.BASED_IN, description="Where it is based.")
    active_in: list[Municipality] = link(
        Rel.ACTIVE_IN, order=MUNICIPALITY_ORDER, size=10, description="Where else it works."
    )
    themes: list[Theme] = link(Rel.WORKS_ON, order="{m}.name", size=5)
    target_groups: list[TargetGroup] = link(Rel.SERVES, order="{m}.name", size=5)
    coalitions: list[CoalitionMembership] = link(
        Rel.MEMBER_OF,
        order="{m}.kind, {m}.name",
        label=Label.COALITION,
        size=5,
        description="With its role in each.",
    )
    former_coalitions: list[CoalitionMembership] = link(
        Rel.WAS_MEMBER_OF,
        order="{m}.name",
        label=Label.COALITION,
        size=3,
        description="Ended coalitions it was a member of (Coalitie Erbij), with its role.",
    )
    branch_of: Organisation | None = link(Rel.BRANCH_OF, description="The national partner.")
    branches = connection(
        "OrganisationConnection",
        rel=Rel.BRANCH_OF,
        direction="in",
        sort=OrganisationSort.NAME,
        module=__name__,
        description="Local branches of this national partner.",
    )
    partners = connection(
        "PartnerConnection",
        rel=Rel.PARTNERS_WITH,
        direction="both",
        sort=OrganisationSort.NAME,
        module=__name__,
        description="Organisations it partners with.",
    )
    practices = connection(
        PracticeConnectionRef,
        rel=Rel.BY,
        direction="in",
        where=PUBLISHED,
        module=__name__,
        description="Its published practices, newest first.",
    )
    activities = connection(
        ActivityConnectionRef,
        rel=Rel.ORGANISED_BY,
        direction="in",
        module=__name__,
        description="Activities it organises, soonest first (past and cancelled ones too).",
    )


@node(Label.THEME, key="slug")
@strawberry.type(description="A theme loneliness is tied to.")
class Theme(Node):
    slug: str
    name: str


@node(Label.TARGET_GROUP, key="slug")
@strawberry.type(description="A group of people an organisation or practice is for.")
class TargetGroup(Node):
    slug: str
    name: str


@node(Label.ACTION_LINE, key="number", numeric_key=True)
@strawberry.type(description="One of the programme's three action lines.")
class ActionLine(Node):
    number: int
    name: str
    description: str | None


@strawberry.type
class MembershipFields:
    """What a MEMBER_OF relationship carries, for the member edges of a coalition."""

    role: MemberRole = prop("{r}.role")
    since: Date | None = prop("toString({r}.since)")


@strawberry.type
class PartnershipFields:
    since: Date | None = prop("toString({r}.since)")


if TYPE_CHECKING:  # built at run time; to a type checker they are any type
    OrganisationConnection = Any
    CoalitionMemberConnection = Any
    PartnerConnection = Any
    CoalitionConnection = Any
    MunicipalityConnection = Any
else:
    OrganisationConnection = connection_type("Organisation", "Organisation", module=__name__)
    CoalitionMemberConnection = connection_type(
        "CoalitionMember",
        "Organisation",
        edge=MembershipFields,
        module=__name__,
        description="A member of a coalition, with its role.",
    )
    PartnerConnection = connection_type(
        "Partner",
        "Organisation",
        edge=PartnershipFields,
        module=__name__,
        description="A partner organisation, with the date the partnership began.",
    )
    CoalitionConnection = connection_type("Coalition", "Coalition", module=__name__)
    MunicipalityConnection = connection_type("Municipality", "Municipality", module=__name__)
