"""Dutch language data for the indexes: synonym groups and stop words.

Meilisearch ships no Dutch stop-word list and no thesaurus, so both are kept here, in
code, and applied with the index settings.
"""

from __future__ import annotations

from typing import Final

# Words in one group are interchangeable in a query. Multi-word entries are phrases.
SYNONYM_GROUPS: Final[tuple[tuple[str, ...], ...]] = (
    ("eenzaamheid", "alleen zijn", "sociaal isolement", "vereenzaming"),
    ("ouderen", "senioren", "75-plussers", "bejaarden"),
    ("oudere", "senior", "75-plusser"),
    ("jongeren", "jeugd", "jongvolwassenen", "tieners"),
    ("jongere", "tiener", "jongvolwassene"),
    ("mantelzorg", "mantelzorger", "mantelzorgers", "informele zorg"),
    ("vrijwilliger", "vrijwilligers", "vrijwilligerswerk"),
    ("buurt", "wijk"),
    ("buurthuis", "wijkcentrum", "ontmoetingsplek"),
    ("ontmoeting", "ontmoeten", "samenkomen"),
    ("nieuwkomers", "statushouders", "nieuwe nederlanders"),
    ("nabestaanden", "rouw", "verlies"),
    ("armoede", "geldzorgen", "schulden"),
    ("beperking", "handicap"),
    ("student", "studenten"),
    ("gemeente", "gemeenten"),
    ("digitale inclusie", "digitale vaardigheden"),
    ("welzijn", "welzijnswerk"),
)

_STOP_WORDS: Final[tuple[str, ...]] = (
    "de", "het", "een", "en", "van", "in", "op", "te", "voor", "met", "aan", "bij", "om",
    "tot", "uit", "over", "naar", "door", "als", "dat", "die", "dit", "deze", "der", "des",
    "er", "is", "was", "wordt", "worden", "werd", "of", "ook", "maar", "dan", "nog", "al",
    "zo", "hun", "hij", "zij", "ze", "we", "wij", "je", "jij", "u", "ik", "hem", "haar",
    "ons", "onze", "mijn", "zich", "hier", "daar", "wat", "wie", "hoe", "welke", "wel",
    "heeft", "hebben", "had", "kan", "kunnen", "zal", "zou", "moet", "mag", "na", "toe",
)  # fmt: skip


def synonyms() -> dict[str, list[str]]:
    """Meilisearch synonyms are one-way, so every word of a group maps to all the others."""
    out: dict[str, list[str]] = {}
    for group in SYNONYM_GROUPS:
        for word in group:
            out.setdefault(word, [])
            out[word] += [other for other in group if other != word and other not in out[word]]
    return out


def stop_words() -> list[str]:
    # A word of a multi-word synonym ("alleen zijn") must stay searchable, or the phrase
    # could never match; none is in the list today, and this keeps it that way.
    in_phrases = {w for group in SYNONYM_GROUPS for entry in group for w in entry.split()}
    return sorted(set(_STOP_WORDS) - in_phrases)
