"""Root fields `searchPractices` and `searchOrganisations`, answered by Meilisearch (or,
while it is unreachable, by the graph's own full-text index: see fallback.py).

Meilisearch ranks and highlights; the graph gives the nodes. At most two Cypher reads per
request and one search: one before the search, only when the filter names slugs, codes or
`near` (see filters.py); and one after it over the page's ids (hits.nodes) that compiles
the selected `node` fields and, for practices, keeps only those still published in the
graph. For practices it always runs; for organisations only when `node` is selected. The
fallback compiles the nodes into its own statement. The index lags the graph by the
indexer's delay: publishing may take a moment to show, but hiding (unpublish, archive) is
in force as soon as the mutation returns. Pages are offsets into the ranked hits, in opaque
cursors tied to the list and its sort order.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Annotated, Any

import strawberry
from strawberry.types import Info

from graph_api.graph_names import Label
from graph_api.graphql import root
from graph_api.graphql.compiler import Compiler, Selection
from graph_api.graphql.errors import (
    InvalidArgumentError,
    InvalidCursorError,
    SearchUnavailableError,
)
from graph_api.graphql.filtering import all_of, any_of
from graph_api.graphql.relay import check_first, decode_cursor, encode_cursor
from graph_api.search import dutch, engine, fallback, fresh
from graph_api.search.client import organisation_index_name, practice_index_name
from graph_api.search.filters import SearchFilter, organisation_filter, practice_filter
from graph_api.search.highlight import POST, PRE
from graph_api.search.hits import (
    NODE,
    ORGANISATION_SNIPPET,
    PRACTICE_SNIPPET,
    facet_counts,
    nodes,
    organisation_highlight,
    practice_highlight,
    without_hits,
)
from graph_api.search.index_settings import MAX_TOTAL_HITS
from graph_api.search.nearest import nearest_ids
from graph_api.search.reference import REFERENCE
from graph_api.search.snippets import fill_later, marking
from graph_api.search.types import (
    OrganisationFacet,
    OrganisationSearchConnection,
    OrganisationSearchFilter,
    OrganisationSearchSort,
    PracticeFacet,
    PracticeSearchConnection,
    PracticeSearchFilter,
    SearchSort,
    SearchSource,
)
from graph_api.search.words import query_words
from graph_api.settings import Settings

PAGE = 20
MAX_QUERY_LENGTH = 500
CROP_WORDS = 24

# Each facet: the document attribute it counts, and the filter field that narrows it (the
# facet's own filter, which its disjunctive counts leave out).
PRACTICE_FACETS = {
    PracticeFacet.THEME: ("themes", "themes"),
    PracticeFacet.TARGET_GROUP: ("targetGroups", "target_groups"),
    PracticeFacet.PROVINCE: ("provinces", "provinces"),
    PracticeFacet.MUNICIPALITY: ("municipalities", "municipalities"),
    PracticeFacet.ACTION_LINE: ("actionLines", "action_lines"),
    PracticeFacet.ORGANISATION_KIND: ("organisationKind", "organisation_kinds"),
    PracticeFacet.EVIDENCE_LEVEL: ("evidenceLevel", "evidence_levels"),
}
ORGANISATION_FACETS = {
    OrganisationFacet.THEME: ("themes", "themes"),
    OrganisationFacet.TARGET_GROUP: ("targetGroups", "target_groups"),
    OrganisationFacet.PROVINCE: ("province", "provinces"),
    OrganisationFacet.MUNICIPALITY: ("municipality", "municipalities"),
    OrganisationFacet.KIND: ("kind", "kinds"),
    OrganisationFacet.SCOPE: ("scope", "scopes"),
}


@dataclass(frozen=True)
class Target:
    """What differs between the two searches."""

    name: str  # names the cursors, so a cursor of one list is refused by the other
    label: Label  # the node type, in the graph and in GraphQL
    connection: str  # GraphQL type names, to read the selection
    edge: str
    retrieve: tuple[str, ...]  # document fields the highlight needs besides `_formatted`
    title: str  # the document attribute the highlight's title (or name) marks up
    snippet: tuple[str, ...]  # where the snippet comes from, in order (hits.snippet)
    highlight_type: str  # the GraphQL type of the edge's `highlight`, and its title field
    title_field: str
    shape: Callable[[dict[str, Any]], dict[str, str]]  # the edge's `highlight`
    places: str  # the document attribute with the municipality codes a distance is taken to
    # Whether Meilisearch sorts by distance itself (`_geoPoint`): organisations have one
    # place; practices may have several, and are put in order by nearest.py.
    geo_sort: bool = False
    # Whether hits are re-checked against the graph: practices can be hidden (unpublished,
    # archived), organisations cannot.
    recheck: bool = False


PRACTICES = Target(
    "practices",
    Label.PRACTICE,
    "PracticeSearchConnection",
    "PracticeSearchEdge",
    ("id", "title"),
    "title",
    PRACTICE_SNIPPET,
    "PracticeSearchHighlight",
    "title",
    practice_highlight,
    "municipalities",
    recheck=True,
)
ORGANISATIONS = Target(
    "organisations",
    Label.ORGANISATION,
    "OrganisationSearchConnection",
    "OrganisationSearchEdge",
    ("id", "name"),
    "name",
    ORGANISATION_SNIPPET,
    "OrganisationSearchHighlight",
    "name",
    organisation_highlight,
    "municipality",
    geo_sort=True,
)

_QUERY_DOC = (
    "Words to find; typos are tolerated and the last word may be a prefix. Empty lists "
    f"everything (for browsing by facets). At most {MAX_QUERY_LENGTH} characters; longer "
    "is an INVALID_ARGUMENT error."
)


@strawberry.type
class SearchQuery:
    @strawberry.field(description="Full-text search over published practices.")
    async def search_practices(
        self,
        info: Info,
        query: Annotated[str, strawberry.argument(description=_QUERY_DOC)],
        filter: PracticeSearchFilter | None = None,
        facets: list[PracticeFacet] | None = None,
        sort: SearchSort = SearchSort.RELEVANCE,
        first: int = PAGE,
        after: str | None = None,
    ) -> PracticeSearchConnection:
        # Nothing to rank by (an empty query, or only stop words): newest first (and so among
        # equally far practices).
        newest = sort is SearchSort.NEWEST or not query_words(query)
        order = ["publishedTs:desc"] if newest else []
        requested = [(f, *PRACTICE_FACETS[f]) for f in dict.fromkeys(facets or [])]
        page = _Page.of(info.context.settings, PRACTICES, sort.name, first, after)
        _check_query(query)
        distance = sort is SearchSort.DISTANCE
        _check_near(distance, filter)
        filtered = await practice_filter(info, filter)
        nearest = await _centre(info, filtered) if distance else None
        index = practice_index_name(info.context.settings)
        return await _search(
            info, index, PRACTICES, query, filtered, requested, order, page, nearest
        )

    @strawberry.field(description="Full-text search over the network's organisations.")
    async def search_organisations(
        self,
        info: Info,
        query: Annotated[str, strawberry.argument(description=_QUERY_DOC)],
        filter: OrganisationSearchFilter | None = None,
        facets: list[OrganisationFacet] | None = None,
        sort: OrganisationSearchSort = OrganisationSearchSort.RELEVANCE,
        first: int = PAGE,
        after: str | None = None,
    ) -> OrganisationSearchConnection:
        # Nothing to rank by (an empty query, or only stop words): by name.
        named = sort is not OrganisationSearchSort.RELEVANCE or not query_words(query)
        order = ["nameKey:asc"] if named else []
        requested = [(f, *ORGANISATION_FACETS[f]) for f in dict.fromkeys(facets or [])]
        page = _Page.of(info.context.settings, ORGANISATIONS, sort.name, first, after)
        _check_query(query)
        distance = sort is OrganisationSearchSort.DISTANCE
        _check_near(distance, filter)
        filtered = await organisation_filter(info, filter)
        nearest = await _centre(info, filtered) if distance else None
        if nearest is not None:  # nearest first, then by name
            order.insert(0, f"_geoPoint({nearest[0]}, {nearest[1]}):asc")
        index = organisation_index_name(info.context.settings)
        return await _search(
            info, index, ORGANISATIONS, query, filtered, requested, order, page, nearest
        )


def _check_near(distance: bool, filter: Any) -> None:
    if distance and (filter is None or filter.near is None):
        raise InvalidArgumentError(
            "`sort: DISTANCE` needs `filter.near`: the place to measure from.",
            argument="sort",
        )


async def _centre(info: Info, filtered: SearchFilter) -> tuple[float, float] | None:
    """Where distances are taken from: the `near` municipality (the filter checked that it
    exists)."""
    if filtered.centre is None:
        return None
    return await REFERENCE.location(info.context.db, filtered.centre)


def _check_query(query: str) -> None:
    if len(query) > MAX_QUERY_LENGTH:
        raise InvalidArgumentError(
            f"`query` has at most {MAX_QUERY_LENGTH} characters, got {len(query)}.",
            argument="query",
        )


@dataclass(frozen=True)
class _Page:
    tag: str
    first: int
    offset: int
    # The first page also shows practices published a moment ago (fresh.py); a cursor with
    # offset 0 is the page after those.
    fresh: bool

    @classmethod
    def of(
        cls, settings: Settings, target: Target, sort: str, first: int, after: str | None
    ) -> _Page:
        tag = f"search:{target.name}:{sort}"
        check_first(first, settings.max_page_size)
        offset = 0
        if after is not None:
            value = decode_cursor(after, tag, 1)[0]
            if type(value) is not int or not 0 <= value <= MAX_TOTAL_HITS:
                raise InvalidCursorError("The cursor is malformed; pass a cursor from this API.")
            offset = value
        return cls(tag, first, offset, fresh=after is None)

    def cursor(self, position: int) -> str:
        """The cursor after the hit at `position` on this page."""
        return encode_cursor([self.tag, self.offset + position + 1])


def _highlight_selections(c: Compiler, target: Target, info: Info) -> set[str]:
    """The names of the fields selected on `edges { highlight }`."""
    found: set[str] = set()
    for field in c.fields_of(target.connection, root.selections(info)):
        if field.name == "edges":
            for sub in c.fields_of(target.edge, field.selections):
                if sub.name == "highlight":
                    found |= {f.name for f in c.fields_of(target.highlight_type, sub.selections)}
    return found


def _node_selections(c: Compiler, target: Target, info: Info) -> list[Selection] | None:
    """What the request selects on `edges { node }` and `nodes` (all merged: each hit's
    node is one object), or None when no node is selected."""
    found: list[Selection] | None = None
    for field in c.fields_of(target.connection, root.selections(info)):
        if field.name == "nodes":
            found = [*(found or []), *field.selections]
        elif field.name == "edges":
            for sub in c.fields_of(target.edge, field.selections):
                if sub.name == "node":
                    found = [*(found or []), *sub.selections]
    return found


async def _nothing() -> None:
    return None


async def _graph_read(
    info: Info,
    c: Compiler,
    target: Target,
    filtered: SearchFilter,
    page: _Page,
    projection: str | None,
    hits: list[dict[str, Any]],
) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """The page's nodes and, on the first page of practices, the fresh ones (hits.nodes)."""
    ids = [hit["id"] for hit in hits[: page.first]]
    conditions = None
    if target.recheck and page.fresh:
        conditions = [condition.replace("{m}", NODE) for condition in filtered.conditions]
    return await nodes(info.context, c, target.label, ids, projection, target.recheck, conditions)


