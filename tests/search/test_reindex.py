"""The reindex: built aside and swapped in, searches never go empty, changes survive it."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from meilisearch.errors import MeilisearchApiError
from neo4j import Driver

from graph_api.search import outbox, reindex
from graph_api.search.check import search_differences
from graph_api.search.client import (
    SearchIndexError,
    activity_index_name,
    client,
    organisation_index_name,
    practice_index_name,
)
from graph_api.search.indexer import OutboxIndexer
from graph_api.search.reindex import next_index_name, reindex_all
from graph_api.settings import Settings
from tests.search.conftest import Write, published

RETITLE = "MATCH (p:Practice {id: $id}) SET p.title = $title, p.revision = p.revision + 1"


def _exists(settings: Settings, name: str) -> bool:
    try:
        client(settings).get_raw_index(name)
        return True
    except MeilisearchApiError:
        return False


def test_reindex_swaps_without_a_gap_and_keeps_changes_made_meanwhile(
    neo4j: Driver,
    settings: Settings,
    run_cypher: Any,
    write: Write,
    indexer: OutboxIndexer,
    keep_practices: Callable[[str], None],
    capsys: pytest.CaptureFixture[str],
) -> None:
    key = sorted(published(run_cypher))[-1]
    keep_practices(key)
    done = threading.Event()
    counts: list[int] = []
    failures: list[BaseException] = []
    changed_during = threading.Event()

    def search_meanwhile() -> None:
        index = client(settings).index(practice_index_name(settings))
        orgs = client(settings).index(organisation_index_name(settings))
        while not done.is_set():
            try:
                counts.append(len(index.search("eenzaamheid", {"limit": 5})["hits"]))
                counts.append(len(orgs.search("stichting", {"limit": 5})["hits"]))
            except BaseException as exc:  # reported by the main thread
                failures.append(exc)
            time.sleep(0.01)

    def change_meanwhile() -> None:
        # Once the fresh index is being filled, edit a practice the reindex may have read.
        fresh = next_index_name(practice_index_name(settings))
        while not done.is_set() and not _exists(settings, fresh):
            time.sleep(0.01)
        if not done.is_set():
            write(RETITLE, "practice", [key], id=key, title="Gewijzigd tijdens herindexeren")
            changed_during.set()

    threads = [threading.Thread(target=search_meanwhile), threading.Thread(target=change_meanwhile)]
    for thread in threads:
        thread.start()
    started = time.perf_counter()
    try:
        totals = reindex_all(neo4j, settings, progress=False)
    finally:
        took = time.perf_counter() - started
        done.set()
        for thread in threads:
            thread.join(30)
    with capsys.disabled():
        print(
            f"\nreindex: {took:.1f} s, {len(counts)} searches meanwhile, fewest hits {min(counts)}"
        )
    assert not failures, failures[:3]
    assert len(counts) > 20 and min(counts) == 5, "a search came back empty during the reindex"
    assert changed_during.is_set()
    assert totals["practices"] == len(published(run_cypher))
    assert (
        totals["organisations"] == run_cypher("MATCH (o:Organisation) RETURN count(o) AS n")[0]["n"]
    )
    assert not _exists(settings, next_index_name(practice_index_name(settings)))
    # The change waited in the outbox for the reindex to finish; then it is applied.
    indexer.drain()
    assert outbox.entry_count(neo4j, settings.neo4j_database) == 0
    assert search_differences(neo4j, settings) == []
    hits = client(settings).index(practice_index_name(settings)).search("herindexeren")["hits"]
    assert [h["id"] for h in hits] == [key]


def test_reindex_creates_missing_indexes(neo4j: Driver, settings: Settings) -> None:
    """From nothing (a new server): both indexes appear, with their settings."""
    meili = client(settings)
    name = organisation_index_name(settings)
    meili.wait_for_task(meili.delete_index(name).task_uid)
    assert not _exists(settings, name)
    differences = search_differences(neo4j, settings)
    assert differences and {d.kind for d in differences} == {"missing"}
    reindex_all(neo4j, settings, progress=False)
    assert search_differences(neo4j, settings) == []
    assert "kind" in meili.index(name).get_filterable_attributes()


def test_a_rejected_batch_fails_the_reindex_and_leaves_the_live_index(
    neo4j: Driver, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Additions are sent ahead of each other; one Meilisearch rejects, sent first and
    followed by good ones, still stops the reindex before the swap."""
    meili = client(settings)
    live = meili.index(activity_index_name(settings))
    before = live.get_stats().number_of_documents
    assert before > 0

    def batches(driver: Driver, database: str, size: int) -> Iterator[list[dict[str, Any]]]:
        # Not a valid document id (only letters, digits, - and _), then pages that are fine.
        yield [{"id": "not a valid id!", "title": "x"}]
        for i in range(3):
            yield [{"id": f"goed-{i}-{j}", "title": "goed"} for j in range(5)]

    monkeypatch.setattr(reindex, "activities", batches)
    with pytest.raises(SearchIndexError, match="invalid_document_id"):
        reindex_all(neo4j, settings, progress=False)
    assert live.get_stats().number_of_documents == before
    assert not _exists(settings, next_index_name(activity_index_name(settings)))
    assert search_differences(neo4j, settings) == []
