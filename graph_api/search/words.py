"""The words of a query as search compares them: lower case, accents folded, stop words out."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from graph_api.search import dutch

WORD = re.compile(r"\w+", re.UNICODE)


def fold(text: str) -> str:
    """Lower case without accents, as Meilisearch compares words."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@lru_cache(maxsize=1)
def _stop_words() -> frozenset[str]:
    return frozenset(fold(w) for w in dutch.stop_words())


def query_words(query: str) -> list[str]:
    """The words that can match: none for an empty query or one of only stop words."""
    return [w for w in WORD.findall(fold(query)) if w not in _stop_words()]
