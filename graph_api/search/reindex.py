"""Rebuild the practice index from the graph into a fresh index and swap it in."""

from __future__ import annotations

from typing import Any

from neo4j import Driver
from rich.progress import Progress

from graph_api.search.client import PRACTICE_SETTINGS, client, practice_index_name
from graph_api.search.documents import published_practices
from graph_api.settings import Settings

TASK_TIMEOUT_MS = 120_000


def reindex_practices(driver: Driver, settings: Settings, progress: bool = True) -> int:
    """Build `<name>_next`, then swap it with the live index, so search never goes empty."""
    meili = client(settings)
    live = practice_index_name(settings)
    fresh = f"{live}_next"
    _wait(meili, meili.delete_index(fresh))
    _wait(meili, meili.create_index(live, {"primaryKey": "id"}))  # no-op when it exists
    _wait(meili, meili.create_index(fresh, {"primaryKey": "id"}))
    index = meili.index(fresh)
    _wait(meili, index.update_settings(PRACTICE_SETTINGS))
    total = 0
    with Progress(disable=not progress, transient=True) as bar:
        task = bar.add_task("Indexing published practices", total=None)
        for docs in published_practices(driver, settings.neo4j_database):
            _wait(meili, index.add_documents(docs))
            total += len(docs)
            bar.update(task, advance=len(docs))
    _wait(meili, meili.swap_indexes([{"indexes": [live, fresh]}]))
    _wait(meili, meili.delete_index(fresh))
    return total


def _wait(meili: Any, task: Any) -> None:
    done = meili.wait_for_task(task.task_uid, timeout_in_ms=TASK_TIMEOUT_MS)
    if done.status == "failed" and (done.error or {}).get("code") not in (
        "index_already_exists",
        "index_not_found",
    ):
        raise SearchIndexError(f"Meilisearch task {task.task_uid} failed: {done.error}")


class SearchIndexError(RuntimeError):
    """A Meilisearch task failed for a reason other than the index existing or not."""
