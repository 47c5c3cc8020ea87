"""The network as parameter rows, one list per load step (see writer.STEPS)."""

from __future__ import annotations

from typing import Any

from graph_api.seeding import vocabulary as v
from graph_api.seeding.model import Network
from graph_api.seeding.reference import ReferenceData
from graph_api.seeding.text import name_key

Row = dict[str, Any]


def build_rows(ref: ReferenceData, net: Network) -> dict[str, list[Row]]:
    province_code = {p.name: p.code for p in ref.provinces}
    rows: dict[str, list[Row]] = {
        "provinces": [{"code": p.code, "props": {"name": p.name}} for p in ref.provinces],
        "themes": [{"slug": s, "props": {"name": n}} for s, n in v.THEMES.items()],
        "target_groups": [{"slug": s, "props": {"name": n}} for s, n in v.TARGET_GROUPS.items()],
        "action_lines": [
            {"number": n, "props": {"name": name, "description": d}}
            for n, (name, d) in v.ACTION_LINES.items()
        ],
    }
    rows["municipalities"] = [
        {
            "code": m.code,
            "province": province_code[m.province],
            "lat": m.lat,
            "lon": m.lon,
            "props": {
                "name": m.name,
                "nameKey": name_key(m.name),
                "participation": net.municipalities[m.code].participation,
                "joinedOn": net.municipalities[m.code].joined_on,
                "evidenceUrl": net.municipalities[m.code].evidence_url,
                "evidenceNote": net.municipalities[m.code].evidence_note,
            },
        }
        for m in ref.municipalities
    ]
    national = [c for c in net.coalitions if c.kind == "NATIONAL"]
    rows["coalitions"] = [
        {
            "id": c.id,
            "covers": c.covers,
            "national": national[0].id if c.kind == "LOCAL" else None,
            "props": {
                "name": c.name,
                "nameKey": name_key(c.name),
                "kind": c.kind,
                "description": c.description,
                "startedOn": c.started_on,
                "planPeriod": c.plan_period,
                "demo": c.demo,
                "sourceUrl": c.source_url,
            },
        }
        for c in net.coalitions
    ]
    # One row per organisation carries its own links too: one index lookup instead of four.
    rows["organisations"] = [
        {
            "id": o.id,
            "base": o.base,
            "active": o.active_in,
            "themes": o.themes,
            "serves": o.serves,
            "props": {
                "name": o.name,
                "nameKey": name_key(o.name),
                "kind": o.kind,
                "scope": o.scope,
                "website": o.website,
                "description": o.description,
                "demo": o.demo,
                "sourceUrl": o.source_url,
            },
        }
        for o in net.organisations
    ]
    rows["branch_of"] = [
        {"id": o.id, "parent": o.branch_of} for o in net.organisations if o.branch_of
    ]
    rows["member_of"] = [
        {"id": m.organisation, "coalition": m.coalition, "role": m.role, "since": m.since}
        for m in net.memberships
    ]
    rows["partners_with"] = [{"a": p.a, "b": p.b, "since": p.since} for p in net.partnerships]
    rows["people"] = [
        {"id": p.id, "org": p.works_for, "props": {"name": p.name, "role": p.role, "demo": True}}
        for p in net.people
    ]
    # Instants travel as ISO-8601 text and Cypher's datetime() parses them: the driver's
    # pure-Python packing of datetime objects costs ~50 us each, a quarter of a scale-100 run.
    # The stored values are the same DateTime (UTC) either way.
    rows["practices"] = [
        {
            "id": p.id,
            "by": p.by,
            "codes": p.applied_in,
            "themes": p.themes,
            "targets": p.targets,
            "lines": p.action_lines,
            "createdAt": p.created_at.isoformat(),
            "updatedAt": p.updated_at.isoformat(),
            "publishedAt": p.published_at.isoformat() if p.published_at else None,
            "props": {
                "slug": p.slug,
                "title": p.title,
                "summary": p.summary,
                "body": p.body,
                "status": p.status,
                "results": p.results,
                "evidenceLevel": p.evidence_level,
                "costs": p.costs,
                "revision": p.revision,
                "demo": True,
            },
        }
        for p in net.practices
    ]
    rows["authored"] = [
        {"person": person, "practice": p.id, "at": at.isoformat()}
        for p in net.practices
        for person, at in p.authors
    ]
    return rows
