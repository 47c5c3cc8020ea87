"""Writes of contacts, each inside the caller's write transaction; `MutationRefused` rolls
it back. The organisation (or the person) is locked before anything is read that a check
relies on, as in the network's upkeep."""

from __future__ import annotations

import uuid
from typing import Any, LiteralString

from neo4j import AsyncManagedTransaction

from graph_api.auth.viewer import Viewer
from graph_api.contacts import write_cypher as q
from graph_api.graphql.mutation_errors import ErrorCode, MutationRefused, refuse
from graph_api.network import write_cypher as network
from graph_api.practices import workflow as practices

ERASED = "verwijderd"


async def _run(tx: AsyncManagedTransaction, cypher: LiteralString, **params: Any) -> Any:
    return await (await tx.run(cypher, params)).single()


async def _exec(tx: AsyncManagedTransaction, cypher: LiteralString, **params: Any) -> None:
    await (await tx.run(cypher, params)).consume()


def _may_edit(viewer: Viewer, org_id: str) -> None:
    if not (viewer.is_staff or viewer.is_partner_of(org_id)):
        raise refuse(ErrorCode.FORBIDDEN, "You may only edit your own organisation's contacts.")


async def _locked_contacts(tx: AsyncManagedTransaction, org_id: str) -> list[str]:
    await _exec(tx, network.LOCK_ORGANISATIONS, ids=[org_id])
    row = await _run(tx, q.ORGANISATION_CONTACTS, id=org_id)
    if row is None:
        raise refuse(ErrorCode.NOT_FOUND, "No such organisation.", "id")
    return list(row["contacts"])


async def set_organisation_contact(
    tx: AsyncManagedTransaction, viewer: Viewer, org_id: str, fields: dict[str, Any]
) -> str:
    _may_edit(viewer, org_id)
    await _locked_contacts(tx, org_id)
    if fields:
        await _exec(tx, q.SET_ORGANISATION_CONTACT, id=org_id, fields=fields)
    return org_id


async def set_contact_persons(
    tx: AsyncManagedTransaction, viewer: Viewer, org_id: str, people: list[dict[str, Any]]
) -> str:
    """`people`: {"id": key or None, "props": {...}} in the order given."""
    _may_edit(viewer, org_id)
    current = await _locked_contacts(tx, org_id)
    kept = [p for p in people if p["id"] is not None]
    for i, p in enumerate(people):
        if p["id"] is not None and p["id"] not in current:
            # Only the organisation's own contacts can be changed through it.
            raise refuse(
                ErrorCode.NOT_FOUND, "Not a contact of this organisation.", f"persons[{i}].id"
            )
    new = [{"id": str(uuid.uuid4()), "props": p["props"]} for p in people if p["id"] is None]
    gone = sorted(set(current) - {p["id"] for p in kept})
    if gone:
        await _exec(tx, q.DROP_CONTACTS, id=org_id, gone=gone)
    if kept:
        await _exec(tx, q.UPDATE_PEOPLE, people=kept)
    if new:
        await _exec(tx, q.CREATE_PEOPLE, id=org_id, people=new)
    return org_id


async def set_coalition_contact(
    tx: AsyncManagedTransaction, viewer: Viewer, coalition_id: str, person: dict[str, Any] | None
) -> str:
    """`person`: {"id": key or None, "props": {...}}, or None to remove the contact. Staff,
    and partners of the coalition's kartrekker (its LEAD member), may set it."""
    await _exec(tx, network.LOCK_COALITION, id=coalition_id)
    row = await _run(tx, q.COALITION_CONTACT, id=coalition_id)
    if row is None:
        raise refuse(ErrorCode.NOT_FOUND, "No such coalition.", "coalitionId")
    if not (viewer.is_staff or any(viewer.is_partner_of(o) for o in row["leads"])):
        raise refuse(
            ErrorCode.FORBIDDEN, "Only staff and the kartrekker's partners set the contact."
        )
    current = list(row["contacts"])
    if person is not None and person["id"] is not None:
        if person["id"] not in current:
            raise refuse(ErrorCode.NOT_FOUND, "Not the contact of this coalition.", "person.id")
        await _exec(tx, q.UPDATE_PEOPLE, people=[person])
        return coalition_id
    if current:
        await _exec(tx, q.DROP_COALITION_CONTACTS, id=coalition_id, gone=current)
    if person is not None:
        await _exec(
            tx,
            q.CREATE_COALITION_CONTACT,
            id=coalition_id,
            person=str(uuid.uuid4()),
            props=person["props"],
        )
    return coalition_id


async def set_practice_contact(
    tx: AsyncManagedTransaction, viewer: Viewer, practice_id: str, person_id: str | None
) -> str:
    """Staff, and partners of the practice's organisation, name its contact: someone of that
    organisation or one of its authors (None: no contact)."""
    # Locked and read as the workflow does: NOT_FOUND where the caller may not see it.
    try:
        now = await practices.load(tx, viewer, practice_id)
    except MutationRefused as exc:
        for problem in exc.problems:  # the workflow names its own argument
            if problem.field == "id":
                problem.field = "practiceId"
        raise
    if not (viewer.is_staff or practices.is_owner(viewer, now)):
        raise refuse(ErrorCode.FORBIDDEN, "Only staff and its organisation set the contact.")
    row = await _run(tx, q.PRACTICE_CONTACT, id=practice_id, person=person_id)
    if not row["eligible"]:
        raise refuse(
            ErrorCode.VALIDATION,
            "The contact must work for the practice's organisation or be one of its authors.",
            "personId",
        )
    gone = [p for p in row["contacts"] if p != person_id]
    if gone:
        await _exec(tx, q.DROP_PRACTICE_CONTACTS, id=practice_id, gone=gone)
    if person_id is not None:
        await _exec(tx, q.SET_PRACTICE_CONTACT, id=practice_id, person=person_id)
    return practice_id


async def erase_person(tx: AsyncManagedTransaction, viewer: Viewer, person_id: str) -> str:
    if not viewer.is_admin:
        raise refuse(ErrorCode.FORBIDDEN, "Only admins erase people.")
    row = await _run(tx, q.LOCK_PERSON, id=person_id)
    if row is None:
        raise refuse(ErrorCode.NOT_FOUND, "No such person.", "id")
    if row["subject"] is not None:
        await _exec(tx, q.ANONYMISE_ACCOUNT, subject=row["subject"], erased=ERASED)
    await _exec(tx, q.ANONYMISE_CHANGES, ref=f"Person:{person_id}", erased=ERASED)
    await _exec(tx, q.ERASE_PERSON, id=person_id)
    return person_id
