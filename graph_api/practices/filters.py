"""Filter input of practice lists, and the one declaration of each filterable field.

`PRACTICE_FILTERS` also serves the practice search (Meilisearch and its graph fallback);
see `graph_api.graphql.filtering` for how a declaration is rendered.
"""

from __future__ import annotations

import strawberry

from graph_api.graph_names import Label, Rel
from graph_api.graphql.filtering import (
    Filters,
    OneOf,
    Params,
    Reaches,
    enum_values,
    global_ids,
    numbers,
)
from graph_api.network.filters import municipalities, near, provinces, target_groups, themes
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


_PLACES = f"-[:{Rel.APPLIED_IN}]->"
_BY = f"-[:{Rel.BY}]->"
# Attributes: the practice's search document (`graph_api.search.documents`), which only
# published practices have.
PRACTICE_FILTERS = Filters(
    {
        "statuses": OneOf(prop="status", parse=enum_values, default=[PracticeStatus.PUBLISHED]),
        "themes": themes(f"-[:{Rel.ADDRESSES}]->", "themes"),
        "target_groups": target_groups(f"-[:{Rel.TARGETS}]->", "targetGroups"),
        "municipalities": municipalities(_PLACES, "municipalities"),
        "provinces": provinces(_PLACES, "provinces"),
        "near": near(_PLACES, "municipalities"),
        "action_lines": Reaches(
            path=f"-[:{Rel.SUPPORTS}]->",
            label=Label.ACTION_LINE,
            key="number",
            parse=numbers((1, 2, 3), "Action lines are numbered 1, 2 and 3."),
            attribute="actionLines",
        ),
        "organisation": Reaches(
            path=_BY,
            label=Label.ORGANISATION,
            key="id",
            parse=global_ids("Organisation"),
            what="organisation",
            attribute="organisationId",
        ),
        "organisation_kinds": Reaches(
            path=_BY,
            label=Label.ORGANISATION,
            key="kind",
            parse=enum_values,
            attribute="organisationKind",
        ),
        "evidence_levels": OneOf(
            prop="evidenceLevel", parse=enum_values, attribute="evidenceLevel"
        ),
    }
)
PRACTICE_LIST_FILTERS = PRACTICE_FILTERS.for_input(PracticeFilter)


def practice_conditions(c: Params, f: PracticeFilter | None) -> list[str]:
    """Published practices only, unless `f.statuses` says otherwise."""
    return PRACTICE_LIST_FILTERS.cypher(c, f)
