"""Writing activities: create, update with its base revision, cancel.

Each runs in one write transaction that takes the activity's write lock before reading what
it checks (organiser, revision, status), so two editors are serialised on the activity and
the second sees what the first committed; each records the activity's search document as
dirty in the same transaction (outbox entity "activity").

Partners create and edit their own organisation's activities; staff (and admins) all.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from typing import Any

from neo4j import AsyncManagedTransaction

from graph_api.activities import cypher
from graph_api.auth.viewer import Viewer
from graph_api.db.outbox import record
from graph_api.graphql.mutation_errors import ErrorCode, MutationRefused, refuse
from graph_api.network.known import check_known

LINKS = ("themes", "target_groups", "municipality", "action_line")


@dataclass
class Current:
    status: str
    revision: int
    organisation: str | None
    start: dt.datetime
    end: dt.datetime
    online: bool
    municipality: str | None
    week: int | None


async def load(tx: AsyncManagedTransaction, activity_id: str) -> Current:
    """Lock the activity, then read it as it is (activities are public: no hiding)."""
    locked = await (await tx.run(cypher.LOCK, id=activity_id)).single()
    if locked is None:
        raise refuse(ErrorCode.NOT_FOUND, "No such activity.", "id")
    row = await (await tx.run(cypher.CURRENT, id=activity_id)).single(strict=True)
    return Current(
        row["status"],
        row["revision"],
        row["organisation"],
        row["start"].to_native(),
        row["end"].to_native(),
        bool(row["online"]),
        row["municipality"][0] if row["municipality"] else None,
        row["week"],
    )


def _may_edit(viewer: Viewer, organisation: str | None) -> None:
    if not (viewer.is_staff or (organisation and viewer.is_partner_of(organisation))):
        raise refuse(
            ErrorCode.FORBIDDEN, "Only staff and the organiser's own partners change activities."
        )


def _check_revision(now: Current, base_revision: int | None) -> None:
    if base_revision is not None and base_revision != now.revision:
        raise refuse(
            ErrorCode.CONFLICT,
            f"The activity changed since revision {base_revision}; it is at revision "
            f"{now.revision}. Reload it and apply your change again.",
            "baseRevision",
        )


async def _check_tags(tx: AsyncManagedTransaction, links: dict[str, Any], org: str) -> None:
    try:
        await check_known(
            tx,
            links.get("themes"),
            links.get("target_groups"),
            links.get("municipality"),
            [org],
            organisation_field="organisationId",
        )
    except MutationRefused as exc:
        # The shared check names the list field; this input has one municipality.
        for problem in exc.problems:
            if problem.field == "municipalities":
                problem.field = "municipalityCode"
        raise


async def _replace(tx: AsyncManagedTransaction, activity_id: str, links: dict[str, Any]) -> None:
    for name in LINKS:
        if links.get(name) is not None:
            await (
                await tx.run(cypher.REPLACE_LINKS[name], id=activity_id, values=links[name])
            ).consume()


async def create(
    tx: AsyncManagedTransaction,
    viewer: Viewer,
    org: str,
    fields: dict[str, Any],
    links: dict[str, list[Any]],
) -> str:
    _may_edit(viewer, org)
    await _check_tags(tx, links, org)
    activity_id = str(uuid.uuid4())
    await (await tx.run(cypher.CREATE, id=activity_id, organisation=org, fields=fields)).consume()
    await _replace(tx, activity_id, links)
    await record(tx, "activity", [activity_id])
    return activity_id


async def update(
    tx: AsyncManagedTransaction,
    viewer: Viewer,
    activity_id: str,
    base_revision: int,
    fields: dict[str, Any],
    links: dict[str, list[Any] | None],
    check_place: Any,
) -> str:
    """`check_place(now)` checks the fields against what the activity already holds (an
    end given alone must follow the stored start; an online flag cleared needs a place)."""
    now = await load(tx, activity_id)
    _may_edit(viewer, now.organisation)
    _check_revision(now, base_revision)
    check_place(now)
    await _check_tags(tx, {k: v for k, v in links.items() if v is not None}, now.organisation or "")
    await (await tx.run(cypher.UPDATE_FIELDS, id=activity_id, fields=fields)).consume()
    await _replace(tx, activity_id, links)
    await record(tx, "activity", [activity_id])
    return activity_id


async def cancel(
    tx: AsyncManagedTransaction, viewer: Viewer, activity_id: str, base_revision: int | None
) -> str:
    """Keeps the record, marked CANCELLED: links, feeds and calendars then say so."""
    now = await load(tx, activity_id)
    _may_edit(viewer, now.organisation)
    if now.status == "CANCELLED":
        raise refuse(ErrorCode.CONFLICT, "The activity is cancelled already.", "id")
    _check_revision(now, base_revision)
    await (
        await tx.run(cypher.UPDATE_FIELDS, id=activity_id, fields={"status": "CANCELLED"})
    ).consume()
    await record(tx, "activity", [activity_id])
    return activity_id
