"""Practice documents for Meilisearch, read from the graph (the source of truth)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from neo4j import Driver

PUBLISHED_PRACTICES = """
MATCH (p:Practice) WHERE p.status = 'PUBLISHED' AND p.id > $after
WITH p ORDER BY p.id LIMIT $batch
OPTIONAL MATCH (p)-[:BY]->(o:Organisation)
RETURN p.id AS id, p.slug AS slug, p.title AS title, p.summary AS summary, p.body AS body,
       p.results AS results, p.evidenceLevel AS evidenceLevel,
       toString(p.publishedAt) AS publishedAt,
       CASE WHEN p.publishedAt IS NULL THEN 0 ELSE p.publishedAt.epochSeconds END AS publishedTs,
       o.id AS organisationId, o.name AS organisationName, o.kind AS organisationKind,
       COLLECT { MATCH (p)-[:ADDRESSES]->(t:Theme) RETURN t.slug } AS themes,
       COLLECT { MATCH (p)-[:ADDRESSES]->(t:Theme) RETURN t.name } AS themeNames,
       COLLECT { MATCH (p)-[:TARGETS]->(g:TargetGroup) RETURN g.slug } AS targetGroups,
       COLLECT { MATCH (p)-[:SUPPORTS]->(a:ActionLine) RETURN a.number } AS actionLines,
       COLLECT { MATCH (p)-[:APPLIED_IN]->(m:Municipality) RETURN m.code } AS municipalities,
       COLLECT { MATCH (p)-[:APPLIED_IN]->(m:Municipality) RETURN m.name } AS municipalityNames,
       COLLECT { MATCH (p)-[:APPLIED_IN]->(:Municipality)-[:IN_PROVINCE]->(v:Province)
                 RETURN DISTINCT v.code } AS provinces,
       COLLECT { MATCH (p)-[:APPLIED_IN]->(m:Municipality)
                 RETURN {lat: m.location.latitude, lng: m.location.longitude} LIMIT 1 }[0] AS geo
"""


def published_practices(
    driver: Driver, database: str, batch: int = 500
) -> Iterator[list[dict[str, Any]]]:
    """Yields batches of documents in id order (keyset, so memory stays flat)."""
    after = ""
    while True:
        records, _, _ = driver.execute_query(
            PUBLISHED_PRACTICES, after=after, batch=batch, database_=database
        )
        if not records:
            return
        docs = []
        for record in records:
            doc = record.data()
            geo = doc.pop("geo")
            if geo is not None:
                doc["_geo"] = geo
            docs.append(doc)
        yield docs
        after = docs[-1]["id"]
