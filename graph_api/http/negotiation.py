"""Content negotiation for GraphQL over HTTP: which media type the client accepts."""

from __future__ import annotations

GRAPHQL_RESPONSE = "application/graphql-response+json"
JSON = "application/json"


def accepted(accept: str | None) -> str | None:
    """The media type to answer with, or None when the client accepts neither.

    No Accept header (older clients) means application/json, as the specification asks.
    Between equal weights the newer type wins.
    """
    if not accept:
        return JSON
    best: tuple[float, int, str] | None = None
    for part in accept.split(","):
        media, *params = (p.strip() for p in part.split(";"))
        quality = 1.0
        for param in params:
            name, _, value = param.partition("=")
            if name.strip() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        if quality <= 0:
            continue
        if media == GRAPHQL_RESPONSE:
            candidate = (quality, 2, GRAPHQL_RESPONSE)
        elif media in (JSON, "application/*", "*/*"):
            candidate = (quality, 1, JSON)
        else:
            continue
        if best is None or candidate[:2] > best[:2]:
            best = candidate
    return best[2] if best else None


def wants_html(accept: str | None) -> bool:
    return bool(accept) and "text/html" in (accept or "")
