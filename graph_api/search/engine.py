"""Searching from async code: the sync client runs in its own threads, never on the loop."""

from __future__ import annotations

import asyncio
import contextvars
import functools
import logging
import threading
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from graph_api.graphql.errors import SearchUnavailableError
from graph_api.search.client import SEARCH_TIMEOUT_S, client
from graph_api.search.errors import is_unreachable
from graph_api.settings import Settings

log = logging.getLogger(__name__)

# Its own pool, so slow searches cannot starve other users of the default executor.
MAX_CONCURRENT_SEARCHES = 16
_pool: ThreadPoolExecutor | None = None
_pool_lock = threading.Lock()


def _executor() -> ThreadPoolExecutor:
    global _pool
    with _pool_lock:
        if _pool is None:
            _pool = ThreadPoolExecutor(MAX_CONCURRENT_SEARCHES, thread_name_prefix="search")
        return _pool


def _search(settings: Settings, index_name: str, query: str, params: dict[str, Any]) -> Any:
    return client(settings, SEARCH_TIMEOUT_S).index(index_name).search(query, params)


async def search(
    settings: Settings, index_name: str, query: str, params: dict[str, Any]
) -> dict[str, Any]:
    """One Meilisearch search; SEARCH_UNAVAILABLE when the server cannot answer."""
    call = functools.partial(_search, settings, index_name, query, params)
    try:
        # Unlike asyncio.to_thread, run_in_executor does not carry contextvars: copy them, so
        # what the client logs in its thread keeps the request ID.
        context = contextvars.copy_context()
        result: dict[str, Any] = await asyncio.get_running_loop().run_in_executor(
            _executor(), context.run, call
        )
    except Exception as exc:
        if not is_unreachable(exc):
            raise
        log.warning("Search unavailable: %s", exc)
        raise SearchUnavailableError(
            "Search is unavailable right now; please try again in a moment."
        ) from exc
    return result
