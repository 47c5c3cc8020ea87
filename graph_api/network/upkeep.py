"""Upkeep of the network: organisations (admins; partners their own profile), partnerships
(admins; partners their own), coalitions and memberships (admins). Each function runs inside
the caller's write transaction and raises `MutationRefused` to roll it back."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from typing import Any, LiteralString

from neo4j import AsyncManagedTransaction

from graph_api.auth.viewer import Viewer
from graph_api.db.outbox import record
from graph_api.graphql.mutation_errors import ErrorCode, MutationRefused, refuse
from graph_api.network import write_cypher as q
from graph_api.network.known import check_known
from graph_api.partners.aggregates import (
    ORGANISATION_CONTRIBUTION,
    ORGANISATION_COPIES,
    ORGANISATION_PROFILE,
)
from graph_api.text import slugify

# `nameKey` is derived from the name (accent-free, for sorting and matching), not typed.
PARTNER_FIELDS = {"name", "nameKey", "description", "website", "themes", "target_groups"}


async def _run(tx: AsyncManagedTransaction, cypher: LiteralString, **params: Any) -> Any:
    return await (await tx.run(cypher, params)).single()


async def _exec(tx: AsyncManagedTransaction, cypher: LiteralString, **params: Any) -> None:
    await (await tx.run(cypher, params)).consume()


async def _lock_organisations(tx: AsyncManagedTransaction, *ids: str) -> set[str]:
    """Takes the write locks of these organisations; returns those that exist."""
    row = await _run(tx, q.LOCK_ORGANISATIONS, ids=sorted(set(ids)))
    return set(row["locked"]) if row else set()


async def _organisation(
    tx: AsyncManagedTransaction, org_id: str, links: dict[str, Any]
) -> list[str]:
    """Locks the organisation, then reads its published practices (their documents show its
    name); NOT_FOUND. A new branch link changes the degree of the old and the new parent too:
    all of them are locked at once, in id order, so two such writes cannot wait on each other."""
    ids = [org_id]
    if "branch_of" in links:
        row = await _run(tx, q.PARENT, id=org_id)
        ids += [p for p in (links["branch_of"], row and row["parent"]) if p]
    await _lock_organisations(tx, *ids)
    row = await _run(tx, q.ORGANISATION, id=org_id)
    if row is None:
        raise refuse(ErrorCode.NOT_FOUND, "No such organisation.", "id")
    return list(row["practices"])


def _moves_theme_counts(fields: dict[str, Any], links: dict[str, Any]) -> bool:
    return "scope" in fields or links.get("themes") is not None


async def _theme_counts(tx: AsyncManagedTransaction, org_id: str, delta: int) -> None:
    """Adds the organisation to (1) or takes it from (-1) its themes' per-scope counts."""
    await _exec(tx, ORGANISATION_CONTRIBUTION, id=org_id, delta=delta)


async def _copies(tx: AsyncManagedTransaction, org_id: str) -> None:
    """The organisation's name and id onto its themes and memberships (`RelOrder`)."""
    for statement in ORGANISATION_COPIES:
        await _exec(tx, statement, id=org_id)


# The links an organisation's profile (`ORGANISATION_PROFILE`) is read from.
_PROFILE_LINKS = ("themes", "target_groups", "home")


async def _links(tx: AsyncManagedTransaction, org_id: str, links: dict[str, Any]) -> None:
    if links.get("themes") is not None:
        await _exec(tx, q.SET_THEMES, id=org_id, values=links["themes"])
    if links.get("target_groups") is not None:
        await _exec(tx, q.SET_TARGET_GROUPS, id=org_id, values=links["target_groups"])
    if links.get("home") is not None:
        await _exec(tx, q.SET_HOME, id=org_id, code=links["home"])
    if "branch_of" in links:
        # Given as None: no longer a branch.
        if links["branch_of"] is None:
            await _exec(tx, q.CLEAR_BRANCH_OF, id=org_id)
        else:
            await _exec(tx, q.SET_BRANCH_OF, id=org_id, parent=links["branch_of"])
    if any(links.get(name) is not None for name in _PROFILE_LINKS):
        await _exec(tx, ORGANISATION_PROFILE, id=org_id)


