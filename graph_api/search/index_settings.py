"""The indexes' settings, applied from code, so a fresh server or index needs nothing else."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from graph_api.search import dutch
from graph_api.search.client import (
    HARMLESS,
    activity_index_name,
    client,
    organisation_index_name,
    practice_index_name,
)
from graph_api.search.client import wait as wait_for
from graph_api.settings import Settings

# `sort` comes first so that NEWEST / NAME really order the hits; without a sort in the
# request the rule does nothing, and relevance decides as usual.
RANKING_RULES = ["sort", "words", "typo", "proximity", "attribute", "exactness"]
# Pages reach the first 1,000 hits; search is for finding, lists are for browsing.
MAX_TOTAL_HITS = 1000

_COMMON: dict[str, Any] = {
    "rankingRules": RANKING_RULES,
    "displayedAttributes": ["*"],
    "synonyms": dutch.synonyms(),
    "stopWords": dutch.stop_words(),
    "typoTolerance": {
        "enabled": True,
        "minWordSizeForTypos": {"oneTypo": 5, "twoTypos": 9},
        # Codes and numbers (GM0363, 2024) must match exactly.
        "disableOnNumbers": True,
    },
    "faceting": {"maxValuesPerFacet": 400, "sortFacetValuesBy": {"*": "count"}},
    "pagination": {"maxTotalHits": MAX_TOTAL_HITS},
    "prefixSearch": "indexingTime",
    # The API asks for facet counts, never searches within facet values (/facet-search);
    # building that structure was most of the cost of indexing one practice.
    "facetSearch": False,
}

PRACTICE_SETTINGS: dict[str, Any] = {
    **_COMMON,
    # In order of importance for the `attribute` ranking rule.
    "searchableAttributes": [
        "title",
        "summary",
        "themeNames",
        "targetGroupNames",
        "organisationName",
        "municipalityNames",
        "provinceNames",
        "body",
        "results",
        # Last: the normal forms of the words (dutch.py), so exact words rank first and
        # highlights stay on the real fields.
        "stems",
    ],
    "filterableAttributes": [
        "id",
        "themes",
        "targetGroups",
        "actionLines",
        "municipalities",
        "provinces",
        "organisationId",
        "organisationKind",
        "evidenceLevel",
    ],
    # No `_geo`: a practice applied in several places has no one point, so `near` filters
    # on municipality codes (filters.py); writing geo points cost every indexing batch.
    "sortableAttributes": ["publishedTs"],
}

ORGANISATION_SETTINGS: dict[str, Any] = {
    **_COMMON,
    "searchableAttributes": [
        "name",
        "description",
        "themeNames",
        "targetGroupNames",
        "municipalityName",
        "provinceName",
        "stems",
    ],
    "filterableAttributes": [
        "id",
        "kind",
        "scope",
        "themes",
        "targetGroups",
        "municipality",
        "province",
        "_geo",
    ],
    "sortableAttributes": ["nameKey", "_geo"],
}


# Activities (graph_api/activities/documents.py): every activity, past and cancelled too;
# searches leave out the past by `endTs` unless asked.
ACTIVITY_SETTINGS: dict[str, Any] = {
    **_COMMON,
    "searchableAttributes": [
        "title",
        "themeNames",
        "targetGroupNames",
        "organisationName",
        "municipalityName",
        "description",
        "address",
    ],
    "filterableAttributes": [
        "id",
        "startTs",
        "endTs",
        "week",
        "status",
        "themes",
        "targetGroups",
        "municipality",
        "province",
        "organisationId",
        "actionLine",
    ],
    "sortableAttributes": ["startTs"],
}


@dataclass(frozen=True)
class IndexSpec:
    name: str
    settings: dict[str, Any]


def index_specs(settings: Settings) -> tuple[IndexSpec, IndexSpec]:
    return (
        IndexSpec(practice_index_name(settings), PRACTICE_SETTINGS),
        IndexSpec(organisation_index_name(settings), ORGANISATION_SETTINGS),
    )


def activity_index_spec(settings: Settings) -> IndexSpec:
    return IndexSpec(activity_index_name(settings), ACTIVITY_SETTINGS)


def create_with_settings(settings: Settings, spec: IndexSpec) -> None:
    """Create the index if needed and apply its settings; unchanged settings are a no-op."""
    meili = client(settings)
    wait_for(meili, meili.create_index(spec.name, {"primaryKey": "id"}), HARMLESS)
    wait_for(meili, meili.index(spec.name).update_settings(spec.settings))


def ensure_indexes(settings: Settings) -> None:
    """Both indexes exist with the settings in this module (idempotent; blocking)."""
    for spec in (*index_specs(settings), activity_index_spec(settings)):
        create_with_settings(settings, spec)
