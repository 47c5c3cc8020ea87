"""GraphQL types of search: inputs, hits, facets and the result connections.

Hits are built from the search documents alone (no graph read), so they carry what a
result card needs; `node(id:)` with a hit's `id` fetches the whole object.
"""

from __future__ import annotations

from enum import Enum

import strawberry

from graph_api.graphql.mapping import sized
from graph_api.graphql.pagination import PageInfo
from graph_api.graphql.scalars import DateTime
from graph_api.network.enums import OrganisationKind, Scope
from graph_api.network.types import Theme
from graph_api.practices.types import EvidenceLevel

HTML_NOTE = "HTML: the text is escaped; matches are wrapped in <mark></mark>."


@strawberry.enum(description="Which engine answered a search.")
class SearchSource(Enum):
    MEILISEARCH = "MEILISEARCH"
    GRAPH_FALLBACK = "GRAPH_FALLBACK"


@strawberry.enum(description="Orders of practice search results.")
class SearchSort(Enum):
    RELEVANCE = strawberry.enum_value(
        "RELEVANCE",
        description="Best matches first; documents matching only some words come after.",
    )
    NEWEST = strawberry.enum_value(
        "NEWEST", description="Most recently published first; only documents matching all words."
    )


@strawberry.enum(description="Orders of organisation search results.")
class OrganisationSearchSort(Enum):
    RELEVANCE = strawberry.enum_value(
        "RELEVANCE",
        description="Best matches first; documents matching only some words come after.",
    )
    NAME = strawberry.enum_value(
        "NAME", description="Alphabetical; only documents matching all words."
    )


@strawberry.enum(description="What practice search results can be counted by.")
class PracticeFacet(Enum):
    THEME = "THEME"
    TARGET_GROUP = "TARGET_GROUP"
    PROVINCE = "PROVINCE"
    MUNICIPALITY = "MUNICIPALITY"
    ACTION_LINE = "ACTION_LINE"
    ORGANISATION_KIND = "ORGANISATION_KIND"
    EVIDENCE_LEVEL = "EVIDENCE_LEVEL"


@strawberry.enum(description="What organisation search results can be counted by.")
class OrganisationFacet(Enum):
    THEME = "THEME"
    TARGET_GROUP = "TARGET_GROUP"
    PROVINCE = "PROVINCE"
    MUNICIPALITY = "MUNICIPALITY"
    KIND = "KIND"
    SCOPE = "SCOPE"


@strawberry.input(description="Around a municipality: within `radiusKm` of its centroid.")
class NearFilter:
    municipality_code: str = strawberry.field(description="CBS code, e.g. GM0363.")
    radius_km: float = strawberry.field(description="More than 0, at most 300.")


@strawberry.input(
    description="Narrows a practice search. Fields combine with AND, values in a list with "
    "OR. Slugs and codes that do not exist are an UNKNOWN_VALUE error."
)
class PracticeSearchFilter:
    themes: list[str] | None = strawberry.field(default=None, description="Theme slugs.")
    target_groups: list[str] | None = strawberry.field(
        default=None, description="Target group slugs."
    )
    provinces: list[str] | None = strawberry.field(
        default=None, description="Province codes (applied in a municipality there)."
    )
    municipalities: list[str] | None = strawberry.field(
        default=None, description="Codes of municipalities where it was applied."
    )
    action_lines: list[int] | None = strawberry.field(default=None, description="1, 2 or 3.")
    organisation_kinds: list[OrganisationKind] | None = strawberry.field(
        default=None, description="Kinds of the organisation that carries it out."
    )
    evidence_levels: list[EvidenceLevel] | None = None
    near: NearFilter | None = strawberry.field(
        default=None, description="Applied in some municipality within the radius."
    )