async def create_organisation(
    tx: AsyncManagedTransaction, viewer: Viewer, fields: dict[str, Any], links: dict[str, Any]
) -> str:
    if not viewer.is_admin:
        raise refuse(ErrorCode.FORBIDDEN, "Only admins create organisations.")
    await check_known(
        tx,
        links.get("themes"),
        links.get("target_groups"),
        [links["home"]],
        [links["branch_of"]] if links.get("branch_of") else [],
    )
    org_id = f"{slugify(fields['name'])[:40]}-{uuid.uuid4().hex[:8]}"
    await _exec(tx, q.CREATE_ORGANISATION, id=org_id, fields=fields)
    await _links(tx, org_id, links)
    await _theme_counts(tx, org_id, 1)
    await _copies(tx, org_id)
    await record(tx, "organisation", [org_id])
    return org_id


async def update_organisation(
    tx: AsyncManagedTransaction,
    viewer: Viewer,
    org_id: str,
    fields: dict[str, Any],
    links: dict[str, Any],
) -> str:
    practices = await _organisation(tx, org_id, links)
    given = set(fields) | set(links)
    if not viewer.is_admin:
        if not viewer.is_partner_of(org_id):
            raise refuse(ErrorCode.FORBIDDEN, "You may only edit your own organisation.")
        if given - PARTNER_FIELDS:
            raise refuse(
                ErrorCode.FORBIDDEN,
                f"Only admins change {', '.join(sorted(given - PARTNER_FIELDS))}.",
            )
    home = links.get("home")
    parent = links.get("branch_of")
    if parent == org_id:
        raise refuse(ErrorCode.VALIDATION, "An organisation cannot be its own branch.", "branchOf")
    await check_known(
        tx,
        links.get("themes"),
        links.get("target_groups"),
        [home] if home else [],
        [parent] if parent else [],
    )
    moves = _moves_theme_counts(fields, links)
    if moves:
        await _theme_counts(tx, org_id, -1)
    if fields:
        await _exec(tx, q.UPDATE_ORGANISATION, id=org_id, fields=fields)
    await _links(tx, org_id, links)
    if moves:
        await _theme_counts(tx, org_id, 1)
    if moves or "name" in fields:
        await _copies(tx, org_id)
    await record(tx, "organisation", [org_id])
    if "name" in fields and practices:
        await record(tx, "practice", practices)
    return org_id


async def partnership(
    tx: AsyncManagedTransaction, viewer: Viewer, a: str, b: str, since: str | None, add: bool
) -> str:
    if not (viewer.is_admin or viewer.is_partner_of(a) or viewer.is_partner_of(b)):
        raise refuse(ErrorCode.FORBIDDEN, "You may only manage your own partnerships.")
    if a == b:
        raise refuse(
            ErrorCode.VALIDATION, "An organisation cannot partner with itself.", "partnerId"
        )
    # Both ends locked: two callers adding the same pair (either way round) cannot both
    # find it missing.
    if len(await _lock_organisations(tx, a, b)) < 2:
        raise refuse(ErrorCode.NOT_FOUND, "No such organisation.", "organisationId")
    row = await _run(tx, q.PARTNERSHIP, a=a, b=b)
    if row is None:
        raise refuse(ErrorCode.NOT_FOUND, "No such organisation.", "organisationId")
    if add:
        if row["exists"]:
            raise refuse(ErrorCode.CONFLICT, "They are partners already.", "partnerId")
        await _exec(tx, q.ADD_PARTNERSHIP, a=a, b=b, since=since)
    else:
        if not row["exists"]:
            raise refuse(ErrorCode.NOT_FOUND, "They are not partners.", "partnerId")
        await _exec(tx, q.REMOVE_PARTNERSHIP, a=a, b=b)
    return a


async def _cover(tx: AsyncManagedTransaction, coalition_id: str, codes: list[str]) -> None:
    # The coalition is locked already; now the municipalities it covers and is to cover, so
    # two coalitions cannot both find a municipality free and both cover it.
    await _exec(tx, q.LOCK_MUNICIPALITIES, id=coalition_id, codes=codes)
    taken = await _run(tx, q.COVERED_ELSEWHERE, id=coalition_id, codes=codes)
    if taken and taken["taken"]:
        raise refuse(
            ErrorCode.CONFLICT,
            f"Already covered by another local coalition: {taken['taken'][:5]}.",
            "municipalities",
        )
    await _exec(tx, q.UNCOVER, id=coalition_id, codes=codes)
    await _exec(tx, q.COVER, id=coalition_id, codes=codes)


