"""Practices published a moment ago, found in the graph until Meilisearch has them.

Meilisearch indexes a change in a few hundred milliseconds when the machine is quiet and in
seconds when many editors publish at once, and an editor who publishes and then searches
expects to find the practice. So the first page of `searchPractices` also looks at the
outbox: a practice whose entry is still dirty and that was published since the entry went
dirty (so the index cannot have this version) is matched against the query here, in Python,
and shown first. Once the indexer has applied it, the entry is clean and the practice takes
its ranked place among Meilisearch's hits.

The lookup is part of the page's one graph read (hits.nodes), bounded by `LIMIT`, and walks
the outbox's `at` index: the dirty entries, usually none, never the whole outbox.

Matching is simpler than Meilisearch's: every word of the query that is not a stop word
must occur in the document (the last one may be a prefix), or one of its synonyms must;
typos are tolerated only once the practice is indexed.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from typing import Any, LiteralString

from graph_api.graph_names import Label
from graph_api.search import dutch, fallback
from graph_api.search.documents import PRACTICE_PROJECTION, PUBLISHED, practice_document
from graph_api.search.index_settings import PRACTICE_SETTINGS
from graph_api.search.words import WORD, fold, query_words

# Enough for a burst of publishers; the rest wait for the index as before.
LIMIT = 50

# Over `p`; `{conditions}` adds the search's filter and visibility. `p.publishedAt >= e.at`:
# published after its entry went dirty, so no version the index holds is this one (an edit
# of a practice published long ago is in the index already, under its old text).
FRESH_PRACTICES: LiteralString = f"""
  MATCH (e:{Label.OUTBOX_ENTRY}) WHERE e.at IS NOT NULL AND e.entity = 'practice'
  WITH e ORDER BY e.at DESC LIMIT {LIMIT}
  MATCH (p:{Label.PRACTICE} {{id: e.key}})
  WHERE {PUBLISHED} AND p.publishedAt >= e.at"""


def statement(conditions: Iterable[str], projection: str | None) -> str:
    """A subquery returning `fresh`: the fresh practices' documents and selected nodes."""
    where = "".join(f" AND {c}" for c in conditions)
    return (
        f"CALL () {{{FRESH_PRACTICES}{where}\n"
        f"  WITH p ORDER BY p.publishedAt DESC, p.id\n"
        f"  RETURN collect({{doc: {PRACTICE_PROJECTION}, node: {projection or 'null'}}})"
        " AS fresh\n}"
    )


# What the index searches in, in the same order.
_SEARCHED: tuple[str, ...] = tuple(PRACTICE_SETTINGS["searchableAttributes"])


@lru_cache(maxsize=1)
def _synonyms() -> dict[str, tuple[str, ...]]:
    return {fold(word): tuple(fold(o) for o in others) for word, others in dutch.synonyms().items()}


def _searched_text(doc: dict[str, Any]) -> str:
    parts: list[str] = []
    for name in _SEARCHED:
        value = doc.get(name)
        if isinstance(value, list):
            parts += [str(v) for v in value]
        elif value:
            parts.append(str(value))
    return fold(" ".join(parts))


def matches(doc: dict[str, Any], words: list[str]) -> bool:
    """Every word (or a synonym of it) occurs; the last may be a prefix of a word."""
    text = _searched_text(doc)
    present = set(WORD.findall(text))
    joined = f" {' '.join(WORD.findall(text))} "
    for i, word in enumerate(words):
        if word in present:
            continue
        if i == len(words) - 1 and any(w.startswith(word) for w in present):
            continue
        # Multi-word synonyms are phrases: look for them between word boundaries.
        if any(f" {s} " in joined for s in _synonyms().get(word, ())):
            continue
        return False
    return True


def fresh_hits(rows: list[dict[str, Any]], query: str, skip: set[str]) -> list[dict[str, Any]]:
    """The rows (documents with their nodes) that match `query`, as search hits with their
    node, leaving out ids in `skip` (already among Meilisearch's hits)."""
    words = query_words(query)
    out = []
    for row in rows:
        doc = practice_document(row["doc"])
        if doc["id"] in skip or not matches(doc, words):
            continue
        doc["node"] = row["node"]
        out.append(fallback.formatted(doc, query, "practices"))
    return out
