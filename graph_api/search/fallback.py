"""Search without Meilisearch: Neo4j's own full-text indexes (Dutch analyzer) answer while
the search engine is down. Ranking is Lucene's and the answer says it came from the fallback
(`source: GRAPH_FALLBACK`). Facets are counted over all the matches, from the same links the
index documents are made of; unlike Meilisearch's they are not disjunctive: a facet whose
own filter is set counts only the values the filter lets through."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from strawberry.types import Info

from graph_api.graph_names import Label, Rel
from graph_api.graphql.context import Context
from graph_api.search import dutch
from graph_api.search.filters import SearchFilter
from graph_api.search.highlight import POST, PRE
from graph_api.search.words import query_words

WORD = re.compile(r"\w+", re.UNICODE)
MAX_TERMS = 12
SNIPPET_CHARS = 200

# What the highlight needs (see hits.py); the node itself is compiled from the selection.
# And the places a distance is taken to (queries.Target.places).
_PRACTICE_FIELDS = (
    "id: p.id, title: p.title, summary: p.summary, municipalities: "
    f"COLLECT {{ MATCH (p)-[:{Rel.APPLIED_IN}]->(m:{Label.MUNICIPALITY}) RETURN m.code }}"
)
_HOME = f"COLLECT {{ MATCH (p)-[:{Rel.BASED_IN}]->(m:{Label.MUNICIPALITY}) RETURN m.%s }}[0]"
_ORGANISATION_FIELDS = (
    f"id: p.id, name: p.name, description: p.description, municipality: {_HOME % 'code'}"
)
# Each facet attribute of the index documents (search.documents) as the list of values of
# the match `p`, read from the graph.
_FACET_VALUES: dict[str, dict[str, str]] = {
    "practices": {
        "themes": f"COLLECT {{ MATCH (p)-[:{Rel.ADDRESSES}]->(x:{Label.THEME}) RETURN x.slug }}",
        "targetGroups": (
            f"COLLECT {{ MATCH (p)-[:{Rel.TARGETS}]->(x:{Label.TARGET_GROUP}) RETURN x.slug }}"
        ),
        "provinces": (
            f"COLLECT {{ MATCH (p)-[:{Rel.APPLIED_IN}]->(:{Label.MUNICIPALITY})"
            f"-[:{Rel.IN_PROVINCE}]->(x:{Label.PROVINCE}) RETURN DISTINCT x.code }}"
        ),
        "municipalities": (
            f"COLLECT {{ MATCH (p)-[:{Rel.APPLIED_IN}]->(x:{Label.MUNICIPALITY}) RETURN x.code }}"
        ),
        # Meilisearch gives facet values as strings: "2", not 2.
        "actionLines": (
            f"COLLECT {{ MATCH (p)-[:{Rel.SUPPORTS}]->(x:{Label.ACTION_LINE}) "
            "RETURN toString(x.number) }"
        ),
        "organisationKind": (
            f"COLLECT {{ MATCH (p)-[:{Rel.BY}]->(x:{Label.ORGANISATION}) RETURN x.kind LIMIT 1 }}"
        ),
        "evidenceLevel": "[p.evidenceLevel]",
    },
    "organisations": {
        "themes": f"COLLECT {{ MATCH (p)-[:{Rel.WORKS_ON}]->(x:{Label.THEME}) RETURN x.slug }}",
        "targetGroups": (
            f"COLLECT {{ MATCH (p)-[:{Rel.SERVES}]->(x:{Label.TARGET_GROUP}) RETURN x.slug }}"
        ),
        "province": (
            f"COLLECT {{ MATCH (p)-[:{Rel.BASED_IN}]->(:{Label.MUNICIPALITY})"
            f"-[:{Rel.IN_PROVINCE}]->(x:{Label.PROVINCE}) RETURN x.code LIMIT 1 }}"
        ),
        "municipality": (
            f"COLLECT {{ MATCH (p)-[:{Rel.BASED_IN}]->(x:{Label.MUNICIPALITY}) "
            "RETURN x.code LIMIT 1 }"
        ),
        "kind": "[p.kind]",
        "scope": "[p.scope]",
    },
}
# How much a match in a theme's or target group's name weighs against one in the text.
TOPIC_WEIGHT = 0.5
_TOPICS = {
    "practices": f"{Rel.ADDRESSES}|{Rel.TARGETS}",
    "organisations": f"{Rel.WORKS_ON}|{Rel.SERVES}",
}
# Nearest first (organisations: their home, then by name; practices: the nearest place they
# were applied in, then newest first).
_CENTRE = "point({latitude: $lat, longitude: $lng})"
_NEAREST = f"point.distance({_HOME % 'location'}, {_CENTRE}), p.nameKey, p.id"
_NEAREST_PRACTICE = (
    f"COLLECT {{ MATCH (p)-[:{Rel.APPLIED_IN}]->(m:{Label.MUNICIPALITY}) "
    f"WITH point.distance(m.location, {_CENTRE}) AS d RETURN d ORDER BY d LIMIT 1 }}[0], "
    "p.publishedAt DESC, p.id"
)


def lucene(query: str) -> str | None:
    """The user's words as a Lucene query: each word exactly, or with one typo, or as its
    lemma or a synonym from the vocabulary (dutch.py; the index's Dutch analyzer stems), and
    the last also as a prefix. Only word characters pass (phrases in quotes), so no Lucene
    syntax can be injected."""
    words = query_words(query)[:MAX_TERMS]
    if not words:  # empty, or only stop words: everything, newest or by name
        return None
    terms = []
    for i, w in enumerate(words):
        options = [w, f"{w}~1"] if len(w) >= 5 else [w]
        if i == len(words) - 1:
            options.append(f"{w}*")
        lemma = dutch.lemma(w)
        if WORD.fullmatch(lemma) and lemma != w and lemma not in dutch.vocabulary().stop_words:
            options.append(lemma)
        for synonym in dutch.synonyms_of(w):
            parts = WORD.findall(synonym)
            options.append(parts[0] if len(parts) == 1 else '"' + " ".join(parts) + '"')
        terms.append(options[0] if len(options) == 1 else f"({' OR '.join(options)})")
    return " ".join(terms)


async def search(
    info: Info,
    target: str,
    query: str,
    filtered: SearchFilter,
    newest_or_name: bool,
    offset: int,
    limit: int,
    node: tuple[str | None, dict[str, Any]],
    nearest: tuple[float, float] | None = None,
    facets: Sequence[str] = (),
) -> tuple[list[dict[str, Any]], int, dict[str, dict[str, int]]]:
    """Hits shaped like Meilisearch documents (with `_formatted`), each with its `node`, the
    total, and the counts of the `facets` (document attributes) as Meilisearch's
    `facetDistribution`. `node` is the compiled projection over `p` (None: no node is
    selected) and its parameters. The filter's values were checked before Meilisearch was
    tried, so not again here."""
    ctx: Context = info.context
    params: dict[str, Any] = {"offset": offset, "limit": limit}
    conditions = ["p.status = 'PUBLISHED'"] if target == "practices" else []
    conditions += [c.replace("{m}", "p") for c in filtered.conditions]
    where = f"WHERE {' AND '.join(conditions)}" if conditions else ""
    text = lucene(query)
    label, index = (
        ("Practice", "practice_text")
        if target == "practices"
        else ("Organisation", "organisation_text")
    )
    if text is None:
        source = f"MATCH (p:{label}) {where} WITH p, 0.0 AS score"
    else:
        params["text"] = text
        # Their own text, or the names of their themes and target groups (as Meilisearch
        # searches `themeNames` and `targetGroupNames`), which count for less.
        topics = _TOPICS[target]
        source = f"""CALL () {{
    CALL db.index.fulltext.queryNodes('{index}', $text) YIELD node AS p, score
    RETURN p, score
  UNION ALL
    CALL db.index.fulltext.queryNodes('topic_text', $text) YIELD node AS topic, score
    MATCH (p:{label})-[:{topics}]->(topic)
    RETURN p, score * {TOPIC_WEIGHT} AS score
}}
WITH p, max(score) AS score {where} WITH p, score"""
    if target == "practices":
        order = "p.publishedAt DESC, p.id" if newest_or_name or text is None else "score DESC, p.id"
        if nearest is not None:
            order = _NEAREST_PRACTICE
            params["lat"], params["lng"] = nearest
        fields = _PRACTICE_FIELDS
    else:
        order = "p.nameKey, p.id" if newest_or_name or text is None else "score DESC, p.id"
        if nearest is not None:
            order = _NEAREST
            params["lat"], params["lng"] = nearest
        fields = _ORGANISATION_FIELDS
    # The compiler's parameters are named p0, p1, ...: none of this module's names. The node
    # and the filter were compiled by one compiler, so theirs do not collide either.
    projection, projection_params = node
    # Attribute names come from the project's own table, never from the request.
    counted = [a for a in dict.fromkeys(facets) if a in _FACET_VALUES[target]]
    counting = "".join(
        f"CALL (matches) {{ UNWIND matches AS p UNWIND {_FACET_VALUES[target][a]} AS v "
        f"WITH v, count(*) AS n RETURN collect([v, n]) AS facet{i} }}\n"
        for i, a in enumerate(counted)
    )
    counts = ", ".join(f"`{a}`: facet{i}" for i, a in enumerate(counted))
    cypher = f"""{source} ORDER BY {order}
WITH collect(p) AS matches
WITH matches, matches[..1000] AS ranked
CALL (ranked) {{
  UNWIND ranked[$offset..($offset + $limit)] AS p
  RETURN collect({{ {fields}, node: {projection or "null"} }}) AS hits
}}
{counting}RETURN size(ranked) AS total, hits, {{{counts}}} AS facets"""
    rows = await ctx.db.read(cypher, {**params, **projection_params}, ctx.trips)
    hits: list[dict[str, Any]] = rows[0]["hits"] if rows else []
    total = int(rows[0]["total"]) if rows else 0
    distribution = {
        attribute: {str(v): int(n) for v, n in pairs if v is not None}
        for attribute, pairs in (rows[0]["facets"] if rows else {}).items()
    }
    return [formatted(hit, query, target) for hit in hits], total, distribution


def formatted(hit: dict[str, Any], query: str, target: str) -> dict[str, Any]:
    """Marks the words in title/name and makes a snippet, as Meilisearch's `_formatted`."""
    words = WORD.findall(query.lower())
    title_field, text_field = (
        ("title", "summary") if target == "practices" else ("name", "description")
    )
    hit["_formatted"] = {
        title_field: _mark(hit.get(title_field) or "", words),
        text_field: _mark((hit.get(text_field) or "")[:SNIPPET_CHARS], words),
    }
    return hit


def _mark(text: str, words: list[str]) -> str:
    # Raw text with private markers: `hits.to_html` escapes it and makes them <mark>.
    if not words:
        return text
    pattern = re.compile("|".join(re.escape(w) for w in words), re.IGNORECASE)
    return pattern.sub(lambda m: f"{PRE}{m.group(0)}{POST}", text)
