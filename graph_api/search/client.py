"""The Meilisearch client: one per thread, index names, and waiting for tasks."""

from __future__ import annotations

import threading
from typing import Any

import meilisearch

from graph_api.settings import Settings

# Seconds before a request gives up: searches answer a person waiting, indexing can wait.
SEARCH_TIMEOUT_S = 3
INDEXING_TIMEOUT_S = 10
TASK_TIMEOUT_MS = 120_000

# Accepting gzip was measured to make loopback responses slow (~44 ms against ~6 ms);
# uncompressed is also cheaper for the server, and these requests never leave the network.
HEADERS = {"Accept-Encoding": "identity"}

_local = threading.local()


def client(settings: Settings, timeout: int = INDEXING_TIMEOUT_S) -> meilisearch.Client:
    """A client for the current thread.

    The client keeps one mutable header dict (it sets and pops Content-Type per request),
    so sharing one between threads can send a request with another's headers.
    """
    clients: dict[tuple[str, str, int], meilisearch.Client] = getattr(_local, "clients", {})
    _local.clients = clients
    key = (settings.effective_meili_url, settings.meili_master_key, timeout)
    if key not in clients:
        clients[key] = meilisearch.Client(key[0], key[1], timeout=timeout, custom_headers=HEADERS)
    return clients[key]


def practice_index_name(settings: Settings) -> str:
    return f"{settings.meili_index_prefix}practices"


def activity_index_name(settings: Settings) -> str:
    return f"{settings.meili_index_prefix}activities"


def organisation_index_name(settings: Settings) -> str:
    return f"{settings.meili_index_prefix}organisations"


class SearchIndexError(RuntimeError):
    """A Meilisearch task failed: the index did not change."""


# Failures that are expected when creating an index that exists or deleting one that does not.
HARMLESS = frozenset({"index_already_exists", "index_not_found"})


def wait(
    meili: meilisearch.Client,
    task: Any,
    harmless: frozenset[str] = frozenset(),
    timeout_ms: int = TASK_TIMEOUT_MS,
    interval_ms: int = 20,
) -> None:
    """Wait until Meilisearch has applied `task`; raise when it failed."""
    done = meili.wait_for_task(task.task_uid, timeout_in_ms=timeout_ms, interval_in_ms=interval_ms)
    if done.status == "failed" and (done.error or {}).get("code") not in harmless:
        raise SearchIndexError(f"Meilisearch task {task.task_uid} failed: {done.error}")
