"""Filter inputs of network lists, and the one declaration of each filterable field.

`ORGANISATION_FILTERS` also serves the organisation search (Meilisearch and its graph
fallback); see `graph_api.graphql.filtering` for how a declaration is rendered.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import strawberry

from graph_api.graph_names import BASED_IN_ORDER, WORKS_ON_ORDER, Label, Rel, RelOrder
from graph_api.graphql.filtering import (
    Contains,
    Filters,
    Has,
    Near,
    OneOf,
    Params,
    Parse,
    Reaches,
    enum_values,
    global_ids,
    matching,
)
from graph_api.network.enums import CoalitionKind, OrganisationKind, Participation, Scope
from graph_api.partners.aggregates import scope_count
from graph_api.search import dutch
from graph_api.text import name_key

MUNICIPALITY_CODE = re.compile(r"^GM\d{4}$")
PROVINCE_CODE = re.compile(r"^PV\d{2}$")
SLUG = re.compile(r"^[a-z0-9][a-z0-9-]{0,80}$")
MAX_NAME = 200
MAX_RADIUS_KM = 300.0  # the Netherlands fits in it

municipality_codes = matching(MUNICIPALITY_CODE, "municipality code (like GM0363)")
province_codes = matching(PROVINCE_CODE, "province code (like PV27)")
theme_slugs = matching(SLUG, "theme slug")
target_group_slugs = matching(SLUG, "target group slug")


# Fields lists of several kinds filter on, each through its own relationships (`path`).
def reaching(
    label: str, key: str, parse: Parse, what: str, via: str = "", in_order: RelOrder | None = None
) -> Callable[..., Reaches]:
    """A field on nodes of `label` by their `key`, declared once for every list that reaches
    them: each gives its own `path` (and search attribute); `via` are last steps all share."""

    def declare(
        path: str,
        attribute: str | None = None,
        sole: str | None = None,
        in_order: RelOrder | None = in_order,
        counts: tuple[str, Callable[[str], str]] | None = None,
    ) -> Reaches:
        return Reaches(
            path=path + via,
            label=label,
            key=key,
            parse=parse,
            what=what,
            attribute=attribute,
            sole=sole,
            in_order=in_order,
            counts=counts,
        )

    return declare


themes = reaching(Label.THEME, "slug", theme_slugs, "theme")
target_groups = reaching(Label.TARGET_GROUP, "slug", target_group_slugs, "target group")
municipalities = reaching(Label.MUNICIPALITY, "code", municipality_codes, "municipality")
# `path` leads to a municipality; its province is then one of the values.
provinces = reaching(
    Label.PROVINCE,
    "code",
    province_codes,
    "province",
    via=f"(:{Label.MUNICIPALITY})-[:{Rel.IN_PROVINCE}]->",
)


NAME = Contains(prop="nameKey", normalize=name_key, max_length=MAX_NAME, what="name")
# Municipalities also answer to their everyday names (`den haag` finds 's-Gravenhage).
MUNICIPALITY_NAME = Contains(
    prop="nameKey",
    normalize=name_key,
    max_length=MAX_NAME,
    what="name",
    aliases=dutch.place_names,
)


def near(path: str, attribute: str) -> Near:
    """Within a radius of a municipality's centroid, through `path` to a municipality."""
    return Near(
        path=path,
        label=Label.MUNICIPALITY,
        key="code",
        location="location",
        code=municipality_codes,
        max_radius_km=MAX_RADIUS_KM,
        what="municipality",
        attribute=attribute,
    )


@strawberry.input(description="Around a municipality: within `radiusKm` of its centroid.")
class NearFilter:
    municipality_code: str = strawberry.field(description="CBS code, e.g. GM0363.")
    radius_km: float = strawberry.field(description="More than 0, at most 300.")


