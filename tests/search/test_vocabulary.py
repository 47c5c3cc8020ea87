"""The Dutch vocabulary (graph_api/search/vocabulary_nl.toml), one test per entry through
the API against the real Meilisearch, and the morphology that lets word forms meet."""

from __future__ import annotations

import re
from typing import Any

import pytest

from graph_api.search import dutch
from tests.conftest import GraphQL
from tests.search.test_search_queries import keys, organisations, practices

GROUPS = dutch.vocabulary().synonym_groups
ENTRIES = [(group[0], word) for group in GROUPS for word in group[1:]]

_PRACTICE_TEXT = """
MATCH (p:Practice) WHERE p.id IN $ids
RETURN p.id AS id, toLower(p.title + ' ' + p.summary + ' ' + p.body + ' '
  + coalesce(p.results, '') + ' '
  + reduce(s = '', t IN COLLECT { MATCH (p)-[:ADDRESSES|TARGETS]->(x) RETURN x.name } | s + ' ' + t)
  + reduce(s = '', m IN COLLECT { MATCH (p)-[:APPLIED_IN]->(x) RETURN x.name } | s + ' ' + m))
  AS text"""
_ORGANISATION_TEXT = """
MATCH (o:Organisation) WHERE o.id IN $ids
RETURN o.id AS id, toLower(o.name + ' ' + coalesce(o.description, '') + ' '
  + reduce(s = '', t IN COLLECT { MATCH (o)-[:WORKS_ON|SERVES]->(x) RETURN x.name } | s + ' ' + t)
  + reduce(s = '', m IN COLLECT { MATCH (o)-[:BASED_IN]->(x) RETURN x.name } | s + ' ' + m))
  AS text"""


def _has(text: str, word: str) -> bool:
    """Whole words, as search sees them ("bib" is not in "bibliotheek")."""
    return re.search(rf"(?<!\w){re.escape(word)}(?!\w)", text) is not None


def _texts(run_cypher: Any, cypher: str, ids: list[str]) -> dict[str, str]:
    return {row["id"]: row["text"] for row in run_cypher(cypher, ids=ids)}


@pytest.mark.parametrize("head", [group[0] for group in GROUPS])
def test_the_first_word_of_each_group_is_in_the_data(run_cypher: Any, head: str) -> None:
    rows = run_cypher(
        """MATCH (n) WHERE (n:Practice AND n.status = 'PUBLISHED') OR n:Organisation
           WITH n, toLower(coalesce(n.title, n.name) + ' ' + coalesce(n.summary, '') + ' '
                + coalesce(n.body, '') + ' ' + coalesce(n.description, '')) AS own,
                COLLECT { MATCH (n)-[:ADDRESSES|TARGETS|WORKS_ON|SERVES|APPLIED_IN|BASED_IN]->(x)
                          RETURN toLower(x.name) } AS linked
           RETURN own + ' ' + reduce(s = '', t IN linked | s + ' ' + t) AS text"""
    )
    assert any(_has(row["text"], head) for row in rows), f"{head!r} proves nothing here"


@pytest.mark.parametrize(("head", "word"), ENTRIES, ids=[f"{h}<-{w}" for h, w in ENTRIES])
def test_each_word_finds_what_its_group_means(
    gql: GraphQL, run_cypher: Any, head: str, word: str
) -> None:
    """Searching the word finds a practice or organisation that holds the group's first
    word but not the word itself: only the vocabulary can have found it."""
    for search, cypher in ((practices, _PRACTICE_TEXT), (organisations, _ORGANISATION_TEXT)):
        found = keys(search(gql, word, first=100))
        texts = _texts(run_cypher, cypher, found)
        if any(_has(t, head) and not _has(t, word) for t in texts.values()):
            return
    pytest.fail(f"searching {word!r} finds nothing that says {head!r} without {word!r}")


@pytest.mark.parametrize(("everyday", "official"), sorted(dutch.vocabulary().places.items()))
def test_municipalities_answer_to_their_everyday_names(
    gql: GraphQL, everyday: str, official: str
) -> None:
    query = "query($n: String!) { municipalities(filter: {name: $n}) { nodes { name } } }"
    for typed in (everyday, everyday.upper(), everyday.split()[-1]):
        names = [m["name"] for m in gql.ok(query, {"n": typed})["municipalities"]["nodes"]]
        assert official in names, (typed, names)
    # The official name still works, and an everyday name adds no other place.
    names = [m["name"] for m in gql.ok(query, {"n": everyday})["municipalities"]["nodes"]]
    assert names == [official]


# -- morphology -----------------------------------------------------------------------------

MEET = [
    ("eenzame", "eenzaam", "eenzaamheid"),
    ("buurthuis", "buurthuizen"),
    ("vrijwilliger", "vrijwilligers"),
    ("mantelzorger", "mantelzorgers"),
    ("vluchteling", "vluchtelingen"),
    ("bibliotheek", "bibliotheken"),
    ("maaltijd", "maaltijden"),
]


@pytest.mark.parametrize("forms", MEET, ids=lambda forms: "/".join(forms))
def test_word_forms_meet(forms: tuple[str, ...]) -> None:
    assert len({dutch.normal_form(w) for w in forms}) == 1


def test_elderly_and_parents_stay_apart() -> None:
    assert dutch.normal_form("ouderen") == dutch.normal_form("oudere")
    assert dutch.normal_form("ouders") != dutch.normal_form("ouderen")


def test_unknown_words_and_prefixes_are_sent_as_typed() -> None:
    assert dutch.search_terms("buurthuizen") == "buurthuis buurthuizen"
    assert dutch.search_terms("buurth") == "buurth"  # still typing: the prefix must work
    assert dutch.search_terms("eenzamheid") == "eenzamheid"  # a typo: typo tolerance works
    assert dutch.search_terms("den haag") == "den haag"  # "den" is no stop word here
    assert dutch.search_terms("") == ""


def test_a_plural_finds_the_singular_and_exact_words_rank_first(
    gql: GraphQL, run_cypher: Any
) -> None:
    plural, singular = (
        practices(gql, "buurthuizen", first=50),
        practices(gql, "buurthuis", first=50),
    )
    assert plural["estimatedTotalHits"] >= singular["estimatedTotalHits"] > 1
    assert set(keys(singular)) <= set(keys(plural))
    # "eenzame": the practices that say "eenzame" come first, with it marked; the others
    # are found through the normal form ("eenzaamheid", "eenzaam").
    result = practices(gql, "eenzame", first=100)
    assert result["estimatedTotalHits"] > 100
    found = keys(result)
    texts = _texts(run_cypher, _PRACTICE_TEXT, found)
    exact = [_has(texts[key], "eenzame") for key in found]
    first_other = exact.index(False)
    assert first_other > 0 and not any(exact[first_other:])
    top = result["edges"][0]["highlight"]
    assert "<mark>eenzame</mark>" in (top["title"] + top["snippet"]).lower()


def test_stems_hold_the_normal_forms_that_differ() -> None:
    doc = dutch.stems(["Buurthuizen en eenzame ouderen in Den Haag"])
    assert doc.split() == sorted({"buurthuis", "eenzaam", "oudere"})
