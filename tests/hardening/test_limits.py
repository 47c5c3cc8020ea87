"""Depth, alias and token limits, against the real servers: just under each limit the query
runs, just over it is refused before execution with a stable code."""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

import pytest
from graphql import get_introspection_query
from graphql.language.parser import Parser
from starlette.testclient import TestClient

from bench import documents as bench_documents
from graph_api.app import create_app
from graph_api.graphql import parse_cache
from graph_api.graphql.limits import count_tokens
from graph_api.settings import Settings
from tests.conftest import GraphQL


@pytest.fixture(scope="module")
def api(settings: Settings) -> Iterator[GraphQL]:
    # An app of its own, rate limit off, so refusals here charge nobody else's budget.
    config = settings.model_copy(update={"rate_limit_per_minute": 0})
    with TestClient(create_app(config, run_indexer=False), raise_server_exceptions=False) as tc:
        yield GraphQL(tc)


def chain(hops: int, fragment_at: int | None = None, alias: str = "") -> str:
    """`nationalCoalition` then `hops` times `counterpart`, then `name`: the deepest field
    (`name`) sits `hops + 1` levels below the root field. With `fragment_at`, the chain goes
    on inside a named fragment from that hop."""
    head = min(hops, fragment_at) if fragment_at is not None else hops
    tail = hops - head
    body = "counterpart { " * tail + "name" + " }" * tail
    inner = "...Deep" if fragment_at is not None else body
    root = f"{alias}nationalCoalition {{ " + "counterpart { " * head + inner + " }" * head + " }"
    if fragment_at is None:
        return "{ " + root + " }"
    return "{ " + root + " }\nfragment Deep on Coalition { " + body + " }"


def tokens(document: str) -> int:
    parser = Parser(document)
    parser.parse_document()
    return parser.token_count


def refused(result: Any, code: str) -> dict[str, Any]:
    assert result.data is None, result
    assert result.codes == [code], result.errors
    assert "cost" not in result.extensions  # refused before the cost is worked out
    return dict(result.errors[0])


# -- depth ---------------------------------------------------------------------------------------


def test_depth_just_under_and_just_over(api: GraphQL, settings: Settings) -> None:
    limit = settings.max_depth
    deepest = api.ok(chain(limit - 1))  # `name` at exactly `limit` levels
    assert deepest["nationalCoalition"] is not None
    error = refused(api(chain(limit)), "QUERY_TOO_DEEP")
    assert error["extensions"]["maxDepth"] == limit
    assert str(limit) in error["message"]
    assert error["locations"]  # points at the field that goes too deep


def test_depth_follows_fragments(api: GraphQL, settings: Settings) -> None:
    limit = settings.max_depth
    assert not api(chain(limit - 1, fragment_at=3)).errors
    refused(api(chain(limit, fragment_at=3)), "QUERY_TOO_DEEP")
    # Inline fragments add no level, and do not hide one either.
    inline = chain(limit).replace(
        "{ nationalCoalition {", "{ nationalCoalition { ... on Coalition {"
    )
    refused(api(inline + " }"), "QUERY_TOO_DEEP")


def test_one_error_however_many_branches_are_too_deep(api: GraphQL, settings: Settings) -> None:
    one = chain(settings.max_depth, alias="a: ")
    two = chain(settings.max_depth, alias="b: ")
    result = api(one[:-2] + " " + two[2:])  # { a: ... b: ... }
    assert result.codes == ["QUERY_TOO_DEEP"]


def test_unknown_fragment_is_a_validation_error_not_a_crash(api: GraphQL) -> None:
    result = api("{ nationalCoalition { ...Nope } }")
    assert result.errors and "Unknown fragment 'Nope'" in result.errors[0]["message"]


# -- aliases -------------------------------------------------------------------------------------


def aliased(count: int) -> str:
    return "{ nationalCoalition { " + " ".join(f"a{i}: name" for i in range(count)) + " } }"


