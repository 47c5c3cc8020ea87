"""Searching from async code: searches run in their own threads, never on the loop.

The official client opens a new connection for every request (it calls `requests.post`);
searches answer people waiting, so they go through one keep-alive session per thread
instead, with the client's own error types. The client stays the tool for settings,
documents and tasks, where a connection more or less does not matter."""

from __future__ import annotations

import asyncio
import contextvars
import functools
import logging
import threading
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import orjson
import requests
from meilisearch.errors import (
    MeilisearchApiError,
    MeilisearchCommunicationError,
    MeilisearchTimeoutError,
)

from graph_api.graphql.errors import SearchUnavailableError
from graph_api.search.client import HEADERS, SEARCH_TIMEOUT_S
from graph_api.search.errors import is_unreachable
from graph_api.settings import Settings

log = logging.getLogger(__name__)

# Its own pool, so slow searches cannot starve other users of the default executor.
MAX_CONCURRENT_SEARCHES = 16
_pool: ThreadPoolExecutor | None = None
_pool_lock = threading.Lock()
_local = threading.local()


def _executor() -> ThreadPoolExecutor:
    global _pool
    with _pool_lock:
        if _pool is None:
            _pool = ThreadPoolExecutor(MAX_CONCURRENT_SEARCHES, thread_name_prefix="search")
        return _pool


def _session(settings: Settings) -> requests.Session:
    session: requests.Session | None = getattr(_local, "session", None)
    if session is None:
        session = requests.Session()
        session.headers.update({**HEADERS, "Content-Type": "application/json"})
        _local.session = session
    if settings.meili_master_key:
        session.headers["Authorization"] = f"Bearer {settings.meili_master_key}"
    return session


def _post(settings: Settings, path: str, payload: dict[str, Any]) -> Any:
    url = f"{settings.effective_meili_url}{path}"
    body = orjson.dumps(payload)
    try:
        response = _session(settings).post(url, data=body, timeout=SEARCH_TIMEOUT_S)
    except requests.exceptions.Timeout as err:
        raise MeilisearchTimeoutError(str(err)) from err
    except requests.exceptions.ConnectionError as err:
        raise MeilisearchCommunicationError(str(err)) from err
    if response.status_code >= 400:
        raise MeilisearchApiError(f"HTTP {response.status_code}", response)
    return orjson.loads(response.content)


async def search(
    settings: Settings, index_name: str, query: str, params: dict[str, Any]
) -> dict[str, Any]:
    """One Meilisearch search; SEARCH_UNAVAILABLE when the server cannot answer."""
    payload = {"q": query, **params}
    result: dict[str, Any] = await _run(settings, f"/indexes/{index_name}/search", payload)
    return result


async def multi_search(
    settings: Settings, index_name: str, queries: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    """Several searches of one index in one request (POST /multi-search), answers in order;
    SEARCH_UNAVAILABLE as `search`."""
    payload = {"queries": [{"indexUid": index_name, **query} for query in queries]}
    answer = await _run(settings, "/multi-search", payload)
    results: list[dict[str, Any]] = answer["results"]
    return results


async def _run(settings: Settings, path: str, payload: dict[str, Any]) -> Any:
    call = functools.partial(_post, settings, path, payload)
    try:
        # Unlike asyncio.to_thread, run_in_executor does not carry contextvars: copy them, so
        # what the client logs in its thread keeps the request ID.
        context = contextvars.copy_context()
        result = await asyncio.get_running_loop().run_in_executor(_executor(), context.run, call)
    except Exception as exc:
        if not is_unreachable(exc):
            raise
        log.warning("Search unavailable: %s", exc)
        raise SearchUnavailableError(
            "Search is unavailable right now; please try again in a moment."
        ) from exc
    return result
