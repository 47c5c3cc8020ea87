"""Labels for people and the one locale mechanism: `labels`, `Accept-Language`, `locale`."""

from __future__ import annotations

from enum import Enum

import pytest
from graphql import GraphQLEnumType

from graph_api.graphql.errors import InvalidArgumentError
from graph_api.labels import LABELS, label
from graph_api.locale import Locale, negotiate
from graph_api.schema import build_schema
from graph_api.settings import Settings
from tests.conftest import GraphQL

# Enums only programs read: codes, engines, stored directions, the language itself.
MACHINE_ONLY = {"ErrorCode", "SearchSource", "PathDirection", "Locale", "SuggestionReasonKind"}


def test_every_enum_a_frontend_shows_has_labels_in_both_languages(settings: Settings) -> None:
    schema = build_schema(settings)
    enums = {
        name: t
        for name, t in schema._schema.type_map.items()
        if isinstance(t, GraphQLEnumType) and not name.startswith("__")
    }
    labelled = {e.__name__: e for e in LABELS}
    unlabelled = set(enums) - set(labelled) - MACHINE_ONLY
    assert not unlabelled, f"give these enums labels in graph_api/labels.py: {unlabelled}"
    assert not set(labelled) & MACHINE_ONLY
    for name, enum in labelled.items():
        assert set(enums[name].values) == {m.name for m in enum}, name
        for member in enum:
            dutch, english = label(member, Locale.NL), label(member, Locale.EN)
            assert dutch.strip() and english.strip(), member
            assert dutch != member.name and english != member.name, member
        # Within one enum, two values never read the same.
        for locale in Locale:
            words = [label(m, locale) for m in enum]
            assert len(set(words)) == len(words), (name, locale)


LABELS_QUERY = """query($locale: Locale) { labels(locale: $locale) { locale
    organisationKinds { value label } memberRoles { value label } scopes { value label }
    evidenceLevels { value label } practiceStatuses { value label } } }"""


def test_labels_in_dutch_by_default_and_english_on_request(gql: GraphQL) -> None:
    dutch = gql(LABELS_QUERY)
    assert not dutch.errors and dutch.extensions["cypherRoundTrips"] == 0
    data = dutch.data["labels"]
    assert data["locale"] == "NL"
    assert {"value": "CARE_AND_WELFARE", "label": "Zorg en welzijn"} in data["organisationKinds"]
    assert data["memberRoles"][0] == {"value": "LEAD", "label": "Kartrekker"}
    # In declaration order: evidence levels from least to most.
    assert [e["value"] for e in data["evidenceLevels"]] == [
        "DESCRIBED",
        "THEORETICALLY_SOUND",
        "FIRST_INDICATIONS",
        "GOOD_INDICATIONS",
        "STRONG_INDICATIONS",
    ]
    english = gql.ok(LABELS_QUERY, {"locale": "EN"})["labels"]
    assert english["locale"] == "EN"
    assert {"value": "CARE_AND_WELFARE", "label": "Care and welfare"} in english[
        "organisationKinds"
    ]
    by_header = gql(LABELS_QUERY, headers={"Accept-Language": "en-US,en;q=0.9,nl;q=0.8"})
    assert by_header.data["labels"] == english
    by_weight = gql(LABELS_QUERY, headers={"Accept-Language": "en;q=0.4, nl-BE;q=0.8"})
    assert by_weight.data["labels"] == data


def test_responses_vary_by_language(gql: GraphQL) -> None:
    response = gql.client.post("/graphql", json={"query": "{ labels { locale } }"})
    assert "accept-language" in response.headers["vary"].lower()


def test_an_unsupported_language_is_refused_only_where_text_is_written(gql: GraphQL) -> None:
    german = {"Accept-Language": "de-DE,de;q=0.9"}
    refused = gql(LABELS_QUERY, headers=german)
    assert refused.codes == ["INVALID_ARGUMENT"] and refused.data is None
    assert "Accept-Language" in refused.errors[0]["message"]
    # A field's own argument settles it; fields without text do not care.
    assert gql(LABELS_QUERY, {"locale": "NL"}, headers=german).data["labels"]["locale"] == "NL"
    plain = gql("{ provinces { name } }", headers=german)
    assert not plain.errors and len(plain.data["provinces"]) == 12
    unknown = gql(LABELS_QUERY, {"locale": "DE"})
    assert unknown.codes == ["BAD_USER_INPUT"]


@pytest.mark.parametrize(
    ("header", "locale"),
    [
        (None, Locale.NL),
        ("", Locale.NL),
        ("nl", Locale.NL),
        ("en", Locale.EN),
        ("EN-gb", Locale.EN),
        ("fr, en;q=0.5", Locale.EN),
        ("en;q=0.5, nl;q=0.5", Locale.EN),  # ties: the first named
        ("en;q=0.5, nl", Locale.NL),
        ("*", Locale.NL),
        ("fr, *;q=0.1", Locale.NL),
        ("nl;q=0, en;q=0.1", Locale.EN),
        ("nl, , en", Locale.NL),
    ],
)
def test_accept_language_negotiation(header: str | None, locale: Locale) -> None:
    assert negotiate(header) is locale


@pytest.mark.parametrize(
    "header", ["de", "en;q=0", "nl;q=1.5", "nl;q=x", "nl;level=1", "n l", "nl" + ",en" * 200]
)
def test_accept_language_refused(header: str) -> None:
    with pytest.raises(InvalidArgumentError) as caught:
        negotiate(header)
    assert caught.value.extensions == {"code": "INVALID_ARGUMENT", "argument": "Accept-Language"}


def test_labels_cover_each_value_once() -> None:
    for enum, table in LABELS.items():
        assert issubclass(enum, Enum)
        assert list(table) == list(enum), f"{enum.__name__}: label every value, in order"