@dataclass
class CoalitionLinks:
    """What a coalition write links it to; None leaves that list as it is."""

    municipalities: list[str] | None = None
    focus_themes: list[str] | None = None


async def save_coalition(
    tx: AsyncManagedTransaction,
    viewer: Viewer,
    coalition_id: str | None,
    fields: dict[str, Any],
    links: CoalitionLinks,
) -> str:
    if not viewer.is_admin:
        raise refuse(ErrorCode.FORBIDDEN, "Only admins manage coalitions.")
    municipalities = links.municipalities
    try:
        await check_known(tx, themes=links.focus_themes, municipalities=municipalities)
    except MutationRefused as exc:
        for problem in exc.problems:  # the shared check names the organisation's field
            if problem.field == "themes":
                problem.field = "focusThemes"
        raise
    if coalition_id is None:
        coalition_id = f"{slugify(fields['name'])[:40]}-{uuid.uuid4().hex[:8]}"
        await _exec(tx, q.CREATE_COALITION, id=coalition_id, fields=fields)
    else:
        await _run(tx, q.LOCK_COALITION, id=coalition_id)
        row = await _run(tx, q.COALITION, id=coalition_id)
        if row is None:
            raise refuse(ErrorCode.NOT_FOUND, "No such coalition.", "id")
        if row["kind"] == "NATIONAL" and municipalities is not None:
            raise refuse(ErrorCode.VALIDATION, "The national coalition covers no municipalities.")
        await _exec(tx, q.UPDATE_COALITION, id=coalition_id, fields=fields)
    if municipalities is not None:
        await _cover(tx, coalition_id, municipalities)
    if links.focus_themes is not None:
        await _exec(tx, q.REPLACE_FOCUS, id=coalition_id, slugs=links.focus_themes)
    return coalition_id


async def set_participation(
    tx: AsyncManagedTransaction,
    viewer: Viewer,
    code: str,
    participation: str,
    joined_on: dt.date | None,
) -> str:
    if not viewer.is_admin:
        raise refuse(ErrorCode.FORBIDDEN, "Only admins record whether a municipality joined.")
    joined_in = joined_on.isoformat() if joined_on else None
    row = await _run(
        tx,
        q.SET_PARTICIPATION,
        code=code,
        participation=participation,
        joinedOn=joined_on,
        joinedIn=joined_in,
    )
    if row is None:
        raise refuse(ErrorCode.NOT_FOUND, "No such municipality.", "municipalityCode")
    return code


async def membership(
    tx: AsyncManagedTransaction,
    viewer: Viewer,
    coalition_id: str,
    org_id: str,
    role: str | None,
    since: str | None,
) -> str:
    """Sets (role given) or removes (role None) a membership."""
    if not viewer.is_admin:
        raise refuse(ErrorCode.FORBIDDEN, "Only admins manage memberships.")
    # Locked before the lead is read: of two callers making different organisations LEAD,
    # the second sees the first's lead. The organisation first (the lock order of
    # partners.aggregates): what the coalition's figures count over it then cannot change.
    await _lock_organisations(tx, org_id)
    await _run(tx, q.LOCK_COALITION, id=coalition_id)
    row = await _run(tx, q.MEMBERSHIP, coalition=coalition_id, organisation=org_id)
    if row is None:
        raise refuse(ErrorCode.NOT_FOUND, "No such coalition.", "coalitionId")
    await check_known(tx, organisations=[org_id])
    if role is None:
        removed = await _run(tx, q.REMOVE_MEMBERSHIP, coalition=coalition_id, organisation=org_id)
        if not removed or not removed["removed"]:
            raise refuse(ErrorCode.NOT_FOUND, "It is not a member.", "organisationId")
        return coalition_id
    if role == "LEAD" and row["lead"] not in (None, org_id):
        raise refuse(
            ErrorCode.CONFLICT,
            "The coalition has a lead already; make it CORE or MEMBER first.",
            "role",
        )
    await _exec(
        tx,
        q.UPDATE_MEMBERSHIP if row["member"] else q.ADD_MEMBERSHIP,
        coalition=coalition_id,
        organisation=org_id,
        role=role,
        since=since,
    )
    return coalition_id
