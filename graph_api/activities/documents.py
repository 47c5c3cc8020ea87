"""Activity search documents, read from the graph: one projection for the outbox indexer,
the reindex and the search check alike. Every activity is a document (cancelled ones too,
saying so); past ones stay in the index and searches leave them out by `endTs`."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, LiteralString

from neo4j import Driver

from graph_api.graph_names import Label, Rel

ACTIVITY_PROJECTION: LiteralString = f"""a {{
  .id, .title, .description, .address, .status, .week, .revision,
  online: coalesce(a.online, false),
  start: toString(a.start), startTs: a.start.epochSeconds, endTs: a.end.epochSeconds,
  organisation: COLLECT {{ MATCH (a)-[:{Rel.ORGANISED_BY}]->(o:{Label.ORGANISATION})
                          RETURN o {{.id, .name}} LIMIT 1 }},
  place: COLLECT {{ MATCH (a)-[:{Rel.HELD_IN}]->(m:{Label.MUNICIPALITY})
                   OPTIONAL MATCH (m)-[:{Rel.IN_PROVINCE}]->(v:{Label.PROVINCE})
                   RETURN {{code: m.code, name: m.name, province: v.code,
                           lat: m.location.latitude, lng: m.location.longitude}} LIMIT 1 }},
  themes: COLLECT {{ MATCH (a)-[:{Rel.ADDRESSES}]->(t:{Label.THEME})
                    RETURN t {{.slug, .name}} ORDER BY t.name }},
  targetGroups: COLLECT {{ MATCH (a)-[:{Rel.TARGETS}]->(g:{Label.TARGET_GROUP})
                          RETURN g {{.slug, .name}} ORDER BY g.name }},
  actionLine: COLLECT {{ MATCH (a)-[:{Rel.SUPPORTS}]->(l:{Label.ACTION_LINE})
                        RETURN l.number LIMIT 1 }}
}}"""

_PAGE: LiteralString = (
    f"MATCH (a:{Label.ACTIVITY}) WHERE a.id > $after "
    "WITH a ORDER BY a.id LIMIT $batch RETURN " + ACTIVITY_PROJECTION + " AS doc"
)
_COUNT: LiteralString = f"RETURN COUNT {{ MATCH (a:{Label.ACTIVITY}) }} AS activities"


def activity_document(raw: dict[str, Any]) -> dict[str, Any]:
    """Flat: slugs and codes to filter on, names to search in, epoch seconds to compare."""
    org = raw["organisation"][0] if raw["organisation"] else {}
    place = raw["place"][0] if raw["place"] else {}
    doc: dict[str, Any] = {
        "id": raw["id"],
        "title": raw["title"],
        "description": raw["description"],
        "address": raw["address"],
        "online": raw["online"],
        "status": raw["status"],
        "week": raw["week"],
        "revision": raw["revision"],
        "start": raw["start"],
        "startTs": raw["startTs"],
        "endTs": raw["endTs"],
        "organisationId": org.get("id"),
        "organisationName": org.get("name"),
        "municipality": place.get("code"),
        "municipalityName": place.get("name"),
        "province": place.get("province"),
        "themes": [t["slug"] for t in raw["themes"]],
        "themeNames": [t["name"] for t in raw["themes"]],
        "targetGroups": [g["slug"] for g in raw["targetGroups"]],
        "targetGroupNames": [g["name"] for g in raw["targetGroups"]],
        "actionLine": raw["actionLine"][0] if raw["actionLine"] else None,
    }
    if place.get("lat") is not None:
        doc["_geo"] = {"lat": place["lat"], "lng": place["lng"]}
    return doc


def activities(driver: Driver, database: str, batch: int = 500) -> Iterator[list[dict[str, Any]]]:
    """Documents of all activities in id order, in keyset batches."""
    after = ""
    while True:
        records, _, _ = driver.execute_query(_PAGE, after=after, batch=batch, database_=database)
        if not records:
            return
        raws = [r["doc"] for r in records]
        yield [activity_document(r) for r in raws]
        after = raws[-1]["id"]


def activity_count(driver: Driver, database: str) -> int:
    records, _, _ = driver.execute_query(_COUNT, database_=database)
    return int(records[0]["activities"])
