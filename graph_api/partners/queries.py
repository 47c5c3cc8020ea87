"""Root fields of partner finding. Each compiles its whole selection into one Cypher statement.

Malformed input raises typed errors before any Cypher runs; unknown organisation and
coalition IDs and municipality codes give null; unknown filter values and province codes
give UNKNOWN_VALUE errors, checked in the same statement.
"""

from __future__ import annotations

import math
from typing import Annotated, Any

import strawberry
from strawberry.types import Info

from graph_api.graphql import root
from graph_api.graphql.errors import InvalidArgumentError
from graph_api.graphql.projections import statement
from graph_api.graphql.relay import check_first, decode_id
from graph_api.locale import Locale
from graph_api.network.enums import OrganisationKind
from graph_api.network.filters import (
    ORGANISATION_FILTERS,
    OrganisationFilter,
    municipality_codes,
    organisation_conditions,
    province_codes,
)
from graph_api.partners.coverage import coverage_cypher
from graph_api.partners.figures import best_connected_cypher, coalition_figures_cypher
from graph_api.partners.nearby import MAX_RADIUS_KM, nearby_cypher
from graph_api.partners.paths import MAX_HOPS, itself_cypher, path_cypher
from graph_api.partners.paths import finish as finish_path
from graph_api.partners.suggestions import (
    CANDIDATE_RADIUS_KM,
    NEARNESS_SCALE_KM,
    WEIGHTS,
    finish,
    suggestions_cypher,
)
from graph_api.partners.types import (
    CoalitionFigures,
    CollaboratorSuggestion,
    ConnectedOrganisation,
    ConnectionPath,
    Coverage,
    Nearby,
    SuggestionFilter,
)


def _first(info: Info, first: int) -> int:
    return check_first(first, info.context.settings.max_page_size)


def _kinds(kinds: list[OrganisationKind] | None) -> list[str] | None:
    return sorted({k.value for k in kinds}) if kinds else None


# Built from the constants the Cypher uses, so the schema documents the actual ranking.
SUGGEST_DESCRIPTION = (
    "Organisations the given one does not partner with yet (nor itself, its branches or its "
    "parent), best match first, ties by ID: the same graph gives the same list. Null if the "
    "organisation does not exist. Candidates are co-members of its coalitions, partners of "
    f"its partners and organisations based within {CANDIDATE_RADIUS_KM:g} km; the score is "
    f"{WEIGHTS['theme']:g} per shared theme, {WEIGHTS['group']:g} per shared target group, "
    f"{WEIGHTS['coalition']:g} per shared coalition, {WEIGHTS['mutual']:g} per partner in "
    f"common, plus up to {WEIGHTS['near']:g} for nearness, falling linearly to 0 at "
    f"{NEARNESS_SCALE_KM:g} km between home municipalities. `first`: 1 to 100. Reasons are "
    "in Dutch, or English with `locale: EN` (or `Accept-Language: en`)."
)


