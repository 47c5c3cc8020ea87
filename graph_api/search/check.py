"""Every difference between the graph and the indexes (`graph-api search-check`)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, Literal

from meilisearch.errors import MeilisearchApiError
from neo4j import Driver

from graph_api.activities.documents import activities
from graph_api.search.client import (
    activity_index_name,
    client,
    organisation_index_name,
    practice_index_name,
)
from graph_api.search.documents import organisations, published_practices
from graph_api.settings import Settings

PAGE = 1000

Kind = Literal["missing", "unexpected", "stale"]


@dataclass(frozen=True)
class Difference:
    index: str
    key: str
    kind: Kind  # missing: should be there; unexpected: should not; stale: out of date
    detail: str

    def __str__(self) -> str:
        return f"{self.index}: {self.key} {self.kind}: {self.detail}"


def search_differences(driver: Driver, settings: Settings) -> list[Difference]:
    """Compares whole documents, so a change that did not bump a revision shows too."""
    database = settings.neo4j_database
    practices = {d["id"]: d for batch in published_practices(driver, database) for d in batch}
    orgs = {d["id"]: d for batch in organisations(driver, database) for d in batch}
    events = {d["id"]: d for batch in activities(driver, database) for d in batch}
    out: list[Difference] = []
    for name, graph in (
        (practice_index_name(settings), practices),
        (organisation_index_name(settings), orgs),
        (activity_index_name(settings), events),
    ):
        indexed = {d["id"]: d for d in _all_documents(settings, name)}
        out += _compare(name, graph, indexed)
    return out


def _all_documents(settings: Settings, index_name: str) -> Iterator[dict[str, Any]]:
    index = client(settings).index(index_name)
    offset = 0
    while True:
        try:
            page = index.get_documents({"offset": offset, "limit": PAGE})
        except MeilisearchApiError as exc:
            if exc.code == "index_not_found":
                return  # then every document is missing, and says so
            raise
        yield from (dict(doc) for doc in page.results)
        offset += len(page.results)
        if not page.results or offset >= page.total:
            return


def _compare(
    index: str, graph: dict[str, dict[str, Any]], indexed: dict[str, dict[str, Any]]
) -> list[Difference]:
    out: list[Difference] = []
    for key in sorted(graph.keys() - indexed.keys()):
        out.append(Difference(index, key, "missing", "in the graph, not in the index"))
    for key in sorted(indexed.keys() - graph.keys()):
        out.append(Difference(index, key, "unexpected", "in the index, not searchable in graph"))
    for key in sorted(graph.keys() & indexed.keys()):
        want, have = _normal(graph[key]), indexed[key]
        if want == have:
            continue
        if "revision" in want and want["revision"] != have.get("revision"):
            detail = f"revision {have.get('revision')} indexed, {want['revision']} in the graph"
        else:
            fields = sorted(f for f in want.keys() | have.keys() if want.get(f) != have.get(f))
            detail = "differs in " + ", ".join(fields)
        out.append(Difference(index, key, "stale", detail))
    return out


def _normal(doc: dict[str, Any]) -> Any:
    """The document as Meilisearch gives it back (JSON types only)."""
    return json.loads(json.dumps(doc))
