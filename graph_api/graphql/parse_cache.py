"""Parsing and validation, done once per document text and timed.

Frontends send the same few documents over and over, and validating one costs far more than
running it, so parsed documents and validation outcomes are kept. Both caches are keyed by a
hash of the text (the text itself is not kept) and bounded by an estimate of the bytes their
entries pin, not by a count: a flood of large unique documents evicts, it cannot grow them.

The time a request spends parsing and validating is reported to the request's context
(`Context.on_work`), which charges it to the caller's rate-limit budget at once: a document
that is expensive to refuse is paid for by whoever sends it.
"""

from __future__ import annotations

import contextlib
import hashlib
import time
from collections import OrderedDict
from collections.abc import Iterator
from typing import Any, Generic, TypeVar

from graphql import DocumentNode, GraphQLError, GraphQLSchema, parse
from strawberry.extensions import SchemaExtension
from strawberry.schema.schema import validate_document

V = TypeVar("V")

# What a parsed document pins per character of its text, measured with tracemalloc on the
# bench documents and on dense hostile ones (40-100 bytes; strings and comments far less).
AST_BYTES_PER_CHAR = 100
ENTRY_OVERHEAD = 300  # the key, the OrderedDict slot, an empty error list
PARSE_CACHE_BYTES = 32 * 1024 * 1024
VALIDATION_CACHE_BYTES = 8 * 1024 * 1024


def text_key(text: str) -> bytes:
    """A 128-bit hash of the text: collisions are out of reach, and the key is small."""
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).digest()


class ByteBoundedCache(Generic[V]):
    """A least-recently-used cache whose entries have a weight in bytes; the weights add up
    to at most `capacity`. An entry heavier than the whole cache is not kept."""

    def __init__(self, capacity: int) -> None:
        self.capacity = capacity
        self.size = 0
        self._entries: OrderedDict[Any, tuple[V, int]] = OrderedDict()

    def __len__(self) -> int:
        return len(self._entries)

    def get(self, key: Any) -> V | None:
        entry = self._entries.get(key)
        if entry is None:
            return None
        self._entries.move_to_end(key)
        return entry[0]

    def put(self, key: Any, value: V, weight: int) -> None:
        old = self._entries.pop(key, None)
        if old is not None:
            self.size -= old[1]
        if weight > self.capacity:
            return
        self._entries[key] = (value, weight)
        self.size += weight
        while self.size > self.capacity:
            _, (_, dropped) = self._entries.popitem(last=False)
            self.size -= dropped

    def clear(self) -> None:
        self._entries.clear()
        self.size = 0


def document_weight(text: str) -> int:
    return ENTRY_OVERHEAD + AST_BYTES_PER_CHAR * len(text)


_documents: ByteBoundedCache[DocumentNode] = ByteBoundedCache(PARSE_CACHE_BYTES)
_validations: ByteBoundedCache[list[GraphQLError]] = ByteBoundedCache(VALIDATION_CACHE_BYTES)


def parsed(query: str, max_tokens: int | None) -> DocumentNode:
    """The document of `query`, parsed once; a syntax error is raised (and not kept)."""
    key = (text_key(query), max_tokens)
    document = _documents.get(key)
    if document is None:
        document = parse(query, max_tokens=max_tokens)
        _documents.put(key, document, document_weight(query))
    return document


def validated(
    schema: GraphQLSchema, query: str, document: DocumentNode, rules: Any
) -> list[GraphQLError]:
    """The validation errors of `document` (the text `query`), worked out once per text; the
    rules are fixed per schema."""
    key = (id(schema), text_key(query)) if query else None
    cached = _validations.get(key) if key is not None else None
    if cached is not None:
        return cached
    errors = list(validate_document(schema, document, rules))
    if key is not None:
        # Errors hold their AST nodes, so an invalid document pins what its parse does.
        _validations.put(key, errors, document_weight(query) if errors else ENTRY_OVERHEAD)
    return errors


class ParseCache(SchemaExtension):
    """Unlike Strawberry's ParserCache, a document that does not parse is left to
    Strawberry's own parse, so its error is reported (and tagged) the usual way."""

    def on_parse(self) -> Iterator[None]:
        ec = self.execution_context
        if ec.query and ec.graphql_document is None:
            options = ec.parse_options
            with contextlib.suppress(GraphQLError):  # Strawberry parses again and reports it
                ec.graphql_document = parsed(ec.query, options.get("max_tokens"))
        yield


class WorkClock(SchemaExtension):
    """Times parsing and validation and reports each to `context.on_work` as soon as it is
    done. Must be the first extension with parse and validate hooks, so that it encloses the
    others'. Wall time, not CPU time: neither waits for anything, so for as long as they run
    the process serves no one else, and on a busy machine that is longer than their CPU."""

    def _timed(self) -> Iterator[None]:
        started = time.perf_counter()
        try:
            yield
        finally:
            report = getattr(self.execution_context.context, "on_work", None)
            if report is not None:
                report(time.perf_counter() - started)

    def on_parse(self) -> Iterator[None]:
        yield from self._timed()

    def on_validate(self) -> Iterator[None]:
        yield from self._timed()
