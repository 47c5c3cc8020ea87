"""The editorial workflow: draft, update with its base revision, review (with changes
requested and a comment thread), publish, unpublish, archive, restore.

Every step runs in one write transaction that first takes the practice's write lock
(`cypher.LOCK`) and only then reads the status and revision it checks: two editors acting
at once are serialised on the practice, so the second sees what the first committed. Each
step keeps a revision and, when it touches what search shows, records a search outbox
entry in the same transaction.

Partners edit their organisation's practices only while they are drafts; once submitted,
the text is frozen for them until staff send it back (`request_changes`) or publish it.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from neo4j import AsyncManagedTransaction

from graph_api.auth.viewer import Viewer
from graph_api.graphql.mutation_errors import ErrorCode, refuse
from graph_api.network.known import check_known
from graph_api.partners.aggregates import PRACTICE_CONTRIBUTION, PRACTICE_LINKS
from graph_api.practices import cypher
from graph_api.practices.enums import PracticeAction
from graph_api.practices.revisions import revise
from graph_api.text import slugify

LINKS = ("themes", "target_groups", "municipalities", "action_lines")
# Which statuses each action may start from, and where it leads.
TRANSITIONS = {
    PracticeAction.SUBMIT: ({"DRAFT"}, "IN_REVIEW"),
    PracticeAction.PUBLISH: ({"DRAFT", "IN_REVIEW"}, "PUBLISHED"),
    PracticeAction.UNPUBLISH: ({"PUBLISHED"}, "DRAFT"),
    PracticeAction.ARCHIVE: ({"DRAFT", "IN_REVIEW", "PUBLISHED"}, "ARCHIVED"),
    PracticeAction.REQUEST_CHANGES: ({"IN_REVIEW"}, "DRAFT"),
    PracticeAction.RESTORE: ({"ARCHIVED"}, "DRAFT"),
}
# What partners may do to their own organisation's practices; all the rest is for staff.
PARTNER_ACTIONS = {PracticeAction.SUBMIT}
PARTNER_EDITABLE = {"DRAFT"}
# Words for the messages people read (the actions themselves stay English in the API).
VERBS = {
    PracticeAction.SUBMIT: "submit for review",
    PracticeAction.PUBLISH: "publish",
    PracticeAction.UNPUBLISH: "unpublish",
    PracticeAction.ARCHIVE: "archive",
    PracticeAction.REQUEST_CHANGES: "request changes to",
    PracticeAction.RESTORE: "restore",
}
SLUG_BASE_LENGTH = 80
STAFF_AUTHOR = "Redactie Eén tegen eenzaamheid"


@dataclass
class Current:
    status: str
    revision: int
    organisation: str | None
    fields: dict[str, Any]
    links: dict[str, list[Any]]


async def load(tx: AsyncManagedTransaction, viewer: Viewer, practice_id: str) -> Current:
    """Lock the practice, then read it as it is; NOT_FOUND also when the caller may not
    even see it (so a hidden draft and a missing one look alike)."""
    locked = await (await tx.run(cypher.LOCK, id=practice_id)).single()
    if locked is None:
        raise refuse(ErrorCode.NOT_FOUND, "No such practice.", "id")
    row = await (await tx.run(cypher.CURRENT, id=practice_id)).single(strict=True)
    status, org = row["status"], row["organisation"]
    if not (viewer.is_staff or status == "PUBLISHED" or (org and viewer.is_partner_of(org))):
        raise refuse(ErrorCode.NOT_FOUND, "No such practice.", "id")
    return Current(status, row["revision"], org, row["fields"], {k: row[k] for k in LINKS})


def is_owner(viewer: Viewer, now: Current) -> bool:
    return bool(now.organisation and viewer.is_partner_of(now.organisation))


def check_revision(now: Current, base_revision: int | None) -> None:
    """A stale (or future) base revision is a CONFLICT: the caller edited another text."""
    if base_revision is not None and base_revision != now.revision:
        raise refuse(
            ErrorCode.CONFLICT,
            f"The practice changed since revision {base_revision}; it is at revision "
            f"{now.revision}. Reload it and apply your change again.",
            "baseRevision",
        )


async def check_tags(tx: AsyncManagedTransaction, links: dict[str, Any], org: str) -> None:
    await check_known(
        tx,
        links.get("themes"),
        links.get("target_groups"),
        links.get("municipalities"),
        [org] if org else [],
        organisation_field="organisationId",
    )


async def account_person(tx: AsyncManagedTransaction, viewer: Viewer) -> str | None:
    """The caller as a Person (made on first use), or None for a token without subject."""
    if not viewer.subject:
        return None
    params = {
        "subject": viewer.subject,
        "name": viewer.name,
        "staff_name": STAFF_AUTHOR,
        "organisation": viewer.organisation_id if not viewer.is_staff else None,
    }
    found = await (await tx.run(cypher.FIND_ACCOUNT_PERSON, params)).single()
    if found and found["works"] and viewer.name in (None, found["name"]):
        return str(found["id"])
    row = await (await tx.run(cypher.ACCOUNT_PERSON, params)).single(strict=True)
    return str(row["id"])


async def _check_authors(tx: AsyncManagedTransaction, practice_id: str, authors: list[str]) -> None:
    row = await (await tx.run(cypher.UNKNOWN_AUTHORS, id=practice_id, authors=authors)).single(
        strict=True
    )
    if row["unknown"]:
        raise refuse(
            ErrorCode.VALIDATION,
            "Authors must be people of the practice's organisation; not of it: "
            + ", ".join(f"Person:{a}" for a in row["unknown"][:5])
            + ".",
            "authorIds",
        )


async def create(
    tx: AsyncManagedTransaction,
    viewer: Viewer,
    org: str,
    fields: dict[str, Any],
    links: dict[str, list[Any]],
    authors: list[str] | None = None,
) -> str:
    if not (viewer.is_staff or viewer.is_partner_of(org)):
        raise refuse(
            ErrorCode.FORBIDDEN, "You may only propose practices for your own organisation."
        )
    await check_tags(tx, links, org)
    practice_id = str(uuid.uuid4())
    # Always a suffix from the new id: a slug that depended on which slugs are taken would
    # tell a partner that someone else's hidden draft has the same title.
    base = slugify(fields["title"])[:SLUG_BASE_LENGTH].rstrip("-") or "praktijk"
    slug = f"{base}-{practice_id[:6]}"
    await (
        await tx.run(cypher.CREATE, id=practice_id, slug=slug, organisation=org, fields=fields)
    ).consume()
    for name in LINKS:
        await _replace_links(tx, practice_id, name, links.get(name) or [])
    if authors:
        await _check_authors(tx, practice_id, authors)
    creator = await account_person(tx, viewer)
    everyone = ([creator] if creator else []) + [a for a in authors or [] if a != creator]
    if everyone:
        await (await tx.run(cypher.FIRST_AUTHORS, id=practice_id, authors=everyone)).consume()
    changes = {k: {"to": v} for k, v in {**fields, **links}.items() if v not in (None, [])}
    if everyone:
        changes["authors"] = {"added": _person_ids(sorted(everyone)), "removed": []}
    await revise(tx, viewer, practice_id, PracticeAction.CREATE, changes, searchable=False)
    return practice_id


async def update(
    tx: AsyncManagedTransaction,
    viewer: Viewer,
    practice_id: str,
    base_revision: int,
    fields: dict[str, Any],
    links: dict[str, list[Any] | None],
    authors: list[str] | None = None,
) -> str:
    now = await load(tx, viewer, practice_id)
    if not (viewer.is_staff or is_owner(viewer, now)):
        raise refuse(ErrorCode.FORBIDDEN, "You may not change this practice.")
    if not viewer.is_staff and now.status not in PARTNER_EDITABLE:
        raise refuse(
            ErrorCode.FORBIDDEN,
            f"The practice is {now.status}: only staff change it now. Partners edit drafts; "
            "staff send a practice in review back with a request for changes.",
            "id",
        )
    check_revision(now, base_revision)
    given_links = {k: v for k, v in links.items() if v is not None}
    await check_tags(tx, given_links, now.organisation or "")
    changes: dict[str, Any] = {
        k: {"from": now.fields.get(k), "to": v} for k, v in fields.items() if now.fields.get(k) != v
    }
    for name, values in given_links.items():
        before, after = set(now.links[name]), set(values)
        if before != after:
            changes[name] = {"added": sorted(after - before), "removed": sorted(before - after)}
    if authors is not None:
        await _check_authors(tx, practice_id, authors)
        before_authors = set(await _author_ids(tx, practice_id))
        if before_authors != set(authors):
            changes["authors"] = {
                "added": _person_ids(sorted(set(authors) - before_authors)),
                "removed": _person_ids(sorted(before_authors - set(authors))),
            }
    if not changes:
        return practice_id  # nothing to do: no revision, no outbox entry
    await (await tx.run(cypher.UPDATE_FIELDS, id=practice_id, fields=fields)).consume()
    # A published practice moving its municipalities or themes moves what it counts in.
    moves = now.status == "PUBLISHED" and bool(PRACTICE_LINKS & changes.keys())
    if moves:
        await _contribute(tx, practice_id, -1)
    for name, values in given_links.items():
        if name in changes:
            await _replace_links(tx, practice_id, name, values)
    if moves:
        await _contribute(tx, practice_id, 1)
    if "authors" in changes:
        await (await tx.run(cypher.SET_AUTHORS, id=practice_id, authors=authors)).consume()
    await revise(
        tx,
        viewer,
        practice_id,
        PracticeAction.UPDATE,
        changes,
        searchable=now.status == "PUBLISHED",
    )
    return practice_id


async def transition(
    tx: AsyncManagedTransaction,
    viewer: Viewer,
    practice_id: str,
    action: PracticeAction,
    base_revision: int | None = None,
    comment: str | None = None,
) -> str:
    """Moves the practice to the action's status; `base_revision`, when given, makes sure
    the text the caller reviewed is the text that is published (or sent back)."""
    now = await load(tx, viewer, practice_id)
    allowed_from, target = TRANSITIONS[action]
    if not (viewer.is_staff or (is_owner(viewer, now) and action in PARTNER_ACTIONS)):
        raise refuse(ErrorCode.FORBIDDEN, f"Only staff may {VERBS[action]} practices.")
    if now.status not in allowed_from:
        raise refuse(
            ErrorCode.CONFLICT,
            f"Cannot {VERBS[action]} a practice that is {now.status}; it must be "
            f"{' or '.join(sorted(allowed_from))}.",
            "id",
        )
    check_revision(now, base_revision)
    changes: dict[str, Any] = {"status": {"from": now.status, "to": target}}
    if comment is not None:
        # Before the move, so the comment names the status and revision it is about.
        await add_comment(tx, viewer, practice_id, comment)
        changes["reviewComments"] = {"added": [comment]}
    await (await tx.run(cypher.TRANSITION, id=practice_id, status=target)).consume()
    if (now.status == "PUBLISHED") != (target == "PUBLISHED"):
        await _contribute(tx, practice_id, 1 if target == "PUBLISHED" else -1)
    await revise(
        tx, viewer, practice_id, action, changes, searchable="PUBLISHED" in (now.status, target)
    )
    return practice_id


async def comment_on(
    tx: AsyncManagedTransaction, viewer: Viewer, practice_id: str, comment: str
) -> str:
    """Adds to the review thread (staff and the owning partner); no new revision."""
    now = await load(tx, viewer, practice_id)
    if not (viewer.is_staff or is_owner(viewer, now)):
        raise refuse(
            ErrorCode.FORBIDDEN, "Only staff and the practice's organisation discuss its review."
        )
    await add_comment(tx, viewer, practice_id, comment)
    return practice_id


async def add_comment(
    tx: AsyncManagedTransaction, viewer: Viewer, practice_id: str, comment: str
) -> None:
    person = await account_person(tx, viewer)
    await (
        await tx.run(
            cypher.COMMENT,
            id=practice_id,
            person=person,
            by=viewer.actor,
            body=comment,
            role=viewer.role.value,
        )
    ).consume()


def _person_ids(keys: list[str]) -> list[str]:
    # Revisions name people by global ID, as `authorIds` takes them.
    return [f"Person:{key}" for key in keys]


async def _contribute(tx: AsyncManagedTransaction, practice_id: str, delta: int) -> None:
    """Adds or takes the published practice's share of the maintained aggregates; the
    practice's lock is held (load), the nodes counted in are locked as they are updated."""
    await (await tx.run(PRACTICE_CONTRIBUTION, id=practice_id, delta=delta)).consume()


async def _author_ids(tx: AsyncManagedTransaction, practice_id: str) -> list[str]:
    result = await tx.run(cypher.AUTHORS, id=practice_id)
    return [record["id"] async for record in result]


async def _replace_links(
    tx: AsyncManagedTransaction, practice_id: str, name: str, values: list[Any]
) -> None:
    await (await tx.run(cypher.REPLACE_LINKS[name], id=practice_id, values=values)).consume()