def test_aliases_just_under_and_just_over(api: GraphQL, settings: Settings) -> None:
    limit = settings.max_aliases
    data = api.ok(aliased(limit))
    assert len(data["nationalCoalition"]) == limit
    error = refused(api(aliased(limit + 1)), "TOO_MANY_ALIASES")
    assert error["extensions"]["maxAliases"] == limit


def test_aliases_in_fragments_count_each_time_they_are_spread(
    api: GraphQL, settings: Settings
) -> None:
    limit = settings.max_aliases
    assert limit % 2 == 0, "the fragment below is spread twice"

    def twice(per_fragment: int) -> str:
        names = " ".join(f"b{i}: name" for i in range(per_fragment))
        return (
            "{ nationalCoalition { ...Names counterpart { ...Names } } }\n"
            f"fragment Names on Coalition {{ {names} }}"
        )

    assert not api(twice(limit // 2)).errors
    refused(api(twice(limit // 2 + 1)), "TOO_MANY_ALIASES")


# -- fragments spread inside fragments -----------------------------------------------------------


def fanned_out(extra: int = 0) -> str:
    """10 x 10 x 5 copies of a fragment of 10 fields: 5,000 fields once spread out."""
    return (
        "{ ...L0" + " __typename" * extra + " }\n"
        "fragment L0 on Query { " + "...L1 " * 10 + "}\n"
        "fragment L1 on Query { " + "...L2 " * 10 + "}\n"
        "fragment L2 on Query { " + "...L3 " * 5 + "}\n"
        "fragment L3 on Query { " + "__typename " * 10 + "}"
    )


def test_expanded_size_just_under_and_just_over(api: GraphQL, settings: Settings) -> None:
    limit = 10 * settings.max_tokens
    assert limit == 5_000 == 10 * 10 * 5 * 10, "fanned_out() is worked out for 5,000"
    assert api.ok(fanned_out())["__typename"] == "Query"
    error = refused(api(fanned_out(extra=1)), "QUERY_TOO_LARGE")
    assert error["extensions"]["maxFields"] == limit


def test_fragment_bomb_is_refused_quickly(api: GraphQL, settings: Settings) -> None:
    # Each fragment spreads the next two: 2**levels copies of the last one, as many levels as
    # the token limit lets through (20 tokens a level). Walking them all, as Strawberry's
    # depth and alias limiters would, takes for ever.
    levels = (settings.max_tokens - 40) // 20
    assert 2**levels > 100 * settings.max_tokens
    fragments = "".join(
        f"fragment F{i} on Query {{ ...F{i + 1} ...G{i + 1} }}\n"
        f"fragment G{i} on Query {{ ...F{i + 1} ...G{i + 1} }}\n"
        for i in range(levels)
    )
    last = f"fragment F{levels} on Query {{ provinces {{ name }} }}\n"
    last += f"fragment G{levels} on Query {{ provinces {{ name }} }}"
    started = time.monotonic()
    result = api("{ ...F0 ...G0 }\n" + fragments + last)
    assert time.monotonic() - started < 5
    assert result.codes == ["QUERY_TOO_LARGE"]


# -- tokens --------------------------------------------------------------------------------------


def kinds(count: int) -> str:
    """A valid document padded with `count` comment tokens (a filter list would hit the
    100-values limit first, and repeated fields validation's own guard)."""
    return "#\n" * count + "{ organisations(first: 1, filter: {kinds: [COMPANY]}) { totalCount } }"


def test_tokens_just_under_and_just_over(api: GraphQL, settings: Settings) -> None:
    limit = settings.max_tokens
    padding = limit - tokens(kinds(0))
    assert tokens(kinds(padding)) == limit
    data = api.ok(kinds(padding))
    assert data["organisations"]["totalCount"] > 0
    error = refused(api(kinds(padding + 1)), "TOO_MANY_TOKENS")
    assert error["extensions"]["maxTokens"] == limit
    assert f"more than {limit} tokens" in error["message"]


def test_comments_count_as_tokens(api: GraphQL, settings: Settings) -> None:
    # Comments cost the parser as much; a document padded with them is refused too.
    padded = "#\n" * settings.max_tokens + "{ __typename }"
    refused(api(padded), "TOO_MANY_TOKENS")


# -- bytes, and both counted before parsing ------------------------------------------------------


def padded(size: int) -> str:
    """A valid document of exactly `size` UTF-8 bytes: spaces are no tokens, and the comment's
    `é`s count two bytes each."""
    head = "# één\n{ __typename"
    return head + " " * (size - len(head.encode()) - 2) + " }"


def test_document_bytes_just_under_and_just_over(api: GraphQL, settings: Settings) -> None:
    limit = settings.max_document_bytes
    assert len(padded(limit).encode()) == limit and len(padded(limit)) < limit
    assert api.ok(padded(limit))["__typename"] == "Query"
    error = refused(api(padded(limit + 1)), "QUERY_TOO_LARGE")
    assert error["extensions"]["maxBytes"] == limit
    assert f"over {limit} bytes" in error["message"]


def test_sizes_are_checked_before_anything_parses(
    api: GraphQL, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    parsed: list[str] = []

    def spy(text: str, **options: Any) -> Any:
        parsed.append(text)
        raise AssertionError("parsed a document over the limits")

    monkeypatch.setattr(parse_cache, "parse", spy)
    monkeypatch.setattr("strawberry.schema.schema.parse", spy)
    many_tokens = "{ " + "a " * settings.max_tokens + "}"  # under the byte limit
    assert len(many_tokens.encode()) < settings.max_document_bytes
    refused(api(many_tokens), "TOO_MANY_TOKENS")
    refused(api(padded(settings.max_document_bytes + 1)), "QUERY_TOO_LARGE")
    assert parsed == []


def test_the_token_count_before_parsing_is_the_parsers(settings: Settings) -> None:
    documents = [getattr(bench_documents, name) for name in dir(bench_documents) if name.isupper()]
    documents += [
        kinds(7),
        fanned_out(),
        get_introspection_query(descriptions=True, input_value_deprecation=True),
        'query Q($v: [Int!]! = [1, -2]) @a(b: "c\\"d") { x(y: 1.5e3, z: """e\\"""f""", w: $v) '
        "{ ...F ... on T { t } } } # comment\nfragment F on T { f }",
    ]
    for document in documents:
        assert count_tokens(document, 10**6) == tokens(document), document
    # Counting stops just past the limit, and no input makes the expression backtrack.
    for hostile in ['"\\' * 5000, '"""\\"""' * 1400, '"' * 10_000, "{" * 10_000]:
        started = time.monotonic()
        assert count_tokens(hostile, settings.max_tokens) <= settings.max_tokens + 1
        assert time.monotonic() - started < 0.5


# -- introspection -------------------------------------------------------------------------------


def test_graphiql_introspection_fits_every_limit(api: GraphQL) -> None:
    # What GraphiQL sends on load; its nesting (ofType { ofType { ... } }) is not counted.
    query = get_introspection_query(
        descriptions=True,
        specified_by_url=True,
        directive_is_repeatable=True,
        schema_description=True,
        input_value_deprecation=True,
        one_of=True,
    )
    result = api(query)
    assert not result.errors, result.errors
    assert len(result.data["__schema"]["types"]) > 50
    assert result.extensions["cost"]["requestedQueryCost"] == 1


def test_deep_introspection_is_not_counted(api: GraphQL, settings: Settings) -> None:
    type_ref = "ofType { " * settings.max_depth + "name" + " }" * settings.max_depth
    result = api('{ __type(name: "Query") { fields { type { ' + type_ref + " } } } }")
    assert not result.errors, result.errors
