"""The network as parameter rows: one dict per node or relationship, per load step.

Temporal values travel as ISO-8601 text and Cypher's date() / datetime() type them (see
writer.STEPS); the graph holds the same Date and DateTime (UTC) values as if Python
date/datetime objects had been sent. The driver packs those objects in pure Python (a date
~15 us, a datetime ~50 us), which at scale 100 (~650,000 of them) cost about 20 seconds.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from graph_api.seeding import vocabulary as v
from graph_api.seeding.model import (
    Membership,
    Network,
    Organisation,
    Partnership,
    Person,
    Practice,
)
from graph_api.seeding.reference import ReferenceData
from graph_api.seeding.text import name_key
from graph_api.text import display_name

Row = dict[str, Any]


def fixed_rows(ref: ReferenceData, net: Network) -> list[tuple[str, list[Row]]]:
    """Vocabularies, provinces, municipalities and coalitions, in load order."""
    province_code = {p.name: p.code for p in ref.provinces}
    municipalities: list[Row] = []
    for m in ref.municipalities:
        state = net.municipalities[m.code]
        municipalities.append(
            {
                "code": m.code,
                "province": province_code[m.province],
                "lat": m.lat,
                "lon": m.lon,
                "joinedOn": state.joined_on.isoformat() if state.joined_on else None,
                "sourceReadOn": state.source_read_on,
                "props": {
                    "name": m.name,
                    "nameKey": name_key(m.name),
                    "displayName": display_name(m.name),
                    "participation": state.participation,
                    "joinedIn": state.joined_in,
                    "joinedInSource": state.joined_in_source,
                    "evidenceUrl": state.source_url,
                    "evidenceNote": state.evidence_note,
                    "sourceUrls": state.source_urls or None,
                },
            }
        )
    national = next(c.id for c in net.coalitions if c.kind == "NATIONAL")
    coalitions = [
        {
            "id": c.id,
            "covers": c.covers,
            "focus": c.focus,
            "national": national if c.kind == "LOCAL" else None,
            "successor": c.successor,
            "startedOn": _iso(c.started_on),
            "endedOn": _iso(c.ended_on),
            "sourceReadOn": c.source_read_on,
            "props": {
                "name": c.name,
                "nameKey": name_key(c.name),
                "kind": c.kind,
                "description": c.description,
                "planPeriod": c.plan_period,
                "demo": c.demo,
                "sourceUrl": c.source_url,
                "sourceUrls": c.source_urls or None,
            },
        }
        for c in net.coalitions
    ]
    return [
        ("provinces", [{"code": p.code, "props": {"name": p.name}} for p in ref.provinces]),
        ("themes", [{"slug": s, "props": {"name": n}} for s, n in v.THEMES.items()]),
        (
            "target_groups",
            [{"slug": s, "props": {"name": n}} for s, n in v.TARGET_GROUPS.items()],
        ),
        (
            "action_lines",
            [
                {"number": n, "props": {"name": name, "description": d}}
                for n, (name, d) in v.ACTION_LINES.items()
            ],
        ),
        ("municipalities", municipalities),
        ("coalitions", coalitions),
    ]


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def organisation_row(o: Organisation) -> Row:
    # The organisation carries its own links: one index lookup for it instead of four.
    return {
        "id": o.id,
        "base": o.base,
        "sourceReadOn": o.source_read_on,
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
            "sourceUrls": o.source_urls or None,
        },
    }


def branch_row(o: Organisation) -> Row:
    return {"id": o.id, "parent": o.branch_of}


def membership_row(m: Membership) -> Row:
    return {
        "id": m.organisation,
        "coalition": m.coalition,
        "role": m.role,
        "since": _iso(m.since),
    }


def partnership_row(p: Partnership) -> Row:
    return {"a": p.a, "b": p.b, "since": p.since.isoformat()}


def person_row(p: Person, details: dict[str, str]) -> Row:
    props = {"name": p.name, "function": p.role, "demo": True, **details}
    return {"id": p.id, "org": p.works_for, "props": props}


def practice_row(p: Practice) -> Row:
    return {
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


def authored_rows(p: Practice) -> list[Row]:
    return [{"person": person, "practice": p.id, "at": at.isoformat()} for person, at in p.authors]
