"""Dutch for search: the vocabulary (vocabulary_nl.toml: synonyms, everyday place names,
stop words) and the morphology that lets inflections meet.

Meilisearch has no Dutch stemmer, thesaurus or stop-word list. So every word of a
document's text gets a normal form (simplemma's lemma, then Snowball's Dutch stem:
`eenzame` and `eenzaamheid` both become `eenzaam`, `buurthuizen` becomes `buurthuis`), kept
in an extra searchable field after the real ones (`stems`, see documents.py), and a query
is sent with the normal forms of its words before the words as typed (`search_terms`).
"""

from __future__ import annotations

import functools
import re
import tomllib
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Final

import simplemma
import snowballstemmer

VOCABULARY_FILE: Final = Path(__file__).with_name("vocabulary_nl.toml")

# Word characters as Meilisearch's tokenizer splits them ("65-plussers" is two words).
WORD: Final = re.compile(r"\w+", re.UNICODE)
# Meilisearch reads at most ten words of a query.
MAX_QUERY_WORDS: Final = 10


@dataclass(frozen=True)
class Vocabulary:
    synonym_groups: tuple[tuple[str, ...], ...]
    places: dict[str, str]  # everyday name (lowercase) -> official name
    normal_forms: dict[str, str]
    stop_words: frozenset[str]


@functools.cache
def vocabulary() -> Vocabulary:
    data = tomllib.loads(VOCABULARY_FILE.read_text(encoding="utf-8"))
    return Vocabulary(
        synonym_groups=tuple(tuple(w.lower() for w in group) for group in data["synonyms"]),
        places={k.lower(): v for k, v in data["places"].items()},
        normal_forms=dict(data["normal_forms"]),
        stop_words=frozenset(data["stop_words"]["words"]),
    )


def _fold(word: str) -> str:
    """Lowercase without accents, as Meilisearch compares words ("café" = "cafe")."""
    if word.isascii():
        return word.lower()
    decomposed = unicodedata.normalize("NFKD", word.lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


# -- morphology ----------------------------------------------------------------------------

_STEMMER = snowballstemmer.stemmer("dutch")


@functools.lru_cache(maxsize=50_000)
def lemma(word: str) -> str:
    """The dictionary form (`vluchtelingen` -> `vluchteling`), or the fixed form of
    [normal_forms]."""
    word = word.lower()
    fixed = vocabulary().normal_forms.get(word)
    if fixed is not None:
        return fixed
    # simplemma joins the parts of some compounds with "_" ("voetbal_club").
    return str(simplemma.lemmatize(word, lang="nl")).lower().replace("_", "")


@functools.lru_cache(maxsize=200_000)
def normal_form(word: str) -> str:
    """One word's normal form: the lemma, then its Snowball stem (cached: documents repeat
    their words, and a query's words are few)."""
    word = word.lower()
    if word in vocabulary().normal_forms:
        return _fold(lemma(word))
    return _fold(str(_STEMMER.stemWord(lemma(word))))


@functools.lru_cache(maxsize=50_000)
def _known(word: str) -> bool:
    return bool(simplemma.is_known(word, lang="nl"))


def stems(texts: Iterable[str | None]) -> str:
    """The normal forms of the words in `texts` that differ from the words themselves (those
    are in the real fields already), once each, in a stable order."""
    stop = vocabulary().stop_words
    seen: dict[str, None] = {}
    for text in texts:
        for word in WORD.findall((text or "").lower()):
            if word in stop or word.isdigit():
                continue
            form = normal_form(word)
            if form != _fold(word) and form not in stop:
                seen[form] = None
    return " ".join(sorted(seen))


def search_terms(query: str) -> str:
    """The query as sent to Meilisearch: the normal forms of the words first, then the words
    as typed that differ from their forms.

    With the `last` matching strategy Meilisearch keeps the first words and drops from the
    end, so a document must hold each word's normal form (in its text or in `stems`), and
    one that holds the very words typed matches every term and ranks first. A word the
    lemmatizer does not know (a typo, a word still being typed) keeps its typed form as its
    normal form, so typo tolerance and the prefix of the last word work as before."""
    typed_words = WORD.findall(query.lower())
    # A phrase of the vocabulary ("informele zorg") must reach Meilisearch whole, in order.
    if _has_phrase(" ".join(_fold(w) for w in typed_words)):
        return query
    words = [w for w in typed_words if w not in vocabulary().stop_words]
    if not words:
        return query
    forms = [_query_form(w) for w in words]
    typed = [w for w, form in zip(words, forms, strict=True) if _fold(w) != form]
    if not typed or len(forms) + len(typed) > MAX_QUERY_WORDS:
        return query
    return " ".join([*dict.fromkeys(forms), *typed])


@functools.cache
def _phrases() -> re.Pattern[str]:
    entries = {
        " ".join(_fold(w) for w in WORD.findall(entry))
        for group in vocabulary().synonym_groups
        for entry in group
    }
    phrases = sorted((e for e in entries if " " in e), key=len, reverse=True)
    return re.compile("|".join(rf"(?<!\w){re.escape(p)}(?!\w)" for p in phrases) or "(?!)")


def _has_phrase(text: str) -> bool:
    return _phrases().search(text) is not None


def _query_form(word: str) -> str:
    form = normal_form(word) if _known(word) else _fold(word)
    # "den" is a form of "de": a stop word would drop the word from the query.
    return _fold(word) if form in vocabulary().stop_words else form


# -- vocabulary for the index settings and the fallback -------------------------------------


def _group_with_forms(group: tuple[str, ...]) -> list[str]:
    """A group's entries and the normal forms of its one-word entries: a query's normal form
    must find the group's other words as its typed form does."""
    out = list(group)
    for entry in group:
        words = WORD.findall(entry)
        if len(words) == 1 and words[0] == entry:
            form = normal_form(entry)
            if form not in out:
                out.append(form)
    return out


def synonyms() -> dict[str, list[str]]:
    """Meilisearch synonyms are one-way, so every word of a group maps to all the others."""
    out: dict[str, list[str]] = {}
    for group in vocabulary().synonym_groups:
        entries = _group_with_forms(group)
        for word in entries:
            out.setdefault(word, [])
            out[word] += [other for other in entries if other != word and other not in out[word]]
    return out


def synonyms_of(word: str) -> list[str]:
    """The other entries of the groups `word` (as typed or as its normal form) is in."""
    word = word.lower()
    keys = {word, normal_form(word)}
    out: list[str] = []
    for group in vocabulary().synonym_groups:
        entries = _group_with_forms(group)
        if keys & set(entries):
            out += [e for e in group if e not in keys and e not in out]
    return out


def stop_words() -> list[str]:
    # A word of a multi-word synonym ("krap bij kas") must stay searchable, or the phrase
    # could never match.
    groups = vocabulary().synonym_groups
    in_phrases = {w for group in groups for entry in group for w in entry.split()}
    return sorted(vocabulary().stop_words - in_phrases)


def place_names(value: str) -> list[str]:
    """Official names of the municipalities whose everyday name contains `value`
    (`den haag`, `haag` -> 's-Gravenhage)."""
    value = " ".join(value.lower().split())
    if len(value) < 3:
        return []
    return [official for name, official in vocabulary().places.items() if value in name]


def warm() -> None:
    """Load the vocabulary and the lemmatizer's Dutch data."""
    search_terms("eenzame ouderen")
