"""Meilisearch hits and facet distributions, shaped as the GraphQL search types read them."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from graph_api.search.highlight import has_match, to_html

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
