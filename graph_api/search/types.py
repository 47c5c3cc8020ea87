"""GraphQL types of search: inputs, facets and the result connections.

An edge carries what belongs to the search (the highlighted title or name and a snippet,
from the search documents) and, as `node`, the real `Practice` or `Organisation` read from
the graph: a hit is never an object of its own under the node's global ID, so a client's
normalized cache (Relay, Apollo) keeps one record per practice.
"""

from __future__ import annotations

from enum import Enum

import strawberry

from graph_api.graphql.mapping import sized
from graph_api.graphql.pagination import PageInfo
from graph_api.network.enums import OrganisationKind, Scope
from graph_api.network.filters import NearFilter
from graph_api.network.types import Organisation
from graph_api.practices.types import EvidenceLevel, Practice

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
    DISTANCE = strawberry.enum_value(
        "DISTANCE",
        description="Nearest to the `near` filter's municipality first, by the nearest place "
        "where the practice was applied (then by relevance, or newest first without words); "
        "only documents matching all words. Without `near` an INVALID_ARGUMENT error.",
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
    DISTANCE = strawberry.enum_value(
        "DISTANCE",
        description="Nearest to the `near` filter's municipality first (then by name); only "
        "documents matching all words. Without `near` an INVALID_ARGUMENT error.",
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
    label: str | None = strawberry.field(
        default=None,
        description="The value's name for people (theme, target group, province, "
        "municipality, action line; an enum value's label in the request's language), or "
        "null where the value has none.",
    )


@strawberry.type(description="Counts of the results by one facet, largest first.")
class PracticeFacetCounts:
    facet: PracticeFacet
    values: list[FacetValue] = sized(50)


@strawberry.type(description="Counts of the results by one facet, largest first.")
class OrganisationFacetCounts:
    facet: OrganisationFacet
    values: list[FacetValue] = sized(50)


@strawberry.type(description="Where the words matched in a practice found by search.")
class PracticeSearchHighlight:
    title: str = strawberry.field(description=f"The title. {HTML_NOTE}")
    snippet: str = strawberry.field(
        description=f"A cropped passage around the match (summary, body or results; the "
        f"summary's start when only other fields matched). {HTML_NOTE}"
    )


@strawberry.type(description="Where the words matched in an organisation found by search.")
class OrganisationSearchHighlight:
    name: str = strawberry.field(description=f"The name. {HTML_NOTE}")
    snippet: str = strawberry.field(
        description=f"A cropped passage of the description around the match. {HTML_NOTE}"
    )


@strawberry.type(
    description="One search result: the practice itself, and how it matched. The match "
    "belongs to this search, so it sits on the edge, not on the practice."
)
class PracticeSearchEdge:
    node: Practice = strawberry.field(
        description="The practice, with the same fields and visibility as everywhere else."
    )
    highlight: PracticeSearchHighlight
    distance_km: float | None = strawberry.field(
        default=None,
        description="Kilometres from the `near` filter's municipality to the nearest place "
        "where the practice was applied (between centroids); null without `near`.",
    )
    cursor: str


@strawberry.type(
    description="One search result: the organisation itself, and how it matched. The match "
    "belongs to this search, so it sits on the edge, not on the organisation."
)
class OrganisationSearchEdge:
    node: Organisation = strawberry.field(
        description="The organisation, with the same fields as everywhere else."
    )
    highlight: OrganisationSearchHighlight
    distance_km: float | None = strawberry.field(
        default=None,
        description="Kilometres from the `near` filter's municipality to the organisation's "
        "home municipality (between centroids); null without `near`.",
    )
    cursor: str


_LAG_NOTE = (
    "The search index follows the graph within about a second: a practice unpublished or "
    "archived just now is never a hit, but it may still be counted here (minus those "
    "dropped from this page) until the index has caught up."
)
# Fields both search connections have, described once.
_SOURCE = (
    "Who answered: Meilisearch, or the graph's own full-text index while Meilisearch is "
    "unreachable (then ranking is simpler and facets are empty)."
)
_NODES = "The nodes of `edges`, for clients that need no highlight or cursor."


@strawberry.type(description="A page of practice search results.")
class PracticeSearchConnection:
    source: SearchSource = strawberry.field(description=_SOURCE)
    edges: list[PracticeSearchEdge] = strawberry.field(
        description="Only practices published at the time of the request: hits the index "
        "still holds but the graph no longer publishes are left out, so a page may have "
        "fewer than `first` edges (the next page's cursor still follows on)."
    )
    nodes: list[Practice] = strawberry.field(description=_NODES)
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
    source: SearchSource = strawberry.field(description=_SOURCE)
    edges: list[OrganisationSearchEdge] = strawberry.field(
        description="Only organisations the graph holds at the time of the request (when "
        "`node` or `nodes` is selected, the graph is read and one the index still holds but "
        "the graph no longer does is left out)."
    )
    nodes: list[Organisation] = strawberry.field(description=_NODES)
    page_info: PageInfo
    estimated_total_hits: int = strawberry.field(
        description="An estimate; pages reach the first 1,000 hits."
    )
    facets: list[OrganisationFacetCounts] = sized(
        6, description="Counts for the requested facets, over all hits (not just this page)."
    )
