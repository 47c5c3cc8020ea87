"""Which failures mean "a server is unreachable" (wait and retry) rather than a bug."""

from __future__ import annotations

from meilisearch.errors import (
    MeilisearchApiError,
    MeilisearchCommunicationError,
    MeilisearchTimeoutError,
)
from neo4j.exceptions import ServiceUnavailable, SessionExpired, TransientError


def is_unreachable(exc: BaseException) -> bool:
    if isinstance(exc, MeilisearchCommunicationError | MeilisearchTimeoutError):
        return True
    if isinstance(exc, MeilisearchApiError):
        return exc.status_code >= 500 or exc.code == "index_not_found"
    return isinstance(exc, ServiceUnavailable | SessionExpired | TransientError)
