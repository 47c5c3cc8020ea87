"""The parse and validation caches: keyed by a hash of the text, bounded by bytes. No servers
needed."""

from __future__ import annotations

import random
from collections.abc import Iterator

import pytest
from graphql import specified_rules

from graph_api.graphql import parse_cache
from graph_api.graphql.parse_cache import ByteBoundedCache, document_weight, parsed, validated
from graph_api.schema import build_schema
from graph_api.settings import Settings


def test_byte_bounded_cache_evicts_the_least_recently_used() -> None:
    cache: ByteBoundedCache[str] = ByteBoundedCache(100)
    cache.put("a", "A", 40)
    cache.put("b", "B", 40)
    assert cache.get("a") == "A"  # now b is the least recently used
    cache.put("c", "C", 40)
    assert cache.get("b") is None and cache.get("a") == "A" and cache.get("c") == "C"
    assert cache.size == 80
    cache.put("a", "A2", 10)  # replacing an entry replaces its weight
    assert cache.size == 50 and cache.get("a") == "A2"
    cache.put("huge", "H", 101)  # heavier than the whole cache: not kept, nothing evicted
    assert cache.get("huge") is None and len(cache) == 2


@pytest.fixture
def small_caches(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setattr(parse_cache, "_documents", ByteBoundedCache(2_000_000))
    monkeypatch.setattr(parse_cache, "_validations", ByteBoundedCache(500_000))
    yield


def unique_documents(count: int, fields: int) -> list[str]:
    """Documents of the same length that differ in a comment."""
    start = random.Random().randrange(10**7)
    return [f"# {start + i:08d}\n{{ " + "__typename " * fields + "}" for i in range(count)]


@pytest.mark.usefixtures("small_caches")
def test_a_flood_of_unique_documents_stays_within_the_bytes() -> None:
    schema = build_schema(Settings())._schema
    rules = list(specified_rules)
    documents = unique_documents(60, 200)
    for text in documents:
        validated(schema, text, parsed(text, None), rules)
        assert parse_cache._documents.size <= 2_000_000
        assert parse_cache._validations.size <= 500_000
    # About 2 MB / (100 bytes x 2,200 characters): the newest nine documents are kept.
    kept = 2_000_000 // document_weight(documents[0])
    assert len(parse_cache._documents) == kept == 9
    # Valid outcomes are small: all sixty fit in the validation cache.
    assert len(parse_cache._validations) == 60


@pytest.mark.usefixtures("small_caches")
def test_keys_are_hashes_not_texts() -> None:
    text = unique_documents(1, 3)[0]
    first = parsed(text, None)
    assert parsed(str(text), None) is first  # an equal text is the same entry
    for cache in (parse_cache._documents, parse_cache._validations):
        for key in cache._entries:
            assert text not in key and all(
                len(part) <= 16 for part in key if isinstance(part, bytes)
            )
    digest, max_tokens = next(iter(parse_cache._documents._entries))
    assert digest == parse_cache.text_key(text) and len(digest) == 16 and max_tokens is None


@pytest.mark.usefixtures("small_caches")
def test_invalid_outcomes_are_kept_and_weigh_their_document() -> None:
    schema = build_schema(Settings())._schema
    rules = list(specified_rules)
    text = "{ nope }"
    errors = validated(schema, text, parsed(text, None), rules)
    assert errors and "nope" in errors[0].message
    assert validated(schema, text, parsed(text, None), rules) is errors
    assert parse_cache._validations.size == document_weight(text)
