"""Rebuild the indexes from the graph, each into a fresh index swapped in at the end.

Searches keep using the live index until the swap, which Meilisearch does atomically, so
they never see an empty or half-filled index. The reindex holds the indexer's lease
throughout: changes recorded meanwhile wait in the outbox and are applied to the new index
afterwards, so none is lost (the outbox is never cleared here).
"""

from __future__ import annotations

import contextlib
from collections import deque
from collections.abc import Callable, Iterator
from typing import Any

import meilisearch
from neo4j import Driver
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
)

from graph_api.activities.documents import activities, activity_count
from graph_api.search.client import HARMLESS, client, wait
from graph_api.search.documents import document_counts, organisations, published_practices
from graph_api.search.index_settings import IndexSpec, activity_index_spec, index_specs
from graph_api.search.lease import Lease
from graph_api.settings import Settings

BATCH = 500
WINDOW = 16
LEASE_WAIT_S = 60.0

Batches = Callable[[Driver, str, int], Iterator[list[dict[str, Any]]]]


def reindex_all(driver: Driver, settings: Settings, progress: bool = True) -> dict[str, int]:
    """Rebuild the practice, organisation and activity indexes; returns the documents indexed."""
    lease = Lease(driver, settings.neo4j_database, role="reindex")
    lease.wait(LEASE_WAIT_S)
    try:
        database = settings.neo4j_database
        totals = document_counts(driver, database)
        practices_spec, organisations_spec = index_specs(settings)
        with _progress_bar(progress) as bar:
            return {
                "practices": _rebuild(
                    driver, settings, practices_spec, published_practices,
                    bar.add_task("Published practices", total=totals["practices"]), bar, lease,
                ),
                "organisations": _rebuild(
                    driver, settings, organisations_spec, organisations,
                    bar.add_task("Organisations", total=totals["organisations"]), bar, lease,
                ),
                "activities": _rebuild(
                    driver, settings, activity_index_spec(settings), activities,
                    bar.add_task("Activities", total=activity_count(driver, database)), bar,
                    lease,
                ),
            }  # fmt: skip
    finally:
        lease.release()


def next_index_name(live: str) -> str:
    return f"{live}_next"


def _rebuild(
    driver: Driver,
    settings: Settings,
    spec: IndexSpec,
    batches: Batches,
    task: TaskID,
    bar: Progress,
    lease: Lease,
) -> int:
    meili = client(settings)
    fresh = next_index_name(spec.name)
    wait(meili, meili.delete_index(fresh), HARMLESS)  # a leftover of an interrupted run
    # The live index must exist to swap with; a first run swaps in with an empty one.
    wait(meili, meili.create_index(spec.name, {"primaryKey": "id"}), HARMLESS)
    wait(meili, meili.create_index(fresh, {"primaryKey": "id"}))
    index = meili.index(fresh)
    # Settings before documents: indexing once with them is faster than re-indexing.
    wait(meili, index.update_settings(spec.settings))
    count = 0
    # Additions enqueued but not yet seen applied, oldest first. Meilisearch joins the
    # additions waiting in its queue into one indexing batch, which costs far less than
    # indexing them one by one: at the benchmark's scale 100, waiting for each page before
    # sending the next took 352 s, this 139 s. At most WINDOW wait, so the queue (and its
    # payloads on disk) stays bounded however large the graph.
    enqueued: deque[tuple[Any, int]] = deque()
    try:
        for docs in batches(driver, settings.neo4j_database, BATCH):
            enqueued.append((index.add_documents(docs, primary_key="id"), len(docs)))
            count += len(docs)
            lease.renew()
            if len(enqueued) >= WINDOW:
                _applied(meili, enqueued.popleft(), bar, task)
        while enqueued:
            _applied(meili, enqueued.popleft(), bar, task)
        # Losing the lease would mean an indexer wrote to the live index meanwhile, and
        # swapping would throw those changes away; so check once more just before.
        lease.renew()
    except (Exception, KeyboardInterrupt):
        with contextlib.suppress(Exception):  # best effort; the next run deletes it anyway
            wait(meili, meili.delete_index(fresh), HARMLESS)
        raise
    wait(meili, meili.swap_indexes([{"indexes": [spec.name, fresh]}]))
    wait(meili, meili.delete_index(fresh), HARMLESS)  # now holds the previous documents
    bar.update(task, total=count, completed=count)
    return count


def _applied(
    meili: meilisearch.Client, enqueued: tuple[Any, int], bar: Progress, task: TaskID
) -> None:
    """Wait until an enqueued addition is applied (raise if it failed); count its documents."""
    info, n = enqueued
    wait(meili, info)
    bar.update(task, advance=n)


def _progress_bar(enabled: bool) -> Progress:
    return Progress(
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=Console(stderr=True),
        disable=not enabled,
    )
