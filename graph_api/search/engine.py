"""Searching from async code: one keep-alive aiohttp session per event loop.

The official client is synchronous and opens a connection for every request (it calls
`requests.post`). Searches answer people waiting, so they go through aiohttp on the loop
instead, with the client's own error types. Before, they went through keep-alive `requests`
sessions in a thread pool: 3.0-3.2 ms and 1.5 ms of CPU per search of the practices index,
against 1.6 ms and 0.3 ms now, and 1.3 ms and 0.15 ms for a bare HTTP exchange (scale 1,
measured in-process; the thread hop alone was 0.8 ms). The client stays the tool for
settings, documents and tasks, where a connection more or less does not matter."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import weakref
from collections.abc import AsyncIterator
from typing import TYPE_CHECKING, Any, cast

import aiohttp
import orjson
from meilisearch.errors import (
    MeilisearchApiError,
    MeilisearchCommunicationError,
    MeilisearchTimeoutError,
)

from graph_api.graphql.errors import SearchUnavailableError
from graph_api.search.client import HEADERS, SEARCH_TIMEOUT_S
from graph_api.search.errors import is_unreachable
from graph_api.settings import Settings

if TYPE_CHECKING:
    from requests import Response

log = logging.getLogger(__name__)

MAX_CONCURRENT_SEARCHES = 16  # connections per loop; more searches wait for one
# Below Meilisearch's own keep-alive (5 s), so that a pooled connection is not one the server
# is closing at that moment.
KEEPALIVE_S = 4.0

_sessions: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, aiohttp.ClientSession]
_sessions = weakref.WeakKeyDictionary()


def _new_session() -> aiohttp.ClientSession:
    return aiohttp.ClientSession(
        connector=aiohttp.TCPConnector(
            limit=MAX_CONCURRENT_SEARCHES, keepalive_timeout=KEEPALIVE_S
        ),
        # As the client's own timeout: on connecting and on each read, not on the wait for a
        # free connection (searches beyond MAX_CONCURRENT_SEARCHES queue for one).
        timeout=aiohttp.ClientTimeout(sock_connect=SEARCH_TIMEOUT_S, sock_read=SEARCH_TIMEOUT_S),
        headers={**HEADERS, "Content-Type": "application/json"},
        auto_decompress=False,  # asked for uncompressed (HEADERS)
    )


def open_session() -> None:
    """Keep one session for this loop's searches (the app's startup; a session belongs to
    the loop it was made on)."""
    _sessions[asyncio.get_running_loop()] = _new_session()


async def close_session() -> None:
    """Close this loop's session (the app's shutdown)."""
    session = _sessions.pop(asyncio.get_running_loop(), None)
    if session is not None:
        await session.close()


@contextlib.asynccontextmanager
async def _session() -> AsyncIterator[aiohttp.ClientSession]:
    kept = _sessions.get(asyncio.get_running_loop())
    if kept is not None and not kept.closed:
        yield kept
    else:  # outside a served app (tests, scripts): a session for this search alone
        async with _new_session() as own:
            yield own


class _Answer:
    """What `MeilisearchApiError` reads of a response."""

    def __init__(self, status: int, text: str) -> None:
        self.status_code, self.text = status, text


async def _post(settings: Settings, path: str, payload: dict[str, Any]) -> Any:
    url = f"{settings.effective_meili_url}{path}"
    body = orjson.dumps(payload)
    key = settings.meili_master_key
    headers = {"Authorization": f"Bearer {key}"} if key else None
    for attempt in (1, 2):
        try:
            async with (
                _session() as session,
                session.post(url, data=body, headers=headers) as response,
            ):
                content = await response.read()
                status = response.status
            break
        except TimeoutError as err:
            raise MeilisearchTimeoutError(str(err)) from err
        except aiohttp.ServerDisconnectedError as err:
            # A kept-alive connection the server closed as it was taken: a search is a read,
            # so it is sent again, once, on a fresh connection.
            if attempt == 2:
                raise MeilisearchCommunicationError(str(err)) from err
        except aiohttp.ClientError as err:
            raise MeilisearchCommunicationError(str(err)) from err
    if status >= 400:
        answer = _Answer(status, content.decode("utf-8", "replace"))
        raise MeilisearchApiError(f"HTTP {status}", cast("Response", answer))
    return orjson.loads(content)


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
    try:
        return await _post(settings, path, payload)
    except Exception as exc:
        if not is_unreachable(exc):
            raise
        log.warning("Search unavailable: %s", exc)
        raise SearchUnavailableError(
            "Search is unavailable right now; please try again in a moment."
        ) from exc
