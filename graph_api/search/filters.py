"""Search filters, from the domains' own declarations (`PRACTICE_FILTERS`,
`ORGANISATION_FILTERS`): one Meilisearch expression and, for the graph fallback, the same
filter as Cypher conditions.

Shapes are checked first; then one parameterized Cypher read checks that the slugs and codes
exist (UNKNOWN_VALUE) and resolves `near` to the codes of the municipalities within the
radius. Filtering on codes rather than on `_geo` makes `near` exact for practices applied in
several places (a document has one `_geo` point). The fallback reuses the conditions and
their parameters without checking again.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from strawberry.types import Info

from graph_api.graphql import root
from graph_api.graphql.compiler import Compiler
from graph_api.graphql.filtering import Filters, all_of
from graph_api.network.filters import ORGANISATION_FILTERS
from graph_api.practices.filters import PRACTICE_FILTERS
from graph_api.search.types import OrganisationSearchFilter, PracticeSearchFilter

PRACTICE_SEARCH_FILTERS = PRACTICE_FILTERS.for_search(PracticeSearchFilter)
ORGANISATION_SEARCH_FILTERS = ORGANISATION_FILTERS.for_search(OrganisationSearchFilter)


@dataclass(frozen=True)
class SearchFilter:
    """One search's filter for both engines."""

    # Compiled the filter; the search compiles the hits' nodes with it too, so the
    # parameters of both have distinct names.
    compiler: Compiler
    # For Meilisearch, by filter field name (snake case, as the input's Python fields).
    parts: dict[str, str] = field(default_factory=dict)
    conditions: list[str] = field(default_factory=list)  # Cypher over `{m}`, for the fallback
    centre: str | None = None  # the `near` municipality's code, to tell hits' distances
    places: tuple[str, ...] = ()  # the codes of the municipalities within `near`'s radius

    @property
    def expression(self) -> str | None:
        """The whole filter for Meilisearch; None filters nothing."""
        return all_of(self.parts.values())

    def without(self, name: str) -> str | None:
        """The filter without field `name`'s condition: a facet's disjunctive counts."""
        return all_of(part for key, part in self.parts.items() if key != name)


async def _filter(info: Info, filters: Filters, f: object | None) -> SearchFilter:
    c = root.compiler(info)
    if f is None:
        return SearchFilter(c)
    conditions = filters.cypher(c, f)  # checks shapes; registers values that must exist
    lookups = filters.lookups(c, f)
    looked_up: dict[str, Any] = {}
    if c.checks or lookups:
        body = ", ".join(f"`{name}`: {expression}" for name, expression in lookups.items())
        looked_up = await root.run(info, c, f"RETURN {{{body}}} AS result") or {}
    near = getattr(f, "near", None)
    centre = None if near is None else near.municipality_code.strip().upper()
    places = tuple(looked_up.get("near") or ()) if centre is not None else ()
    return SearchFilter(c, filters.meili(f, looked_up), conditions, centre, places)


async def practice_filter(info: Info, f: PracticeSearchFilter | None) -> SearchFilter:
    """Raises typed errors for bad or unknown values."""
    return await _filter(info, PRACTICE_SEARCH_FILTERS, f)


async def organisation_filter(info: Info, f: OrganisationSearchFilter | None) -> SearchFilter:
    return await _filter(info, ORGANISATION_SEARCH_FILTERS, f)
