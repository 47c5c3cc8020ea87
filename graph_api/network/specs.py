"""The network's Cypher: how each network type's fields are read from the graph."""

from __future__ import annotations

from graph_api.graphql.specs import Conn, Link, Prop, Same, Sort, by_name, register
from graph_api.practices.specs import PRACTICE_SORTS

PUBLISHED = "{m}.status = 'PUBLISHED'"


def gid(type_name: str, key: str = "id") -> Prop:
    return Prop(f"'{type_name}:' + {{n}}.{key}")


ORGANISATION_SORTS = {"NAME": by_name()}
COALITION_SORTS = {
    "NAME": by_name(),
    "STARTED_ON": Sort(("coalesce(toString({m}.startedOn), '')", "{m}.id"), (False, False)),
    "MEMBER_COUNT": Sort(
        ("COUNT {{ ({m})<-[:MEMBER_OF]-(:Organisation) }}", "{m}.id"), (True, False)
    ),
}
MUNICIPALITY_SORTS = {
    "NAME": by_name("code"),
    "CODE": Sort(("{m}.code",), (False,)),
    "JOINED_ON": Sort(("coalesce(toString({m}.joinedOn), '9999')", "{m}.code"), (False, False)),
}
MEMBER_SORTS = {
    "NAME": by_name(),
    "JOINED": Sort(("coalesce(toString({r}.since), '')", "{m}.id"), (False, False)),
}

register(
    "GeoPoint",
    {
        "latitude": Prop("{n}.location.latitude"),
        "longitude": Prop("{n}.location.longitude"),
    },
)

register(
    "Province",
    {
        "id": gid("Province", "code"),
        "code": Prop("{n}.code"),
        "name": Prop("{n}.name"),
        "municipalities": Link(
            "({n})<-[:IN_PROVINCE]-({m}:Municipality)", "Municipality", many=True, order="{m}.name"
        ),
    },
)

register(
    "Municipality",
    {
        "id": gid("Municipality", "code"),
        "code": Prop("{n}.code"),
        "name": Prop("{n}.name"),
        "location": Same("GeoPoint"),
        "participation": Prop("{n}.participation"),
        "joinedOn": Prop("toString({n}.joinedOn)"),
        "evidenceUrl": Prop("{n}.evidenceUrl"),
        "province": Link("({n})-[:IN_PROVINCE]->({m}:Province)", "Province"),
        "localCoalition": Link(
            "({n})<-[:COVERS]-({m}:Coalition)", "Coalition", where="{m}.kind = 'LOCAL'"
        ),
        "organisations": Conn(
            "({n})<-[{r}:BASED_IN]-({m}:Organisation)",
            "Organisation",
            ORGANISATION_SORTS,
            "NAME",
        ),
    },
)

register(
    "Coalition",
    {
        "id": gid("Coalition"),
        "name": Prop("{n}.name"),
        "kind": Prop("{n}.kind"),
        "description": Prop("{n}.description"),
        "startedOn": Prop("toString({n}.startedOn)"),
        "planPeriod": Prop("{n}.planPeriod"),
        "isDemo": Prop("coalesce({n}.demo, false)"),
        "sourceUrl": Prop("{n}.sourceUrl"),
        "municipalities": Link(
            "({n})-[:COVERS]->({m}:Municipality)", "Municipality", many=True, order="{m}.name"
        ),
        "counterpart": Link("({n})-[:COUNTERPART_OF]->({m}:Coalition)", "Coalition"),
        "members": Conn(
            "({n})<-[{r}:MEMBER_OF]-({m}:Organisation)",
            "Organisation",
            MEMBER_SORTS,
            "NAME",
            edge_props={"role": "{r}.role", "since": "toString({r}.since)"},
            arg_filters={"role": "{r}.role = {value}"},
            type_prefix="CoalitionMember",
        ),
        "localCoalitions": Conn(
            "({n})<-[{r}:COUNTERPART_OF]-({m}:Coalition)", "Coalition", COALITION_SORTS, "NAME"
        ),
    },
)

register(
    "CoalitionMembership",
    {
        "role": Prop("{r}.role"),
        "since": Prop("toString({r}.since)"),
        "coalition": Same("Coalition"),
    },
)

register(
    "Organisation",
    {
        "id": gid("Organisation"),
        "name": Prop("{n}.name"),
        "kind": Prop("{n}.kind"),
        "scope": Prop("{n}.scope"),
        "website": Prop("{n}.website"),
        "description": Prop("{n}.description"),
        "isDemo": Prop("coalesce({n}.demo, false)"),
        "sourceUrl": Prop("{n}.sourceUrl"),
        "homeMunicipality": Link("({n})-[:BASED_IN]->({m}:Municipality)", "Municipality"),
        "activeIn": Link(
            "({n})-[:ACTIVE_IN]->({m}:Municipality)", "Municipality", many=True, order="{m}.name"
        ),
        "themes": Link("({n})-[:WORKS_ON]->({m}:Theme)", "Theme", many=True, order="{m}.name"),
        "targetGroups": Link(
            "({n})-[:SERVES]->({m}:TargetGroup)", "TargetGroup", many=True, order="{m}.name"
        ),
        "coalitions": Link(
            "({n})-[{r}:MEMBER_OF]->({m}:Coalition)",
            "CoalitionMembership",
            many=True,
            order="{m}.kind, {m}.name",
        ),
        "branchOf": Link("({n})-[:BRANCH_OF]->({m}:Organisation)", "Organisation"),
        "branches": Conn(
            "({n})<-[{r}:BRANCH_OF]-({m}:Organisation)", "Organisation", ORGANISATION_SORTS, "NAME"
        ),
        "partners": Conn(
            "({n})-[{r}:PARTNERS_WITH]-({m}:Organisation)",
            "Organisation",
            ORGANISATION_SORTS,
            "NAME",
            edge_props={"since": "toString({r}.since)"},
            type_prefix="Partner",
        ),
        "practices": Conn(
            "({n})<-[{r}:BY]-({m}:Practice)",
            "Practice",
            PRACTICE_SORTS,
            "NEWEST",
            where=PUBLISHED,
        ),
    },
)

register(
    "Theme",
    {
        "id": gid("Theme", "slug"),
        "slug": Prop("{n}.slug"),
        "name": Prop("{n}.name"),
    },
)

register(
    "TargetGroup",
    {
        "id": gid("TargetGroup", "slug"),
        "slug": Prop("{n}.slug"),
        "name": Prop("{n}.name"),
    },
)

register(
    "ActionLine",
    {
        "id": Prop("'ActionLine:' + toString({n}.number)"),
        "number": Prop("{n}.number"),
        "name": Prop("{n}.name"),
        "description": Prop("{n}.description"),
    },
)
