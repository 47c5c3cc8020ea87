"""Root fields of the network. Each compiles its whole selection into one Cypher statement."""

from __future__ import annotations

from typing import Any

import strawberry
from strawberry.types import Info

from graph_api.graph_names import Label
from graph_api.graphql import root
from graph_api.graphql.mapping import root_connection, size
from graph_api.graphql.relay import decode_id
from graph_api.network.enums import CoalitionSort, MunicipalitySort, OrganisationSort
from graph_api.network.filters import (
    CoalitionFilter,
    MunicipalityFilter,
    OrganisationFilter,
    coalition_conditions,
    municipality_codes,
    municipality_conditions,
    organisation_conditions,
)
from graph_api.network.types import (
    ActionLine,
    Coalition,
    CoalitionConnection,
    Municipality,
    MunicipalityConnection,
    Organisation,
    OrganisationConnection,
    Province,
    TargetGroup,
    Theme,
)


async def by_key(info: Info, type_name: str, label: Label, key: str, value: Any) -> Any:
    c = root.compiler(info)
    return await root.one(info, type_name, f"({root.ROOT}:{label} {{{key}: {c.param(value)}}})", c)


@strawberry.type
class NetworkQuery:
    @strawberry.field(description="An organisation by its ID.")
    async def organisation(self, info: Info, id: strawberry.ID) -> Organisation | None:
        return await by_key(
            info, "Organisation", Label.ORGANISATION, "id", decode_id(id, "Organisation")[1]
        )

    @root_connection(description="Organisations, alphabetical by default.")
    async def organisations(
        self,
        info: Info,
        filter: OrganisationFilter | None = None,
        sort: OrganisationSort = OrganisationSort.NAME,
        first: int | None = None,
        after: str | None = None,
        last: int | None = None,
        before: str | None = None,
    ) -> OrganisationConnection:
        c = root.compiler(info)
        conditions = organisation_conditions(c, filter)
        return await root.connection(info, c, conditions)

    @strawberry.field(description="The Nationale Coalitie tegen eenzaamheid.")
    async def national_coalition(self, info: Info) -> Coalition | None:
        return await root.one(
            info, "Coalition", f"({root.ROOT}:{Label.COALITION} {{kind: 'NATIONAL'}})"
        )

    @strawberry.field(description="A coalition by its ID.")
    async def coalition(self, info: Info, id: strawberry.ID) -> Coalition | None:
        return await by_key(info, "Coalition", Label.COALITION, "id", decode_id(id, "Coalition")[1])

    @root_connection(description="Coalitions, alphabetical by default.")
    async def coalitions(
        self,
        info: Info,
        filter: CoalitionFilter | None = None,
        sort: CoalitionSort = CoalitionSort.NAME,
        first: int | None = None,
        after: str | None = None,
        last: int | None = None,
        before: str | None = None,
    ) -> CoalitionConnection:
        c = root.compiler(info)
        conditions = coalition_conditions(c, filter)
        return await root.connection(info, c, conditions)

    @strawberry.field(description="A municipality by its CBS code (GM0363); null if unknown.")
    async def municipality(self, info: Info, code: str) -> Municipality | None:
        code = municipality_codes([code.strip().upper()])[0]
        return await by_key(info, "Municipality", Label.MUNICIPALITY, "code", code)

    @root_connection(description="Municipalities, alphabetical by default.")
    async def municipalities(
        self,
        info: Info,
        filter: MunicipalityFilter | None = None,
        sort: MunicipalitySort = MunicipalitySort.NAME,
        first: int | None = None,
        after: str | None = None,
        last: int | None = None,
        before: str | None = None,
    ) -> MunicipalityConnection:
        c = root.compiler(info)
        conditions = municipality_conditions(c, filter)
        return await root.connection(info, c, conditions)

    @strawberry.field(description="The 12 provinces, by code.", metadata=size(12))
    async def provinces(self, info: Info) -> list[Province]:
        return await root.many(
            info, "Province", f"({root.ROOT}:{Label.PROVINCE})", f"{root.ROOT}.code"
        )

    @strawberry.field(description="Themes, alphabetical.", metadata=size(20))
    async def themes(self, info: Info) -> list[Theme]:
        return await root.many(info, "Theme", f"({root.ROOT}:{Label.THEME})", f"{root.ROOT}.name")

    @strawberry.field(description="Target groups, alphabetical.", metadata=size(20))
    async def target_groups(self, info: Info) -> list[TargetGroup]:
        return await root.many(
            info, "TargetGroup", f"({root.ROOT}:{Label.TARGET_GROUP})", f"{root.ROOT}.name"
        )

    @strawberry.field(description="The three action lines, in order.", metadata=size(3))
    async def action_lines(self, info: Info) -> list[ActionLine]:
        return await root.many(
            info, "ActionLine", f"({root.ROOT}:{Label.ACTION_LINE})", f"{root.ROOT}.number"
        )
