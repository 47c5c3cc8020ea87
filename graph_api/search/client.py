"""The Meilisearch client and the practice index's settings, applied from code."""

from __future__ import annotations

from typing import Any

import meilisearch

from graph_api.settings import Settings

PRACTICE_SETTINGS: dict[str, Any] = {
    "searchableAttributes": [
        "title",
        "summary",
        "themeNames",
        "organisationName",
        "municipalityNames",
        "body",
        "results",
    ],
    "filterableAttributes": [
        "themes",
        "targetGroups",
        "actionLines",
        "municipalities",
        "provinces",
        "organisationId",
        "organisationKind",
        "evidenceLevel",
        "_geo",
    ],
    "sortableAttributes": ["publishedTs", "title", "_geo"],
    "displayedAttributes": ["*"],
    "typoTolerance": {"enabled": True},
}


def client(settings: Settings) -> meilisearch.Client:
    return meilisearch.Client(settings.effective_meili_url, settings.meili_master_key, timeout=10)


def practice_index_name(settings: Settings) -> str:
    return f"{settings.meili_index_prefix}practices"
