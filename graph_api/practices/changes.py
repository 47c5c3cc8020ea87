"""What a revision changed, field by field: stored as JSON text on the revision (Neo4j
properties hold no maps) and read back as typed `FieldChange` entries.

A scalar field changes `from` one value `to` another; a list field (themes, links,
authors, the review thread, ...) has values `added` and `removed`. Values are text: strings
as they are, numbers and booleans as JSON writes them, dates and times in ISO 8601, and an
absent value is null.
"""

from __future__ import annotations

from typing import Any

import orjson
import strawberry


@strawberry.type(
    description="One field's change in a revision. Scalar fields have `from` and `to`; list "
    "fields have `added` and `removed` (and null `from`/`to`). Values are text: strings as "
    "written, numbers and booleans as in JSON, dates and times in ISO 8601; null is absent."
)
class FieldChange:
    field: str = strawberry.field(description="The practice's GraphQL field name.")
    from_: str | None = strawberry.field(name="from", description="The value before.")
    to: str | None = strawberry.field(description="The value after.")
    added: list[str] = strawberry.field(
        description="List fields: values added (slugs, codes, URLs, Person IDs, comment texts)."
    )
    removed: list[str] = strawberry.field(description="List fields: values removed.")


def _text(value: Any) -> str | None:
    if value is None or isinstance(value, str):
        return value
    return orjson.dumps(value, default=str).decode()


def _entry(change: dict[str, Any]) -> dict[str, Any]:
    """The stored form of one change: `{from, to}` for scalars, `{added, removed}` for lists.
    A list given as from/to (a new practice's themes, edited links) becomes added/removed."""
    before, after = change.get("from"), change.get("to")
    if isinstance(before, list) or isinstance(after, list):
        old, new = before or [], after or []
        return {
            "added": [v for v in new if v not in old],
            "removed": [v for v in old if v not in new],
        }
    if "added" in change or "removed" in change:
        return {"added": change.get("added") or [], "removed": change.get("removed") or []}
    return {"from": before, "to": after}


def encode(changes: dict[str, Any]) -> str:
    """The JSON a revision keeps: one entry per GraphQL field name."""
    return orjson.dumps({k: _entry(v) for k, v in changes.items()}, default=str).decode()


def decode(stored: str | None) -> list[FieldChange]:
    """The typed entries, by field name (the order of `changedFields`)."""
    changes = orjson.loads(stored) if stored else {}
    out = []
    for name in sorted(changes):
        entry = _entry(changes[name])
        # Lists only: an older form counted added comments ({"added": 1}).
        added = entry.get("added") if isinstance(entry.get("added"), list) else []
        removed = entry.get("removed") if isinstance(entry.get("removed"), list) else []
        out.append(
            FieldChange(
                field=name,
                from_=_text(entry.get("from")),
                to=_text(entry.get("to")),
                added=[t for t in map(_text, added or []) if t is not None],
                removed=[t for t in map(_text, removed or []) if t is not None],
            )
        )
    return out
