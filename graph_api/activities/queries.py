"""Root fields for reading activities: one, a list sorted by start, and a search."""

from __future__ import annotations

import strawberry
from strawberry.types import Info

from graph_api.activities.filters import ActivityFilter, activity_conditions
from graph_api.activities.search import ActivitySearchConnection, search_activities
from graph_api.activities.types import Activity, ActivityConnection, ActivitySort
from graph_api.graph_names import Label
from graph_api.graphql import root
from graph_api.graphql.mapping import root_connection
from graph_api.graphql.relay import decode_id


@strawberry.type
class ActivityQuery:
    @strawberry.field(description="An activity by its ID (cancelled and past ones too).")
    async def activity(self, info: Info, id: strawberry.ID) -> Activity | None:
        c = root.compiler(info)
        key = decode_id(id, "Activity")[1]
        match = f"({root.ROOT}:{Label.ACTIVITY}) WHERE {root.ROOT}.id = {c.param(key)}"
        return await root.one(info, "Activity", match, c)

    @root_connection(
        description="Activities sorted by start, soonest first (past and cancelled ones "
        "included; `filter.from` leaves out those that ended before it)."
    )
    async def activities(
        self,
        info: Info,
        filter: ActivityFilter | None = None,
        sort: ActivitySort = ActivitySort.START,
        first: int | None = None,
        after: str | None = None,
        last: int | None = None,
        before: str | None = None,
    ) -> ActivityConnection:
        c = root.compiler(info)
        return await root.connection(info, c, activity_conditions(c, filter))

    search_activities: ActivitySearchConnection = strawberry.field(
        resolver=search_activities,
        description="Full-text search over activities; those that have ended are left out "
        "unless `includePast`.",
    )
