"""Search filters: validated, checked against the graph, then written as Meilisearch filters.

Values are first checked for their shape (slug and code patterns, enums, numbers), then in
one parameterized Cypher read for existence, which also resolves `near` to the codes of the
municipalities within the radius. Filtering on codes rather than on `_geo` makes `near`
exact for practices applied in several places (a document has one `_geo` point).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, LiteralString

from strawberry.types import Info

from graph_api.graphql.context import Context
from graph_api.graphql.errors import InvalidArgumentError, UnknownValueError
from graph_api.network.filters import MAX_VALUES, municipality_codes, province_codes, slugs
from graph_api.search.filter_syntax import all_of, any_of
from graph_api.search.types import NearFilter, OrganisationSearchFilter, PracticeSearchFilter

MAX_RADIUS_KM = 300.0  # the Netherlands fits in it

_CHECK: LiteralString = """
RETURN [v IN $themes WHERE NOT EXISTS { MATCH (:Theme {slug: v}) }] AS themes,
       [v IN $targetGroups WHERE NOT EXISTS { MATCH (:TargetGroup {slug: v}) }] AS targetGroups,
       [v IN $provinces WHERE NOT EXISTS { MATCH (:Province {code: v}) }] AS provinces,
       [v IN $municipalities WHERE NOT EXISTS { MATCH (:Municipality {code: v}) }]
         AS municipalities,
       [v IN [$nearCode] WHERE v IS NOT NULL
          AND NOT EXISTS { MATCH (:Municipality {code: v}) }] AS near,
       COLLECT { MATCH (centre:Municipality {code: $nearCode})
                 MATCH (m:Municipality)
                 WHERE point.distance(m.location, centre.location) <= $nearMeters
                 RETURN m.code ORDER BY m.code } AS nearCodes
"""
_WHAT = {
    "themes": "theme",
    "targetGroups": "target group",
    "provinces": "province",
    "municipalities": "municipality",
    "near": "municipality",
}


@dataclass
class GraphValues:
    """Filter values that must exist in the graph, validated for their shape."""

    themes: list[str] = field(default_factory=list)
    target_groups: list[str] = field(default_factory=list)
    provinces: list[str] = field(default_factory=list)
    municipalities: list[str] = field(default_factory=list)
    near_code: str | None = None
    near_meters: float = 0.0

    @classmethod
    def of(cls, f: PracticeSearchFilter | OrganisationSearchFilter) -> GraphValues:
        values = cls(
            themes=slugs(f.themes or [], "theme slug"),
            target_groups=slugs(f.target_groups or [], "target group slug"),
            provinces=province_codes(f.provinces or []),
            municipalities=municipality_codes(f.municipalities or []),
        )
        if f.near is not None:
            values.near_code, values.near_meters = _near(f.near)
        return values

    def any(self) -> bool:
        return bool(self.themes or self.target_groups or self.provinces or self.municipalities) or (
            self.near_code is not None
        )

    async def check(self, info: Info) -> list[str]:
        """Raise UNKNOWN_VALUE for values not in the graph; return the codes near, if any."""
        if not self.any():
            return []
        ctx: Context = info.context
        params: dict[str, Any] = {
            "themes": self.themes,
            "targetGroups": self.target_groups,
            "provinces": self.provinces,
            "municipalities": self.municipalities,
            "nearCode": self.near_code,
            "nearMeters": self.near_meters,
        }
        row = (await ctx.db.read(_CHECK, params, ctx.trips))[0]
        for key, what in _WHAT.items():
            if row[key]:
                shown = ", ".join(repr(v) for v in row[key][:5])
                raise UnknownValueError(f"Unknown {what}: {shown}.", values=row[key][:20])
        return list(row["nearCodes"])


def _near(near: NearFilter) -> tuple[str, float]:
    code = municipality_codes([near.municipality_code.strip().upper()])[0]
    if not 0 < near.radius_km <= MAX_RADIUS_KM:
        raise InvalidArgumentError(
            f"`radiusKm` must be more than 0 and at most {MAX_RADIUS_KM:.0f}.", argument="filter"
        )
    return code, near.radius_km * 1000


def _count(values: list[Any]) -> list[Any]:
    if len(values) > MAX_VALUES:
        raise InvalidArgumentError(f"At most {MAX_VALUES} values per filter.", argument="filter")
    return values


async def practice_filter(info: Info, f: PracticeSearchFilter | None) -> str | None:
    """The Meilisearch filter for `f`, or None; raises typed errors for bad values."""
    if f is None:
        return None
    values = GraphValues.of(f)
    action_lines = _count(f.action_lines or [])
    if any(n not in (1, 2, 3) for n in action_lines):
        raise InvalidArgumentError("Action lines are numbered 1, 2 and 3.", argument="filter")
    near_codes = await values.check(info)
    conditions = []
    if values.themes:
        conditions.append(any_of("themes", values.themes))
    if values.target_groups:
        conditions.append(any_of("targetGroups", values.target_groups))
    if values.provinces:
        conditions.append(any_of("provinces", values.provinces))
    if values.municipalities:
        conditions.append(any_of("municipalities", values.municipalities))
    if action_lines:
        conditions.append(any_of("actionLines", action_lines))
    if f.organisation_kinds:
        kinds = [k.value for k in _count(f.organisation_kinds)]
        conditions.append(any_of("organisationKind", kinds))
    if f.evidence_levels:
        conditions.append(any_of("evidenceLevel", [e.value for e in _count(f.evidence_levels)]))
    if values.near_code is not None:
        conditions.append(any_of("municipalities", near_codes))
    return all_of(conditions)


async def organisation_filter(info: Info, f: OrganisationSearchFilter | None) -> str | None:
    if f is None:
        return None
    values = GraphValues.of(f)
    near_codes = await values.check(info)
    conditions = []
    if f.kinds:
        conditions.append(any_of("kind", [k.value for k in _count(f.kinds)]))
    if f.scopes:
        conditions.append(any_of("scope", [s.value for s in _count(f.scopes)]))
    if values.themes:
        conditions.append(any_of("themes", values.themes))
    if values.target_groups:
        conditions.append(any_of("targetGroups", values.target_groups))
    if values.provinces:
        conditions.append(any_of("province", values.provinces))
    if values.municipalities:
        conditions.append(any_of("municipality", values.municipalities))
    if values.near_code is not None:
        conditions.append(any_of("municipality", near_codes))
    return all_of(conditions)
