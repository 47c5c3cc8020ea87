"""Search documents, read from the graph (the source of truth).

The projections are Cypher map expressions over one variable, so the reindex (all
documents, in keyset batches), the outbox indexer (the documents of some keys) and the
check (all, compared with the index) build the same documents.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any, LiteralString

from neo4j import Driver

from graph_api.graph_names import Label, Rel
from graph_api.search import dutch
from graph_api.search.highlight import strip_markers

# Municipalities are named as people write them (`displayName`, "Middelburg" rather than
# CBS's "Middelburg (Z.)"), to search in and to show.
# Practices: only PUBLISHED ones ever become documents.
PRACTICE_PROJECTION: LiteralString = f"""p {{
  .id, .slug, .title, .summary, .body, .results, .evidenceLevel, .revision,
  publishedAt: toString(p.publishedAt),
  publishedTs: CASE WHEN p.publishedAt IS NULL THEN 0 ELSE p.publishedAt.epochSeconds END,
  organisation: COLLECT {{ MATCH (p)-[:{Rel.BY}]->(o:{Label.ORGANISATION})
                          RETURN o {{.id, .name, .kind}} ORDER BY o.id LIMIT 1 }},
  themes: COLLECT {{ MATCH (p)-[:{Rel.ADDRESSES}]->(t:{Label.THEME})
                    RETURN t {{.slug, .name}} ORDER BY t.name }},
  targetGroups: COLLECT {{ MATCH (p)-[:{Rel.TARGETS}]->(g:{Label.TARGET_GROUP})
                          RETURN g {{.slug, .name}} ORDER BY g.name }},
  actionLines: COLLECT {{ MATCH (p)-[:{Rel.SUPPORTS}]->(a:{Label.ACTION_LINE})
                         RETURN a.number ORDER BY a.number }},
  municipalities: COLLECT {{ MATCH (p)-[:{Rel.APPLIED_IN}]->(m:{Label.MUNICIPALITY})
                            RETURN m {{.code, name: m.displayName, lat: m.location.latitude,
                                      lng: m.location.longitude}} ORDER BY m.code }},
  provinces: COLLECT {{
   MATCH (p)-[:{Rel.APPLIED_IN}]->(:{Label.MUNICIPALITY})-[:{Rel.IN_PROVINCE}]->(v:{Label.PROVINCE})
   WITH DISTINCT v RETURN v {{.code, .name}} ORDER BY v.code }}
}}"""

ORGANISATION_PROJECTION: LiteralString = f"""o {{
  .id, .name, .nameKey, .kind, .scope, .description, .website,
  home: COLLECT {{ MATCH (o)-[:{Rel.BASED_IN}]->(m:{Label.MUNICIPALITY})
                  OPTIONAL MATCH (m)-[:{Rel.IN_PROVINCE}]->(v:{Label.PROVINCE})
                  RETURN {{code: m.code, name: m.displayName, lat: m.location.latitude,
                          lng: m.location.longitude, province: v.code, provinceName: v.name}}
                  ORDER BY m.code LIMIT 1 }},
  themes: COLLECT {{ MATCH (o)-[:{Rel.WORKS_ON}]->(t:{Label.THEME})
                    RETURN t {{.slug, .name}} ORDER BY t.name }},
  targetGroups: COLLECT {{ MATCH (o)-[:{Rel.SERVES}]->(g:{Label.TARGET_GROUP})
                          RETURN g {{.slug, .name}} ORDER BY g.name }}
}}"""

PUBLISHED: LiteralString = "p.status = 'PUBLISHED'"

_PRACTICE_PAGE: LiteralString = (
    f"MATCH (p:{Label.PRACTICE}) WHERE " + PUBLISHED + " AND p.id > $after "
    "WITH p ORDER BY p.id LIMIT $batch RETURN " + PRACTICE_PROJECTION + " AS doc"
)
_ORGANISATION_PAGE: LiteralString = (
    f"MATCH (o:{Label.ORGANISATION}) WHERE o.id > $after "
    "WITH o ORDER BY o.id LIMIT $batch RETURN " + ORGANISATION_PROJECTION + " AS doc"
)
_COUNTS: LiteralString = (
    f"RETURN COUNT {{ MATCH (p:{Label.PRACTICE}) WHERE " + PUBLISHED + " } AS practices, "
    f"COUNT {{ MATCH (o:{Label.ORGANISATION}) }} AS organisations"
)


def practice_document(raw: dict[str, Any]) -> dict[str, Any]:
    """Flatten the projection into a document: slugs and codes to filter and facet on,
    names to search in, plain text to crop snippets from."""
    org = raw["organisation"][0] if raw["organisation"] else {}
    places = raw["municipalities"]
    doc: dict[str, Any] = {
        "id": raw["id"],
        "slug": raw["slug"],
        "title": _text(raw["title"]),
        "summary": _text(raw["summary"]),
        "body": markdown_to_text(raw["body"]),
        "results": _text(raw["results"]),
        "evidenceLevel": raw["evidenceLevel"],
        "revision": raw["revision"],
        "publishedAt": raw["publishedAt"],
        "publishedTs": raw["publishedTs"],
        "organisationId": org.get("id"),
        "organisationName": _text(org.get("name")),
        "organisationKind": org.get("kind"),
        "themes": [t["slug"] for t in raw["themes"]],
        "themeNames": [t["name"] for t in raw["themes"]],
        "targetGroups": [g["slug"] for g in raw["targetGroups"]],
        "targetGroupNames": [g["name"] for g in raw["targetGroups"]],
        "actionLines": raw["actionLines"],
        "municipalities": [m["code"] for m in places],
        "municipalityNames": [m["name"] for m in places],
        "provinces": [v["code"] for v in raw["provinces"]],
        "provinceNames": [v["name"] for v in raw["provinces"]],
    }
    # Normal forms of the words people search (not of names: places and organisations are
    # searched as they are written).
    doc["stems"] = dutch.stems(
        [
            doc["title"],
            doc["summary"],
            doc["body"],
            doc["results"],
            *doc["themeNames"],
            *doc["targetGroupNames"],
        ]
    )
    return doc


def organisation_document(raw: dict[str, Any]) -> dict[str, Any]:
    home = raw["home"][0] if raw["home"] else {}
    doc: dict[str, Any] = {
        "id": raw["id"],
        "name": _text(raw["name"]),
        "nameKey": raw["nameKey"] or (raw["name"] or "").lower(),
        "kind": raw["kind"],
        "scope": raw["scope"],
        "description": _text(raw["description"]),
        "website": raw["website"],
        "municipality": home.get("code"),
        "municipalityName": home.get("name"),
        "province": home.get("province"),
        "provinceName": home.get("provinceName"),
        "themes": [t["slug"] for t in raw["themes"]],
        "themeNames": [t["name"] for t in raw["themes"]],
        "targetGroups": [g["slug"] for g in raw["targetGroups"]],
        "targetGroupNames": [g["name"] for g in raw["targetGroups"]],
    }
    doc["stems"] = dutch.stems(
        [doc["name"], doc["description"], *doc["themeNames"], *doc["targetGroupNames"]]
    )
    if home.get("lat") is not None:
        doc["_geo"] = {"lat": home["lat"], "lng": home["lng"]}
    return doc


def _text(value: str | None) -> str | None:
    return None if value is None else strip_markers(value)


_MD_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MD_LINE_MARK = re.compile(r"^\s{0,3}(?:#{1,6}\s+|>\s?|[-*+]\s+|\d+[.)]\s+)", re.MULTILINE)
_MD_INLINE = re.compile(r"(\*\*|__|\*|_|`)")
_SPACE = re.compile(r"\s+")


def markdown_to_text(markdown: str | None) -> str | None:
    """Markdown to plain words: snippets should not show `##` or `**` (approximate, enough
    for searching and cropping; the page itself renders the real Markdown)."""
    if markdown is None:
        return None
    text = _MD_LINK.sub(r"\1", markdown)
    text = _MD_LINE_MARK.sub("", text)
    text = _MD_INLINE.sub("", text)
    return strip_markers(_SPACE.sub(" ", text).strip())


def _pages(driver: Driver, database: str, cypher: LiteralString, batch: int) -> Iterator[list[Any]]:
    after = ""
    while True:
        records, _, _ = driver.execute_query(cypher, after=after, batch=batch, database_=database)
        if not records:
            return
        raws = [r["doc"] for r in records]
        yield raws
        after = raws[-1]["id"]


def published_practices(
    driver: Driver, database: str, batch: int = 500
) -> Iterator[list[dict[str, Any]]]:
    """Documents of all published practices in id order, in batches (keyset: flat memory)."""
    for raws in _pages(driver, database, _PRACTICE_PAGE, batch):
        yield [practice_document(r) for r in raws]


def organisations(
    driver: Driver, database: str, batch: int = 500
) -> Iterator[list[dict[str, Any]]]:
    for raws in _pages(driver, database, _ORGANISATION_PAGE, batch):
        yield [organisation_document(r) for r in raws]


def document_counts(driver: Driver, database: str) -> dict[str, int]:
    records, _, _ = driver.execute_query(_COUNTS, database_=database)
    return {"practices": records[0]["practices"], "organisations": records[0]["organisations"]}
