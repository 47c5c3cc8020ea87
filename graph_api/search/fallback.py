"""Search without Meilisearch: Neo4j's own full-text indexes (Dutch analyzer) answer while
the search engine is down. Ranking is Lucene's, facets are not counted, and the answer says
it came from the fallback (`source: GRAPH_FALLBACK`)."""

from __future__ import annotations

import re
from typing import Any

from strawberry.types import Info

from graph_api.graphql.context import Context
from graph_api.search.filters import GraphValues
from graph_api.search.highlight import POST, PRE
from graph_api.search.types import OrganisationSearchFilter, PracticeSearchFilter

WORD = re.compile(r"\w+", re.UNICODE)
MAX_TERMS = 12
SNIPPET_CHARS = 200

# What the highlight needs (see hits.py); the node itself is compiled from the selection.
_PRACTICE_FIELDS = "id: p.id, title: p.title, summary: p.summary"
_ORGANISATION_FIELDS = "id: p.id, name: p.name, description: p.description"


def lucene(query: str) -> str | None:
    """The user's words as a Lucene query: each word exactly, or with one typo, and the last
    also as a prefix. Only word characters pass, so no Lucene syntax can be injected."""
    words = WORD.findall(query.lower())[:MAX_TERMS]
    if not words:
        return None
    terms = [f"({w} OR {w}~1)" if len(w) >= 5 else w for w in words]
    terms[-1] = f"({terms[-1]} OR {words[-1]}*)"
    return " ".join(terms)


async def search(
    info: Info,
    target: str,
    query: str,
    f: PracticeSearchFilter | OrganisationSearchFilter | None,
    newest_or_name: bool,
    offset: int,
    limit: int,
    node: tuple[str | None, dict[str, Any]],
) -> tuple[list[dict[str, Any]], int]:
    """Hits shaped like Meilisearch documents (with `_formatted`), each with its `node`, and
    the total. `node` is the compiled projection over `p` (None: no node is selected) and
    its parameters."""
    ctx: Context = info.context
    params: dict[str, Any] = {"offset": offset, "limit": limit}
    conditions = ["p.status = 'PUBLISHED'"] if target == "practices" else []
    conditions += await _conditions(info, target, f, params)
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
        source = (
            f"CALL db.index.fulltext.queryNodes('{index}', $text) YIELD node AS p, score "
            f"{where} WITH p, score"
        )
    if target == "practices":
        order = "p.publishedAt DESC, p.id" if newest_or_name or text is None else "score DESC, p.id"
        fields = _PRACTICE_FIELDS
    else:
        order = "p.nameKey, p.id" if newest_or_name or text is None else "score DESC, p.id"
        fields = _ORGANISATION_FIELDS
    # The compiler's parameters are named p0, p1, ...: none of this module's names.
    projection, projection_params = node
    cypher = f"""{source} ORDER BY {order}
WITH collect(p)[..1000] AS ranked
CALL (ranked) {{
  UNWIND ranked[$offset..($offset + $limit)] AS p
  RETURN collect({{ {fields}, node: {projection or "null"} }}) AS hits
}}
RETURN size(ranked) AS total, hits"""
    rows = await ctx.db.read(cypher, {**params, **projection_params}, ctx.trips)
    hits: list[dict[str, Any]] = rows[0]["hits"] if rows else []
    total = int(rows[0]["total"]) if rows else 0
    words = WORD.findall(query.lower())
    return [_formatted(hit, words, target) for hit in hits], total


async def _conditions(
    info: Info,
    target: str,
    f: PracticeSearchFilter | OrganisationSearchFilter | None,
    params: dict[str, Any],
) -> list[str]:
    if f is None:
        return []
    near = await GraphValues.of(f).check(info)
    out = []
    home = "(p)-[:APPLIED_IN]->" if target == "practices" else "(p)-[:BASED_IN]->"
    tags = ("ADDRESSES", "TARGETS") if target == "practices" else ("WORKS_ON", "SERVES")

    def add(name: str, value: Any, condition: str) -> None:
        if value:
            params[name] = value
            out.append(condition)

    add(
        "themes",
        f.themes,
        f"EXISTS {{ MATCH (p)-[:{tags[0]}]->(t:Theme) WHERE t.slug IN $themes }}",
    )
    add(
        "groups",
        f.target_groups,
        f"EXISTS {{ MATCH (p)-[:{tags[1]}]->(g:TargetGroup) WHERE g.slug IN $groups }}",
    )
    add(
        "municipalities",
        f.municipalities,
        f"EXISTS {{ MATCH {home}(m:Municipality) WHERE m.code IN $municipalities }}",
    )
    add(
        "provinces",
        f.provinces,
        f"EXISTS {{ MATCH {home}(:Municipality)-[:IN_PROVINCE]->(v:Province) "
        "WHERE v.code IN $provinces }",
    )
    if f.near is not None:
        params["near"] = near
        out.append(f"EXISTS {{ MATCH {home}(m:Municipality) WHERE m.code IN $near }}")
    if isinstance(f, PracticeSearchFilter):
        add(
            "lines",
            f.action_lines,
            "EXISTS { MATCH (p)-[:SUPPORTS]->(a:ActionLine) WHERE a.number IN $lines }",
        )
        add(
            "kinds",
            [k.value for k in f.organisation_kinds or []],
            "EXISTS { MATCH (p)-[:BY]->(k:Organisation) WHERE k.kind IN $kinds }",
        )
        add("levels", [e.value for e in f.evidence_levels or []], "p.evidenceLevel IN $levels")
    else:
        add("kinds", [k.value for k in f.kinds or []], "p.kind IN $kinds")
        add("scopes", [s.value for s in f.scopes or []], "p.scope IN $scopes")
    return out


def _formatted(hit: dict[str, Any], words: list[str], target: str) -> dict[str, Any]:
    """Marks the words in title/name and makes a snippet, as Meilisearch's `_formatted`."""
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
