"""Highlights and snippets at the cost of what the request shows.

Meilisearch's highlighting and cropping tokenizes each returned hit's whole text: for a page
of 21 practices, marking up the long `body` and `results` took 4–5 ms of its 7 ms at scale
100. So only what the edge's `highlight` selects is asked for: the title (or name) when
`title` (`name`) is selected, and for `snippet` the first snippet source (the summary).
Hits whose summary holds none of the words then get the later sources (body, results)
from a second search over just those ids, so the snippet is the same as when every source
was marked up at once: the first source with a match, cropped around it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from graph_api.graphql.errors import SearchUnavailableError
from graph_api.graphql.filtering import all_of, any_of
from graph_api.search import engine
from graph_api.search.highlight import has_match
from graph_api.settings import Settings


@dataclass(frozen=True)
class Marking:
    """What one search asks Meilisearch to mark up."""

    highlight: list[str]
    crop: list[str]
    later: tuple[str, ...]  # snippet sources left for `fill_later`, when the first has no match


def marking(title: str, sources: Sequence[str], selected: set[str], title_field: str) -> Marking:
    """`selected`: the `highlight` fields the request selects (`title_field`, `snippet`)."""
    highlight = [title] if title_field in selected else []
    if "snippet" not in selected:
        return Marking(highlight, [], ())
    return Marking([*highlight, sources[0]], [sources[0]], tuple(sources[1:]))


async def fill_later(
    settings: Settings,
    index: str,
    q: str,
    params: dict[str, Any],
    hits: list[dict[str, Any]],
    mark: Marking,
    first_source: str,
) -> None:
    """Adds the later snippet sources' markup to the hits whose first source has no match
    (one more search, only when there are such hits)."""
    if not mark.later:
        return
    waiting = {
        hit["id"]: hit
        for hit in hits
        if not has_match((hit.get("_formatted") or {}).get(first_source))
    }
    if not waiting:
        return
    later = list(mark.later)
    try:
        result = await engine.search(
            settings,
            index,
            q,
            {
                "filter": all_of([any_of("id", list(waiting))]),
                "limit": len(waiting),
                "attributesToRetrieve": ["id"],
                "attributesToHighlight": later,
                "attributesToCrop": later,
                **{k: params[k] for k in _SAME if k in params},
            },
        )
    except SearchUnavailableError:
        return  # gone since the first search: these snippets fall back to the summary
    for found in result.get("hits") or []:
        hit = waiting.get(found["id"])
        if hit is not None:
            hit.setdefault("_formatted", {}).update(
                {
                    name: value
                    for name, value in (found.get("_formatted") or {}).items()
                    if name in later
                }
            )


# The parts of the first search the second repeats, so words are marked up alike.
_SAME = ("cropLength", "highlightPreTag", "highlightPostTag", "matchingStrategy")
