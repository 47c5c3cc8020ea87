"""Bad search input gets typed errors, never a 500 and never a changed filter expression."""

from __future__ import annotations

from typing import Any

import pytest

from graph_api.graphql.filtering import any_of, quote
from graph_api.search.highlight import POST, PRE, strip_markers, to_html
from tests.conftest import GraphQL

SEARCH = """query($q: String!, $filter: PracticeSearchFilter, $first: Int, $after: String) {
  searchPractices(query: $q, filter: $filter, first: $first, after: $after) {
    estimatedTotalHits edges { cursor node { id } } } }"""
ORG_SEARCH = """query($q: String!, $filter: OrganisationSearchFilter, $after: String,
                      $sort: OrganisationSearchSort) {
  searchOrganisations(query: $q, filter: $filter, after: $after, sort: $sort) {
    estimatedTotalHits } }"""


def codes(gql: GraphQL, variables: dict[str, Any], query: str = SEARCH) -> list[str | None]:
    result = gql(query, variables)
    assert result.data is None or all(v is None for v in result.data.values())
    return result.codes


def test_long_queries_are_refused_up_to_the_limit(gql: GraphQL) -> None:
    assert gql.ok(SEARCH, {"q": "ouderen " * 62})  # 496 characters
    assert codes(gql, {"q": "x" * 501}) == ["INVALID_ARGUMENT"]
    assert codes(gql, {"q": "eenzaamheid " * 1000}) == ["INVALID_ARGUMENT"]


@pytest.mark.parametrize(
    ("filter_", "code"),
    [
        ({"themes": ["no-such-theme"]}, "UNKNOWN_VALUE"),
        ({"targetGroups": ["nobody"]}, "UNKNOWN_VALUE"),
        ({"provinces": ["PV99"]}, "UNKNOWN_VALUE"),
        ({"municipalities": ["GM9999"]}, "UNKNOWN_VALUE"),
        ({"near": {"municipalityCode": "GM9999", "radiusKm": 5}}, "UNKNOWN_VALUE"),
        ({"near": {"municipalityCode": "GM0363", "radiusKm": 0}}, "INVALID_ARGUMENT"),
        ({"near": {"municipalityCode": "GM0363", "radiusKm": 1000}}, "INVALID_ARGUMENT"),
        ({"near": {"municipalityCode": "Amsterdam", "radiusKm": 5}}, "INVALID_ARGUMENT"),
        ({"actionLines": [4]}, "INVALID_ARGUMENT"),
        ({"themes": ['x" OR themes EXISTS OR themes = "y']}, "INVALID_ARGUMENT"),
        ({"provinces": ["PV27] OR id EXISTS"]}, "INVALID_ARGUMENT"),
        ({"themes": ["wonen"] * 101}, "INVALID_ARGUMENT"),
    ],
)
def test_bad_filter_values(gql: GraphQL, filter_: dict[str, Any], code: str) -> None:
    assert codes(gql, {"q": "", "filter": filter_}) == [code]


def test_unknown_values_are_named(gql: GraphQL) -> None:
    result = gql(SEARCH, {"q": "", "filter": {"themes": ["wonen", "no-such-theme"]}})
    assert result.errors[0]["extensions"]["values"] == ["no-such-theme"]


def test_organisation_filters_are_validated_too(gql: GraphQL) -> None:
    assert codes(gql, {"q": "", "filter": {"themes": ["nope"]}}, ORG_SEARCH) == ["UNKNOWN_VALUE"]
    assert codes(gql, {"q": "", "filter": {"municipalities": ['GM0363"']}}, ORG_SEARCH) == [
        "INVALID_ARGUMENT"
    ]


@pytest.mark.parametrize("first", [0, -1, 101])
def test_first_out_of_range(gql: GraphQL, first: int) -> None:
    assert codes(gql, {"q": "ouderen", "first": first}) == ["INVALID_ARGUMENT"]


def test_malformed_and_foreign_cursors(gql: GraphQL) -> None:
    for after in ["not a cursor", "WyJ4Il0", "", "W10"]:
        assert codes(gql, {"q": "ouderen", "after": after}) == ["INVALID_CURSOR"], after
    page = gql.ok(SEARCH, {"q": "ouderen", "first": 2})["searchPractices"]
    cursor = page["edges"][-1]["cursor"]
    assert gql.ok(SEARCH, {"q": "ouderen", "after": cursor})  # its own list: fine
    # A practice cursor in the organisation search, or under another sort, is refused.
    assert codes(gql, {"q": "", "after": cursor}, ORG_SEARCH) == ["INVALID_CURSOR"]
    assert codes(gql, {"q": "", "after": cursor, "sort": "NAME"}, ORG_SEARCH) == ["INVALID_CURSOR"]


def test_filter_values_are_quoted_and_escaped() -> None:
    assert quote('a"b\\c') == '"a\\"b\\\\c"'
    assert any_of("themes", ['x" OR id EXISTS OR x = "']) == (
        'themes IN ["x\\" OR id EXISTS OR x = \\""]'
    )
    assert any_of("actionLines", [1, 2]) == "actionLines IN [1, 2]"
    with pytest.raises(TypeError):
        quote(True)


def test_highlighted_text_is_escaped_except_our_marks() -> None:
    formatted = f"<script>alert(1)</script> & {PRE}eenzaam{POST}heid \"'"
    assert to_html(formatted) == (
        "&lt;script&gt;alert(1)&lt;/script&gt; &amp; <mark>eenzaam</mark>heid &quot;&#x27;"
    )
    assert strip_markers(f"a{PRE}b{POST}c") == "abc"
    assert to_html(None) == ""
