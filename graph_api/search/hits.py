"""Meilisearch hits and facet distributions, shaped as the GraphQL search types read them,
and the re-check that drops practices hidden after the index last saw them."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, LiteralString

from graph_api.db.driver import Database, RoundTrips
from graph_api.search.documents import PUBLISHED
from graph_api.search.highlight import has_match, to_html

# The index lags the graph by the indexer's delay (up to about a second), so a practice
# unpublished or archived a moment ago may still be a hit. One read over the page's ids
# (a unique-index seek each) asks the graph which of them are still published now: the
# same rule that lets a practice into the index (documents.PUBLISHED).
_STILL_PUBLISHED: LiteralString = (
    "UNWIND $ids AS id MATCH (p:Practice {id: id}) WHERE " + PUBLISHED + " "
    "RETURN collect(p.id) AS visible"
)


async def still_published(db: Database, ids: list[str], trips: RoundTrips) -> set[str]:
    """Which of these practice ids are published in the graph now."""
    if not ids:
        return set()
    rows = await db.read(_STILL_PUBLISHED, {"ids": ids}, trips)
    return set(rows[0]["visible"]) if rows else set()


def without_hits(
    distribution: dict[str, dict[str, int]],
    dropped: Sequence[dict[str, Any]],
    attributes: Sequence[str],
) -> dict[str, dict[str, int]]:
    """Facet counts with the dropped hits taken out (their documents carry the values)."""
    out = {name: dict(counts) for name, counts in distribution.items()}
    for hit in dropped:
        for attribute in attributes:
            counts = out.get(attribute)
            if counts is None:
                continue
            for value in _facet_values(hit.get(attribute)):
                if value in counts:
                    counts[value] -= 1
                    if counts[value] <= 0:
                        del counts[value]
    return out


def _facet_values(raw: Any) -> list[str]:
    # Meilisearch keys a distribution by the value as text (numbers too: "2").
    items = raw if isinstance(raw, list) else [raw]
    return [str(v) for v in dict.fromkeys(items) if v is not None and not isinstance(v, dict)]


# Snippet sources in order of preference; the first with a match is cropped around it.
PRACTICE_SNIPPET = ("summary", "body", "results")
ORGANISATION_SNIPPET = ("description",)


def _themes(hit: dict[str, Any]) -> list[dict[str, str]]:
    slugs, names = hit.get("themes") or [], hit.get("themeNames") or []
    return [
        {"id": f"Theme:{slug}", "slug": slug, "name": name}
        for slug, name in zip(slugs, names, strict=False)
    ]


def snippet(formatted: dict[str, Any], sources: Sequence[str]) -> str:
    for name in sources:
        if has_match(formatted.get(name)):
            return to_html(formatted[name])
    return to_html(formatted.get(sources[0]))


def practice_hit(hit: dict[str, Any]) -> dict[str, Any]:
    formatted = hit.get("_formatted") or {}
    org = hit.get("organisationId")
    return {
        "id": f"Practice:{hit['id']}",
        "slug": hit["slug"],
        "title": hit["title"],
        "summary": hit.get("summary") or "",
        "published_at": hit.get("publishedAt"),
        "evidence_level": hit.get("evidenceLevel"),
        "organisation_id": f"Organisation:{org}" if org else None,
        "organisation_name": hit.get("organisationName"),
        "themes": _themes(hit),
        "highlighted_title": to_html(formatted.get("title") or hit["title"]),
        "snippet": snippet(formatted, PRACTICE_SNIPPET),
    }


def organisation_hit(hit: dict[str, Any]) -> dict[str, Any]:
    formatted = hit.get("_formatted") or {}
    return {
        "id": f"Organisation:{hit['id']}",
        "name": hit["name"],
        "kind": hit["kind"],
        "scope": hit["scope"],
        "description": hit.get("description"),
        "website": hit.get("website"),
        "municipality_name": hit.get("municipalityName"),
        "province_name": hit.get("provinceName"),
        "themes": _themes(hit),
        "highlighted_name": to_html(formatted.get("name") or hit["name"]),
        "snippet": snippet(formatted, ORGANISATION_SNIPPET),
    }


def facet_counts(
    distribution: dict[str, dict[str, int]], requested: Sequence[tuple[Any, str]]
) -> list[dict[str, Any]]:
    """`requested` pairs a facet enum with its attribute; counts largest first."""
    out = []
    for facet, attribute in requested:
        counts = distribution.get(attribute) or {}
        values = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
        out.append({"facet": facet, "values": [{"value": v, "count": n} for v, n in values]})
    return out