@strawberry.input(description="Narrows an organisation list; all given fields must match.")
class OrganisationFilter:
    kinds: list[OrganisationKind] | None = None
    scopes: list[Scope] | None = None
    themes: list[str] | None = strawberry.field(default=None, description="Theme slugs.")
    target_groups: list[str] | None = strawberry.field(
        default=None, description="Target group slugs."
    )
    provinces: list[str] | None = strawberry.field(default=None, description="Province codes.")
    municipalities: list[str] | None = strawberry.field(
        default=None, description="Municipality codes of where they are based."
    )
    coalitions: list[strawberry.ID] | None = strawberry.field(
        default=None, description="Coalition IDs they are members of."
    )
    name: str | None = strawberry.field(
        default=None, description="Part of the name; case and accents are ignored."
    )
    in_local_coalition: bool | None = strawberry.field(
        default=None, description="Member of some local coalition, or of none."
    )
    near: NearFilter | None = strawberry.field(
        default=None, description="Based in a municipality within the radius."
    )


_HOME = f"-[:{Rel.BASED_IN}]->"
# Attributes: the organisation's search document (`graph_api.search.documents`).
ORGANISATION_FILTERS = Filters(
    {
        "kinds": OneOf(prop="kind", parse=enum_values, attribute="kind"),
        "scopes": OneOf(prop="scope", parse=enum_values, attribute="scope"),
        "themes": themes(
            f"-[:{Rel.WORKS_ON}]->",
            "themes",
            sole=Label.ORGANISATION,
            in_order=WORKS_ON_ORDER,
            counts=("scope", scope_count),
        ),
        "target_groups": target_groups(
            f"-[:{Rel.SERVES}]->", "targetGroups", sole=Label.ORGANISATION
        ),
        "provinces": provinces(_HOME, "province", in_order=BASED_IN_ORDER),
        "municipalities": municipalities(_HOME, "municipality", sole=Label.ORGANISATION),
        "near": near(_HOME, "municipality"),
        "coalitions": Reaches(
            path=f"-[:{Rel.MEMBER_OF}]->",
            label=Label.COALITION,
            key="id",
            parse=global_ids("Coalition"),
            what="coalition",
            sole=Label.ORGANISATION,
        ),
        "name": NAME,
        "in_local_coalition": Has(
            path=f"-[:{Rel.MEMBER_OF}]->", label=Label.COALITION, where="flt.kind = 'LOCAL'"
        ),
    }
)
ORGANISATION_LIST_FILTERS = ORGANISATION_FILTERS.for_input(OrganisationFilter)


def organisation_conditions(c: Params, f: OrganisationFilter | None) -> list[str]:
    return ORGANISATION_LIST_FILTERS.cypher(c, f)


@strawberry.input(description="Narrows a coalition list; all given fields must match.")
class CoalitionFilter:
    kind: CoalitionKind | None = None
    provinces: list[str] | None = strawberry.field(default=None, description="Province codes.")
    municipalities: list[str] | None = strawberry.field(
        default=None, description="Codes of covered municipalities."
    )
    name: str | None = strawberry.field(
        default=None, description="Part of the name; case and accents are ignored."
    )


_COVERS = f"-[:{Rel.COVERS}]->"
COALITION_FILTERS = Filters(
    {
        "kind": OneOf(prop="kind", parse=enum_values),
        "provinces": provinces(_COVERS),
        "municipalities": municipalities(_COVERS),
        "name": NAME,
    }
).for_input(CoalitionFilter)


def coalition_conditions(c: Params, f: CoalitionFilter | None) -> list[str]:
    return COALITION_FILTERS.cypher(c, f)


@strawberry.input(description="Narrows a municipality list; all given fields must match.")
class MunicipalityFilter:
    provinces: list[str] | None = strawberry.field(default=None, description="Province codes.")
    participation: Participation | None = None
    name: str | None = strawberry.field(
        default=None,
        description="Part of the name (the display name or the official CBS name); case "
        "and accents are ignored.",
    )


MUNICIPALITY_FILTERS = Filters(
    {
        "provinces": Reaches(
            path=f"-[:{Rel.IN_PROVINCE}]->",
            label=Label.PROVINCE,
            key="code",
            parse=province_codes,
            what="province",
        ),
        "participation": OneOf(prop="participation", parse=enum_values),
        "name": MUNICIPALITY_NAME,
    }
).for_input(MunicipalityFilter)


def municipality_conditions(c: Params, f: MunicipalityFilter | None) -> list[str]:
    return MUNICIPALITY_FILTERS.cypher(c, f)