@strawberry.input(
    description="Narrows an organisation search. Fields combine with AND, values in a list "
    "with OR. Slugs and codes that do not exist are an UNKNOWN_VALUE error."
)
class OrganisationSearchFilter:
    kinds: list[OrganisationKind] | None = None
    scopes: list[Scope] | None = None
    themes: list[str] | None = strawberry.field(default=None, description="Theme slugs.")
    target_groups: list[str] | None = strawberry.field(
        default=None, description="Target group slugs."
    )
    provinces: list[str] | None = strawberry.field(
        default=None, description="Province codes (where they are based)."
    )
    municipalities: list[str] | None = strawberry.field(
        default=None, description="Codes of municipalities where they are based."
    )
    near: NearFilter | None = strawberry.field(
        default=None, description="Based in a municipality within the radius."
    )


@strawberry.type(description="How many results have this value.")
class FacetValue:
    value: str = strawberry.field(description="A slug, code, number or enum value.")
    count: int


@strawberry.type(description="Counts of the results by one facet, largest first.")
class PracticeFacetCounts:
    facet: PracticeFacet
    values: list[FacetValue] = sized(50)


@strawberry.type(description="Counts of the results by one facet, largest first.")
class OrganisationFacetCounts:
    facet: OrganisationFacet
    values: list[FacetValue] = sized(50)


@strawberry.type(description="A published practice found by search: what a result card shows.")
class PracticeSearchHit:
    id: strawberry.ID = strawberry.field(description="The practice's global ID.")
    slug: str
    title: str
    summary: str
    published_at: DateTime | None
    evidence_level: EvidenceLevel | None
    organisation_id: strawberry.ID | None
    organisation_name: str | None
    themes: list[Theme] = sized(5)
    highlighted_title: str = strawberry.field(description=f"The title. {HTML_NOTE}")
    snippet: str = strawberry.field(
        description=f"A cropped passage around the match (summary, body or results; the "
        f"summary's start when only other fields matched). {HTML_NOTE}"
    )


@strawberry.type(description="An organisation found by search: what a result card shows.")
class OrganisationSearchHit:
    id: strawberry.ID = strawberry.field(description="The organisation's global ID.")
    name: str
    kind: OrganisationKind
    scope: Scope
    description: str | None
    website: str | None
    municipality_name: str | None = strawberry.field(description="Where it is based.")
    province_name: str | None
    themes: list[Theme] = sized(5)
    highlighted_name: str = strawberry.field(description=f"The name. {HTML_NOTE}")
    snippet: str = strawberry.field(
        description=f"A cropped passage of the description around the match. {HTML_NOTE}"
    )


@strawberry.type
class PracticeSearchEdge:
    node: PracticeSearchHit
    cursor: str


@strawberry.type
class OrganisationSearchEdge:
    node: OrganisationSearchHit
    cursor: str


_LAG_NOTE = (
    "The search index follows the graph within about a second: a practice unpublished or "
    "archived just now is never a hit, but it may still be counted here (minus those "
    "dropped from this page) until the index has caught up."
)


@strawberry.type(description="A page of practice search results.")
class PracticeSearchConnection:
    source: SearchSource = strawberry.field(
        description="Who answered: Meilisearch, or the graph's own full-text index while "
        "Meilisearch is unreachable (then ranking is simpler and facets are empty)."
    )
    edges: list[PracticeSearchEdge] = strawberry.field(
        description="Only practices published at the time of the request: hits the index "
        "still holds but the graph no longer publishes are left out, so a page may have "
        "fewer than `first` edges (the next page's cursor still follows on)."
    )
    page_info: PageInfo
    estimated_total_hits: int = strawberry.field(
        description=f"An estimate; pages reach the first 1,000 hits. {_LAG_NOTE}"
    )
    facets: list[PracticeFacetCounts] = sized(
        7,
        description="Counts for the requested facets, over all hits (not just this page). "
        + _LAG_NOTE,
    )


@strawberry.type(description="A page of organisation search results.")
class OrganisationSearchConnection:
    source: SearchSource = strawberry.field(
        description="Who answered: Meilisearch, or the graph's own full-text index while "
        "Meilisearch is unreachable (then ranking is simpler and facets are empty)."
    )
    edges: list[OrganisationSearchEdge]
    page_info: PageInfo
    estimated_total_hits: int = strawberry.field(
        description="An estimate; pages reach the first 1,000 hits."
    )
    facets: list[OrganisationFacetCounts] = sized(
        6, description="Counts for the requested facets, over all hits (not just this page)."
    )