@strawberry.type
class PartnerQuery:
    @strawberry.field(description=SUGGEST_DESCRIPTION)
    async def suggest_collaborators(
        self,
        info: Info,
        organisation_id: strawberry.ID,
        first: int = 10,
        filter: SuggestionFilter | None = None,
        locale: Locale | None = None,
    ) -> list[CollaboratorSuggestion] | None:
        key = decode_id(organisation_id, "Organisation")[1]
        first = _first(info, first)
        language = info.context.locale(locale)  # before the read: a bad header runs nothing
        c = root.compiler(info)
        conditions: list[str] = []
        radius = None
        if filter is not None:
            narrowed = OrganisationFilter(
                kinds=filter.kinds,
                provinces=filter.provinces,
                themes=filter.themes,
                target_groups=filter.target_groups,
            )
            conditions = organisation_conditions(c, narrowed)
            if filter.radius_km is not None:
                radius = _radius(filter.radius_km, "filter")
        selections = root.selections(info)
        cypher = suggestions_cypher(c, key, first, conditions, selections, radius)
        result = await root.run(info, c, cypher)
        if result is None:
            return None
        # The compiled dicts stand in for the Strawberry types, as in every root resolver.
        items: Any = finish(result, language)
        return items

    @strawberry.field(
        description="The shortest chain from one organisation to another through coalition "
        "memberships, partnerships and branches, for finding who can introduce them. Hops "
        "count relationships (two members of one coalition are 2 hops apart); `maxHops` 1 to "
        "6. Null only when either organisation is unknown. When no path is within `maxHops`, "
        "`found` is false and the path says how many hops are needed and through whom (if "
        "one is within 6). From an organisation to itself, a path of 0 hops. The "
        "introducers' links are worded in Dutch, or English with `locale: EN` (or "
        "`Accept-Language: en`)."
    )
    async def connection_path(
        self,
        info: Info,
        from_id: strawberry.ID,
        to_id: strawberry.ID,
        max_hops: int = 4,
        locale: Locale | None = None,
    ) -> ConnectionPath | None:
        from_key = decode_id(from_id, "Organisation")[1]
        to_key = decode_id(to_id, "Organisation")[1]
        if not 1 <= max_hops <= MAX_HOPS:
            raise InvalidArgumentError(
                f"`maxHops` must be between 1 and {MAX_HOPS}, got {max_hops}.",
                argument="maxHops",
            )
        language = info.context.locale(locale)
        c = root.compiler(info)
        if from_key == to_key:
            cypher = itself_cypher(c, from_key, root.selections(info))
        else:
            cypher = statement(
                info,
                c,
                "connectionPath",
                (from_key, to_key, max_hops),
                lambda c, a, b, hops: path_cypher(c, a, b, hops, root.selections(info)),
            )
        found: Any = finish_path(await root.run(info, c, cypher), language)
        return found

    @strawberry.field(
        description="Organisations (by home municipality) and local coalitions (by covered "
        "municipality) within `radiusKm` (above 0, at most 300) of a municipality's centroid, "
        "nearest first; `first` (1 to 100) applies to each list and `kinds` to the "
        "organisations. Null if the municipality code is unknown."
    )
    async def nearby(
        self,
        info: Info,
        municipality_code: str,
        radius_km: float = 10.0,
        kinds: list[OrganisationKind] | None = None,
        first: int = 20,
        themes: Annotated[
            list[str] | None, strawberry.argument(description="Organisations working on one.")
        ] = None,
        target_groups: Annotated[
            list[str] | None, strawberry.argument(description="Organisations serving one.")
        ] = None,
    ) -> Nearby | None:
        code = municipality_codes([municipality_code.strip().upper()])[0]
        _radius(radius_km, "radiusKm")
        first = _first(info, first)
        c = root.compiler(info)
        # The organisation list's own declarations: same shapes, same UNKNOWN_VALUE checks.
        conditions = [
            ORGANISATION_FILTERS.fields[name].cypher(c, value)
            for name, value in (("themes", themes), ("target_groups", target_groups))
            if value
        ]
        selections = root.selections(info)
        cypher = nearby_cypher(c, code, radius_km, _kinds(kinds), first, selections, conditions)
        return await root.run(info, c, cypher)

    @strawberry.field(
        description="Coverage of the local approach in a province (by code, e.g. PV27) or, "
        "without one, nationally. An unknown province code is an UNKNOWN_VALUE error."
    )
    async def coverage(self, info: Info, province_code: str | None = None) -> Coverage | None:
        code = None
        if province_code is not None:
            code = province_codes([province_code.strip().upper()])[0]
        c = root.compiler(info)
        return await root.run(info, c, coverage_cypher(c, code, root.selections(info)))

    @strawberry.field(description="Figures of one coalition; null if it does not exist.")
    async def coalition_figures(self, info: Info, id: strawberry.ID) -> CoalitionFigures | None:
        key = decode_id(id, "Coalition")[1]
        c = root.compiler(info)
        return await root.run(info, c, coalition_figures_cypher(c, key, root.selections(info)))

    @strawberry.field(
        description="Organisations by degree (partnerships + coalition memberships + branch "
        "links), highest first, ties by ID; `first` 1 to 100."
    )
    async def best_connected(
        self, info: Info, first: int = 10, kinds: list[OrganisationKind] | None = None
    ) -> list[ConnectedOrganisation]:
        first = _first(info, first)
        c = root.compiler(info)
        cypher = best_connected_cypher(c, first, _kinds(kinds), root.selections(info))
        return await root.run(info, c, cypher) or []


def _radius(radius_km: float, argument: str) -> float:
    if not (math.isfinite(radius_km) and 0 < radius_km <= MAX_RADIUS_KM):
        raise InvalidArgumentError(
            f"`radiusKm` must be above 0 and at most {MAX_RADIUS_KM:g}, got {radius_km}.",
            argument=argument,
        )
    return radius_km
