"""Filter input of practice lists, and the Cypher conditions it compiles to (over `{m}`)."""

from __future__ import annotations

import strawberry

from graph_api.graphql.compiler import Compiler
from graph_api.graphql.errors import InvalidArgumentError
from graph_api.network.filters import (
    MAX_VALUES,
    municipality_param,
    organisation_param,
    province_param,
    target_group_param,
    theme_param,
)
from graph_api.practices.types import EvidenceLevel, PracticeStatus


@strawberry.input(description="Narrows a practice list; all given fields must match.")
class PracticeFilter:
    themes: list[str] | None = strawberry.field(default=None, description="Theme slugs.")
    target_groups: list[str] | None = strawberry.field(
        default=None, description="Target group slugs."
    )
    municipalities: list[str] | None = strawberry.field(
        default=None, description="Codes of municipalities where it was applied."
    )
    provinces: list[str] | None = strawberry.field(default=None, description="Province codes.")
    action_lines: list[int] | None = strawberry.field(default=None, description="1, 2 or 3.")
    organisation: strawberry.ID | None = strawberry.field(
        default=None, description="The organisation that carries it out."
    )
    evidence_levels: list[EvidenceLevel] | None = None
    statuses: list[PracticeStatus] | None = strawberry.field(
        default=None,
        description="Default: PUBLISHED. Others are visible to staff only "
        "(and to partners for their own organisation's practices).",
    )


def practice_conditions(c: Compiler, f: PracticeFilter | None) -> list[str]:
    statuses = [s.value for s in (f.statuses if f and f.statuses else [PracticeStatus.PUBLISHED])]
    out = [f"{{m}}.status IN {c.param(statuses)}"]
    if f is None:
        return out
    if f.themes:
        p = theme_param(c, f.themes)
        out.append(f"EXISTS {{ MATCH ({{m}})-[:ADDRESSES]->(ft:Theme) WHERE ft.slug IN {p} }}")
    if f.target_groups:
        p = target_group_param(c, f.target_groups)
        out.append(f"EXISTS {{ MATCH ({{m}})-[:TARGETS]->(fg:TargetGroup) WHERE fg.slug IN {p} }}")
    if f.municipalities:
        p = municipality_param(c, f.municipalities)
        out.append(
            f"EXISTS {{ MATCH ({{m}})-[:APPLIED_IN]->(fm:Municipality) WHERE fm.code IN {p} }}"
        )
    if f.provinces:
        p = province_param(c, f.provinces)
        out.append(
            f"EXISTS {{ MATCH ({{m}})-[:APPLIED_IN]->(:Municipality)-[:IN_PROVINCE]->(fp:Province)"
            f" WHERE fp.code IN {p} }}"
        )
    if f.action_lines:
        if any(n not in (1, 2, 3) for n in f.action_lines) or len(f.action_lines) > MAX_VALUES:
            raise InvalidArgumentError("Action lines are numbered 1, 2 and 3.", argument="filter")
        p = c.param(f.action_lines)
        out.append(
            f"EXISTS {{ MATCH ({{m}})-[:SUPPORTS]->(fa:ActionLine) WHERE fa.number IN {p} }}"
        )
    if f.organisation:
        p = organisation_param(c, [f.organisation])
        out.append(f"EXISTS {{ MATCH ({{m}})-[:BY]->(fo:Organisation) WHERE fo.id IN {p} }}")
    if f.evidence_levels:
        out.append(f"{{m}}.evidenceLevel IN {c.param([e.value for e in f.evidence_levels])}")
    return out
