"""The editorial workflow: draft, update with its base revision, review, publish, unpublish,
archive. Each step checks the caller's rights, keeps a revision, and records a search outbox
entry in the same transaction."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

import orjson
from neo4j import AsyncManagedTransaction

from graph_api.auth.viewer import Viewer
from graph_api.graphql.mutation_errors import ErrorCode, refuse
from graph_api.network.known import check_known
from graph_api.practices import cypher
from graph_api.search.outbox import record
from graph_api.text import slugify

LINKS = ("themes", "target_groups", "municipalities", "action_lines")
# Which statuses each action may start from, and where it leads.
TRANSITIONS = {
    "submit": ({"DRAFT"}, "IN_REVIEW"),
    "publish": ({"DRAFT", "IN_REVIEW"}, "PUBLISHED"),
    "unpublish": ({"PUBLISHED"}, "DRAFT"),
    "archive": ({"DRAFT", "IN_REVIEW", "PUBLISHED"}, "ARCHIVED"),
}
STAFF_ONLY = {"publish", "unpublish", "archive"}


@dataclass
class Current:
    status: str
    revision: int
    organisation: str | None
    fields: dict[str, Any]
    links: dict[str, list[Any]]


async def load(tx: AsyncManagedTransaction, viewer: Viewer, practice_id: str) -> Current:
    """The practice as it is; NOT_FOUND also when the caller may not even see it."""
    row = await (await tx.run(cypher.CURRENT, id=practice_id)).single()
    if row is None:
        raise refuse(ErrorCode.NOT_FOUND, "No such practice.", "id")
    status, org = row["status"], row["organisation"]
    if not (viewer.is_staff or status == "PUBLISHED" or (org and viewer.is_partner_of(org))):
        raise refuse(ErrorCode.NOT_FOUND, "No such practice.", "id")
    return Current(status, row["revision"], org, row["fields"], {k: row[k] for k in LINKS})


async def check_tags(tx: AsyncManagedTransaction, links: dict[str, Any], org: str) -> None:
    await check_known(
        tx,
        links.get("themes"),
        links.get("target_groups"),
        links.get("municipalities"),
        [org] if org else [],
        organisation_field="organisationId",
    )


async def create(
    tx: AsyncManagedTransaction,
    viewer: Viewer,
    org: str,
    fields: dict[str, Any],
    links: dict[str, list[Any]],
) -> str:
    if not (viewer.is_staff or viewer.is_partner_of(org)):
        raise refuse(
            ErrorCode.FORBIDDEN, "You may only propose practices for your own organisation."
        )
    await check_tags(tx, links, org)
    slug = await _free_slug(tx, slugify(fields["title"]) or "praktijk")
    practice_id = str(uuid.uuid4())
    await (
        await tx.run(cypher.CREATE, id=practice_id, slug=slug, organisation=org, fields=fields)
    ).consume()
    for name in LINKS:
        await _replace_links(tx, practice_id, name, links.get(name) or [])
    changes = {k: {"to": v} for k, v in {**fields, **links}.items() if v not in (None, [])}
    await _revise(tx, viewer, practice_id, "create", changes)
    return practice_id


async def update(
    tx: AsyncManagedTransaction,
    viewer: Viewer,
    practice_id: str,
    base_revision: int,
    fields: dict[str, Any],
    links: dict[str, list[Any] | None],
) -> str:
    now = await load(tx, viewer, practice_id)
    if not (viewer.is_staff or (now.organisation and viewer.is_partner_of(now.organisation))):
        raise refuse(ErrorCode.FORBIDDEN, "You may not change this practice.")
    if not viewer.is_staff and now.status not in ("DRAFT", "IN_REVIEW"):
        raise refuse(ErrorCode.FORBIDDEN, "Only staff change a practice once it is published.")
    if base_revision != now.revision:
        raise refuse(
            ErrorCode.CONFLICT,
            f"The practice changed since revision {base_revision}; it is at revision "
            f"{now.revision}. Reload it and apply your change again.",
            "baseRevision",
        )
    given_links = {k: v for k, v in links.items() if v is not None}
    await check_tags(tx, given_links, now.organisation or "")
    changes: dict[str, Any] = {
        k: {"from": now.fields.get(k), "to": v} for k, v in fields.items() if now.fields.get(k) != v
    }
    for name, values in given_links.items():
        before, after = set(now.links[name]), set(values)
        if before != after:
            changes[name] = {"added": sorted(after - before), "removed": sorted(before - after)}
    if not changes:
        return practice_id  # nothing to do: no revision, no outbox entry
    await (await tx.run(cypher.UPDATE_FIELDS, id=practice_id, fields=fields)).consume()
    for name, values in given_links.items():
        if name in changes:
            await _replace_links(tx, practice_id, name, values)
    await _revise(tx, viewer, practice_id, "update", changes)
    return practice_id


async def transition(
    tx: AsyncManagedTransaction, viewer: Viewer, practice_id: str, action: str
) -> str:
    now = await load(tx, viewer, practice_id)
    allowed_from, target = TRANSITIONS[action]
    own = bool(now.organisation and viewer.is_partner_of(now.organisation))
    if not (viewer.is_staff or (own and action not in STAFF_ONLY)):
        raise refuse(ErrorCode.FORBIDDEN, f"Only staff may {action} practices.")
    if now.status not in allowed_from:
        raise refuse(ErrorCode.CONFLICT, f"Cannot {action} a practice that is {now.status}.", "id")
    await (await tx.run(cypher.TRANSITION, id=practice_id, status=target)).consume()
    await _revise(tx, viewer, practice_id, action, {"status": {"from": now.status, "to": target}})
    return practice_id


async def _free_slug(tx: AsyncManagedTransaction, base: str) -> str:
    row = await (await tx.run(cypher.TAKEN_SLUGS, base=base)).single(strict=True)
    taken = set(row["slugs"])
    if base not in taken:
        return base
    n = 2
    while f"{base}-{n}" in taken:
        n += 1
    return f"{base}-{n}"


async def _replace_links(
    tx: AsyncManagedTransaction, practice_id: str, name: str, values: list[Any]
) -> None:
    await (await tx.run(cypher.REPLACE_LINKS[name], id=practice_id, values=values)).consume()


async def _revise(
    tx: AsyncManagedTransaction,
    viewer: Viewer,
    practice_id: str,
    action: str,
    changes: dict[str, Any],
) -> None:
    await (
        await tx.run(
            cypher.REVISION,
            id=practice_id,
            by=viewer.actor,
            role=viewer.role.value,
            action=action,
            changed=sorted(changes),
            changes=orjson.dumps(changes, default=str).decode(),
        )
    ).consume()
    await record(tx, "practice", [practice_id])
