"""`viewer`: who the caller is."""

from __future__ import annotations

from typing import Any

import strawberry
from strawberry.types import Info

from graph_api.auth.viewer import Role
from graph_api.graph_names import Label
from graph_api.graphql import root
from graph_api.graphql.context import Context
from graph_api.network.types import Organisation


@strawberry.type(description="The caller, as the server sees them.")
class Viewer:
    role: Role
    subject: str | None = strawberry.field(description="The token's subject (`sub`).")
    organisation: Organisation | None = strawberry.field(
        description="For partners, the organisation they act for."
    )


@strawberry.type
class AuthQuery:
    @strawberry.field(description="Who is calling: no token means the PUBLIC role.")
    async def viewer(self, info: Info) -> Viewer:
        ctx: Context = info.context
        v = ctx.viewer
        result: dict[str, Any] = {"role": v.role, "subject": v.subject, "organisation": None}
        c = root.compiler(info)
        wanted = [
            s
            for f in c.fields_of("Viewer", info.selected_fields[0].selections)
            if f.name == "organisation"
            for s in f.selections
        ]
        if v.organisation_id and wanted:
            n = root.ROOT
            projection = c.project("Organisation", n, wanted)
            key = c.param(v.organisation_id)
            rows = await ctx.db.read(
                f"MATCH ({n}:{Label.ORGANISATION}) WHERE {n}.id = {key} "
                f"RETURN {projection} AS result",
                c.params,
                ctx.trips,
            )
            result["organisation"] = rows[0]["result"] if rows else None
        return result  # type: ignore[return-value]
