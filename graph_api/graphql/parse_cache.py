"""Parsed documents kept per text: frontends send the same few documents over and over."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from functools import lru_cache

from graphql import DocumentNode, GraphQLError, parse
from strawberry.extensions import SchemaExtension

CACHE_SIZE = 1024


@lru_cache(maxsize=CACHE_SIZE)
def _parse(query: str, max_tokens: int | None) -> DocumentNode:
    return parse(query, max_tokens=max_tokens)


class ParseCache(SchemaExtension):
    """Unlike Strawberry's ParserCache, a document that does not parse is left to
    Strawberry's own parse, so its error is reported (and tagged) the usual way."""

    def on_parse(self) -> Iterator[None]:
        ec = self.execution_context
        if ec.query and ec.graphql_document is None:
            options = ec.parse_options
            with contextlib.suppress(GraphQLError):  # Strawberry parses again and reports it
                ec.graphql_document = _parse(ec.query, options.get("max_tokens"))
        yield
