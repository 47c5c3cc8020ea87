"""GraphQL types of activities, each declaring once how it is read from the graph.

Start and end are instants stored as Neo4j datetimes with the Europe/Amsterdam offset of
that moment, so they read as local time (`2027-09-23T14:00:00+02:00`) and compare as
instants; the range index on (start, id) serves the list sorted by start.
"""

from __future__ import annotations

from enum import Enum
from typing import TYPE_CHECKING, Any

import strawberry

from graph_api.graph_names import Label, Rel
from graph_api.graphql.mapping import Sort, link, node, prop, same
from graph_api.graphql.node import Node
from graph_api.graphql.pagination import connection_type
from graph_api.graphql.scalars import DateTime
from graph_api.network.types import ActionLine, Municipality, Organisation, TargetGroup, Theme


@strawberry.enum(description="Whether an activity goes ahead.")
class ActivityStatus(Enum):
    PLANNED = "PLANNED"
    CANCELLED = strawberry.enum_value(
        "CANCELLED", description="Called off; the record stays, so links to it keep working."
    )


@strawberry.enum(description="Orders of activity lists.")
class ActivitySort(Enum):
    START = strawberry.enum_value("START", description="Soonest first.")


ACTIVITY_SORTS = {
    ActivitySort.START: Sort(("{m}.start", "{m}.id"), (False, False), indexed=True, datetimes=(0,)),
}


@strawberry.type(description="Where an activity takes place.")
class ActivityPlace:
    online: bool = prop("coalesce({n}.online, false)", description="Held online.")
    address: str | None = prop(
        "{n}.address", description="Street address and place, when it has one."
    )
    municipality: Municipality | None = link(
        Rel.HELD_IN, description="The municipality it takes place in (none for online only)."
    )


@node(Label.ACTIVITY, sorts=ACTIVITY_SORTS)
@strawberry.type(
    description="An activity against loneliness with a date and place: during the Week "
    "tegen Eenzaamheid or any other time of the year."
)
class Activity(Node):
    title: str
    description: str | None
    start: DateTime = strawberry.field(description="Local time in Europe/Amsterdam, with offset.")
    end: DateTime = strawberry.field(description="Local time in Europe/Amsterdam, with offset.")
    place: ActivityPlace = same(description="Where: a municipality and address, or online.")
    week: int | None = strawberry.field(
        description="The year of the Week tegen Eenzaamheid it belongs to; null otherwise."
    )
    sign_up_url: str | None = strawberry.field(description="Where to sign up, if needed.")
    status: ActivityStatus
    revision: int = strawberry.field(description="Goes up with every change; for `baseRevision`.")
    created_at: DateTime | None
    updated_at: DateTime | None
    is_demo: bool = prop("coalesce({n}.demo, false)", description="True for generated demo data.")
    organiser: Organisation | None = link(Rel.ORGANISED_BY, description="Who organises it.")
    themes: list[Theme] = link(Rel.ADDRESSES, order="{m}.name", size=5)
    target_groups: list[TargetGroup] = link(Rel.TARGETS, order="{m}.name", size=5)
    action_line: ActionLine | None = link(Rel.SUPPORTS, description="The action line it serves.")


if TYPE_CHECKING:  # built at run time; to a type checker it is any type
    ActivityConnection = Any
else:
    ActivityConnection = connection_type("Activity", Activity, module=__name__)