async def _search(
    info: Info,
    index: str,
    target: Target,
    query: str,
    filtered: SearchFilter,
    facets: Sequence[tuple[Any, str, str]],
    order: list[str],
    page: _Page,
    nearest: tuple[float, float] | None = None,
) -> Any:
    c = filtered.compiler  # one compiler for the filter and the node: distinct parameters
    selected = _node_selections(c, target, info)
    # Compiled before searching, so a field the caller may not read fails at once.
    projection = None if selected is None else c.project(target.label, NODE, selected)
    facet_attributes = [attribute for _, attribute, _ in facets]
    checked = target.recheck or selected is not None  # the graph is read after the search
    mark = marking(
        target.title, target.snippet, _highlight_selections(c, target, info), target.title_field
    )
    retrieve = list(target.retrieve)
    if filtered.centre is not None:
        retrieve.append(target.places)
    if checked:
        # A dropped hit's facet values come out of the counts, so they must come back.
        retrieve += [a for a in facet_attributes if a not in retrieve]
    params: dict[str, Any] = {
        "offset": page.offset,
        "limit": page.first + 1,  # one more tells whether there is a next page
        "attributesToRetrieve": retrieve,
        "attributesToHighlight": mark.highlight,
        "attributesToCrop": mark.crop,
        "cropLength": CROP_WORDS,
        "highlightPreTag": PRE,
        "highlightPostTag": POST,
        # Sorted lists show only full matches: partial ones would mix in by date or name.
        "matchingStrategy": "all" if order or nearest else "last",
    }
    if filtered.expression:
        params["filter"] = filtered.expression
    if facets:
        params["facets"] = facet_attributes
    if order:
        params["sort"] = order
    pinned = nearest is not None and not target.geo_sort
    # Disjunctive counts: a facet whose own filter is set is counted by a search without
    # that filter (as search pages show how many each other value would give), in the same
    # request to Meilisearch.
    # Meilisearch keeps stop words when a query has nothing else, and would then want them
    # all; such a query lists everything, as an empty one does.
    # The normal forms of the words go first (dutch.search_terms).
    q = dutch.search_terms(query) if query_words(query) else ""
    own = [(attribute, name) for _, attribute, name in facets if name in filtered.parts]
    extra = [
        {
            "q": q,
            "limit": 0,
            "facets": [attribute],
            "matchingStrategy": params["matchingStrategy"],
            **({"filter": rest} if (rest := filtered.without(name)) else {}),
        }
        for attribute, name in own
    ]
    source = SearchSource.MEILISEARCH
    try:
        if pinned:
            # The page's ids in distance order (nearest.py); this search fetches just those
            # hits (with their highlights), and the counts come from the whole filter.
            ids, pinned_total = await nearest_ids(
                info.context.settings,
                index,
                q,
                filtered.expression,
                filtered.places,
                await REFERENCE.distances(info.context.db, filtered.centre or ""),
                page.offset + page.first + 1,
                order,
            )
            ids = ids[page.offset :]
            params.pop("sort", None)
            params.pop("facets", None)
            params.update(offset=0, limit=len(ids))
            if ids:
                expression = [filtered.expression] if filtered.expression else []
                params["filter"] = all_of([*expression, any_of("id", ids)])
            if facets:
                extra.insert(
                    0,
                    {
                        "q": q,
                        "limit": 0,
                        "facets": facet_attributes,
                        "matchingStrategy": params["matchingStrategy"],
                        **({"filter": filtered.expression} if filtered.expression else {}),
                    },
                )
        if extra:
            result, *others = await engine.multi_search(
                info.context.settings, index, [{"q": q, **params}, *extra]
            )
            if pinned and facets:
                result["facetDistribution"] = others.pop(0).get("facetDistribution")
            distribution = dict(result.get("facetDistribution") or {})
            for (attribute, _), other in zip(own, others, strict=True):
                distribution[attribute] = (other.get("facetDistribution") or {}).get(attribute, {})
            result["facetDistribution"] = distribution
        else:
            result = await engine.search(info.context.settings, index, q, params)
        if pinned:
            rank = {id_: i for i, id_ in enumerate(ids)}
            result["hits"] = sorted(result.get("hits") or [], key=lambda hit: rank[hit["id"]])
            result["estimatedTotalHits"] = pinned_total
    except SearchUnavailableError:
        # Degrade rather than fail: the graph's own full-text index answers meanwhile, with
        # the nodes compiled into its one statement.
        source = SearchSource.GRAPH_FALLBACK
        found, total, counted = await fallback.search(
            info,
            target.name,
            query,
            filtered,
            bool(order),
            page.offset,
            page.first + 1,
            (projection, c.params),
            nearest,
            facet_attributes,
        )
        result = {"hits": found, "estimatedTotalHits": total, "facetDistribution": counted}
    hits = result.get("hits") or []
    # The snippets' second step (snippets.py) runs while the graph is read.
    filling = asyncio.ensure_future(
        fill_later(
            info.context.settings, index, q, params, hits[: page.first], mark, target.snippet[0]
        )
        if source is SearchSource.MEILISEARCH
        else _nothing()
    )
    read_graph = source is SearchSource.MEILISEARCH and checked
    try:
        found_nodes, rows = (
            await _graph_read(info, c, target, filtered, page, projection, hits)
            if read_graph
            else ({}, [])
        )
    except BaseException:
        filling.cancel()
        raise
    await filling
    total = result.get("estimatedTotalHits") or 0
    distribution = result.get("facetDistribution") or {}
    # Positions stay those of the ranked hits, so cursors skip nothing when a hit is dropped.
    shown = list(enumerate(hits[: page.first]))
    new: list[dict[str, Any]] = []
    if read_graph:
        new = fresh.fresh_hits(rows, query, {hit["id"] for hit in hits})[: page.first]
        for _, hit in shown:
            hit["node"] = found_nodes.get(hit["id"])
        dropped = [hit for _, hit in shown if hit["id"] not in found_nodes]
        if dropped:
            shown = [(i, hit) for i, hit in shown if hit["id"] in found_nodes]
            # Counts lose the dropped hits of this page; hidden ones elsewhere in the
            # ranking stay counted until the indexer has removed them.
            total = max(total - len(dropped), 0)
            distribution = without_hits(distribution, dropped, facet_attributes)
    consumed = page.first  # ranked hits this page stands for; the next page starts after
    if new:
        # Fresh practices first, and the page keeps its size. Facet counts wait for the index.
        consumed -= len(new)
        shown = [(i, hit) for i, hit in shown if i < consumed]
        total += len(new)
    km = None
    if filtered.centre is not None:
        km = await REFERENCE.distances(info.context.db, filtered.centre)

    def edge(hit: dict[str, Any], cursor: str) -> dict[str, Any]:
        places = hit.get(target.places)
        codes = places if isinstance(places, list) else [places] if places else []
        return {
            "node": hit.get("node"),
            "highlight": target.shape(hit),
            "distance_km": km(codes) if km else None,
            "cursor": cursor,
        }

    edges = [edge(hit, page.cursor(-1)) for hit in new]
    edges += [edge(hit, page.cursor(i)) for i, hit in shown]
    return {
        "source": source,
        "edges": edges,
        "nodes": [edge["node"] for edge in edges],
        "page_info": {
            "has_next_page": len(hits) > consumed,
            "has_previous_page": page.offset > 0 or not page.fresh,
            "start_cursor": edges[0]["cursor"] if edges else None,
            "end_cursor": edges[-1]["cursor"] if edges else None,
        },
        "estimated_total_hits": total,
        "facets": facet_counts(
            distribution,
            [(facet, attribute) for facet, attribute, _ in facets],
            await REFERENCE.labeller(info.context.db, info.context.locale()) if facets else None,
        ),
    }
