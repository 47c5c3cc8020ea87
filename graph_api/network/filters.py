"""Filter inputs of network lists, and the Cypher conditions they compile to.

Conditions are over `{m}` (the listed node); values always go in through `c.param`.
Across fields the conditions are ANDed; within a list field, any value matches (OR).
"""

from __future__ import annotations

import re

import strawberry

from graph_api.graphql.compiler import Compiler
from graph_api.graphql.errors import InvalidArgumentError
from graph_api.graphql.relay import decode_id
from graph_api.network.enums import CoalitionKind, OrganisationKind, Participation, Scope
from graph_api.text import name_key

MUNICIPALITY_CODE = re.compile(r"^GM\d{4}$")
PROVINCE_CODE = re.compile(r"^PV\d{2}$")
SLUG = re.compile(r"^[a-z0-9][a-z0-9-]{0,80}$")
MAX_VALUES = 100
MAX_NAME = 200


def _values(values: list[str], pattern: re.Pattern[str], what: str) -> list[str]:
    if len(values) > MAX_VALUES:
        raise InvalidArgumentError(f"At most {MAX_VALUES} {what} per filter.", argument="filter")
    for value in values:
        if not pattern.match(value):
            raise InvalidArgumentError(f"{value[:60]!r} is not a valid {what}.", argument="filter")
    return values


def municipality_codes(values: list[str]) -> list[str]:
    return _values(values, MUNICIPALITY_CODE, "municipality code (like GM0363)")


def province_codes(values: list[str]) -> list[str]:
    return _values(values, PROVINCE_CODE, "province code (like PV27)")


def slugs(values: list[str], what: str) -> list[str]:
    return _values(values, SLUG, what)


# Parameters for values that must name existing nodes; unknown ones become typed errors.
def theme_param(c: Compiler, values: list[str]) -> str:
    return c.existing("Theme", "slug", slugs(values, "theme slug"), "theme")


def target_group_param(c: Compiler, values: list[str]) -> str:
    return c.existing("TargetGroup", "slug", slugs(values, "target group slug"), "target group")


def province_param(c: Compiler, values: list[str]) -> str:
    return c.existing("Province", "code", province_codes(values), "province")


def municipality_param(c: Compiler, values: list[str]) -> str:
    return c.existing("Municipality", "code", municipality_codes(values), "municipality")


def coalition_param(c: Compiler, ids: list[strawberry.ID]) -> str:
    keys = [decode_id(i, "Coalition")[1] for i in _values_count(ids)]
    return c.existing("Coalition", "id", keys, "coalition")


def organisation_param(c: Compiler, ids: list[strawberry.ID]) -> str:
    keys = [decode_id(i, "Organisation")[1] for i in _values_count(ids)]
    return c.existing("Organisation", "id", keys, "organisation")


def _values_count(values: list[strawberry.ID]) -> list[strawberry.ID]:
    if len(values) > MAX_VALUES:
        raise InvalidArgumentError(f"At most {MAX_VALUES} values per filter.", argument="filter")
    return values


def name_condition(c: Compiler, name: str) -> str:
    if len(name) > MAX_NAME:
        raise InvalidArgumentError(f"A name filter has at most {MAX_NAME} characters.")
    return f"{{m}}.nameKey CONTAINS {c.param(name_key(name))}"


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


def organisation_conditions(c: Compiler, f: OrganisationFilter | None) -> list[str]:
    if f is None:
        return []
    out: list[str] = []
    if f.kinds:
        out.append(f"{{m}}.kind IN {c.param([k.value for k in f.kinds])}")
    if f.scopes:
        out.append(f"{{m}}.scope IN {c.param([s.value for s in f.scopes])}")
    if f.themes:
        p = theme_param(c, f.themes)
        out.append(f"EXISTS {{ MATCH ({{m}})-[:WORKS_ON]->(ft:Theme) WHERE ft.slug IN {p} }}")
    if f.target_groups:
        p = target_group_param(c, f.target_groups)
        out.append(f"EXISTS {{ MATCH ({{m}})-[:SERVES]->(fg:TargetGroup) WHERE fg.slug IN {p} }}")
    if f.provinces:
        p = province_param(c, f.provinces)
        out.append(
            f"EXISTS {{ MATCH ({{m}})-[:BASED_IN]->(:Municipality)-[:IN_PROVINCE]->(fp:Province) "
            f"WHERE fp.code IN {p} }}"
        )
    if f.municipalities:
        p = municipality_param(c, f.municipalities)
        out.append(
            f"EXISTS {{ MATCH ({{m}})-[:BASED_IN]->(fm:Municipality) WHERE fm.code IN {p} }}"
        )
    if f.coalitions:
        p = coalition_param(c, f.coalitions)
        out.append(f"EXISTS {{ MATCH ({{m}})-[:MEMBER_OF]->(fc:Coalition) WHERE fc.id IN {p} }}")
    if f.name:
        out.append(name_condition(c, f.name))
    if f.in_local_coalition is not None:
        negate = "" if f.in_local_coalition else "NOT "
        out.append(
            f"{negate}EXISTS {{ MATCH ({{m}})-[:MEMBER_OF]->(fl:Coalition) "
            f"WHERE fl.kind = 'LOCAL' }}"
        )
    return out


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


def coalition_conditions(c: Compiler, f: CoalitionFilter | None) -> list[str]:
    if f is None:
        return []
    out: list[str] = []
    if f.kind:
        out.append(f"{{m}}.kind = {c.param(f.kind.value)}")
    if f.provinces:
        p = province_param(c, f.provinces)
        out.append(
            f"EXISTS {{ MATCH ({{m}})-[:COVERS]->(:Municipality)-[:IN_PROVINCE]->(fp:Province) "
            f"WHERE fp.code IN {p} }}"
        )
    if f.municipalities:
        p = municipality_param(c, f.municipalities)
        out.append(f"EXISTS {{ MATCH ({{m}})-[:COVERS]->(fm:Municipality) WHERE fm.code IN {p} }}")
    if f.name:
        out.append(name_condition(c, f.name))
    return out


@strawberry.input(description="Narrows a municipality list; all given fields must match.")
class MunicipalityFilter:
    provinces: list[str] | None = strawberry.field(default=None, description="Province codes.")
    participation: Participation | None = None
    name: str | None = strawberry.field(
        default=None, description="Part of the name; case and accents are ignored."
    )


def municipality_conditions(c: Compiler, f: MunicipalityFilter | None) -> list[str]:
    if f is None:
        return []
    out: list[str] = []
    if f.provinces:
        p = province_param(c, f.provinces)
        out.append(f"EXISTS {{ MATCH ({{m}})-[:IN_PROVINCE]->(fp:Province) WHERE fp.code IN {p} }}")
    if f.participation:
        out.append(f"{{m}}.participation = {c.param(f.participation.value)}")
    if f.name:
        out.append(name_condition(c, f.name))
    return out
