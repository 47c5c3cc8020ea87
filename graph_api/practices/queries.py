"""Root fields for reading practices (published ones only, for now)."""

from __future__ import annotations

import re

import strawberry
from strawberry.types import Info

from graph_api.graph_names import Label
from graph_api.graphql import root
from graph_api.graphql.errors import InvalidArgumentError
from graph_api.graphql.mapping import root_connection
from graph_api.graphql.relay import decode_id
from graph_api.practices.filters import PracticeFilter, practice_conditions
from graph_api.practices.types import Practice, PracticeConnection, PracticeSort

PRACTICE_SLUG = re.compile(r"^[a-z0-9][a-z0-9-]{0,199}$")


@strawberry.type
class PracticeQuery:
    @strawberry.field(
        description="A practice by its ID or its slug (give one); unpublished ones only for "
        "staff and the partner whose practice it is."
    )
    async def practice(
        self, info: Info, id: strawberry.ID | None = None, slug: str | None = None
    ) -> Practice | None:
        if (id is None) == (slug is None):
            raise InvalidArgumentError("Give either `id` or `slug`, not both or neither.")
        c = root.compiler(info)
        if id is not None:
            where = f"{root.ROOT}.id = {c.param(decode_id(id, 'Practice')[1])}"
        else:
            assert slug is not None
            if not PRACTICE_SLUG.match(slug):
                return None  # cannot exist
            where = f"{root.ROOT}.slug = {c.param(slug)}"
        where = " AND ".join([where, *c.visible("Practice", root.ROOT)])
        match = f"({root.ROOT}:{Label.PRACTICE}) WHERE {where}"
        return await root.one(info, "Practice", match, c)

    @root_connection(
        description="Practices, newest first by default; published ones unless `filter.statuses` "
        "asks for others (which only staff, and partners for their own, can see)."
    )
    async def practices(
        self,
        info: Info,
        filter: PracticeFilter | None = None,
        sort: PracticeSort = PracticeSort.NEWEST,
        first: int | None = None,
        after: str | None = None,
        last: int | None = None,
        before: str | None = None,
    ) -> PracticeConnection:
        c = root.compiler(info)
        conditions = practice_conditions(c, filter)
        return await root.connection(info, c, conditions)
