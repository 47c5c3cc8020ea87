"""Mutations that keep the network current. Thin: validate, call `upkeep`, shape payloads."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import strawberry
from neo4j import AsyncManagedTransaction
from strawberry.types import Info

from graph_api.auth.viewer import Viewer
from graph_api.graphql import mutate
from graph_api.graphql.context import Context
from graph_api.graphql.errors import InvalidIdError
from graph_api.graphql.mapping import sized
from graph_api.graphql.mutation_errors import (
    ErrorCode,
    MutationError,
    MutationRefused,
    failed,
    refuse,
)
from graph_api.graphql.relay import decode_id
from graph_api.graphql.scalars import Date
from graph_api.network import upkeep
from graph_api.network.enums import MemberRole, OrganisationKind, Scope
from graph_api.network.filters import MUNICIPALITY_CODE
from graph_api.network.types import Coalition, Organisation
from graph_api.text import name_key
from graph_api.validation import Checker

ORGANISATION_NODE = ("Organisation", "Organisation", "id")
COALITION_NODE = ("Coalition", "Coalition", "id")


@strawberry.type(description="The result of an organisation mutation.")
class OrganisationPayload:
    organisation: Organisation | None
    errors: list[MutationError] = sized(5)


@strawberry.type(description="The result of a coalition or membership mutation.")
class CoalitionPayload:
    coalition: Coalition | None
    errors: list[MutationError] = sized(5)


@strawberry.input(description="A new organisation (admins).")
class CreateOrganisationInput:
    name: str
    kind: OrganisationKind
    scope: Scope
    home_municipality: str = strawberry.field(description="Code of where it is based.")
    description: str | None = None
    website: str | None = None
    themes: list[str] = strawberry.field(default_factory=list)
    target_groups: list[str] = strawberry.field(default_factory=list)
    branch_of: strawberry.ID | None = strawberry.field(
        default=None, description="The national partner it is a local branch of."
    )


@strawberry.input(
    description="Changes to an organisation; partners may change name, description, website, "
    "themes and target groups of their own; admins anything."
)
class UpdateOrganisationInput:
    name: str | None = None
    description: str | None = None
    website: str | None = None
    themes: list[str] | None = None
    target_groups: list[str] | None = None
    kind: OrganisationKind | None = None
    scope: Scope | None = None
    home_municipality: str | None = None
    branch_of: strawberry.ID | None = None


@strawberry.input(description="A local coalition (admins); fields left out stay as they are.")
class CoalitionInput:
    name: str | None = None
    description: str | None = None
    started_on: Date | None = None
    plan_period: str | None = None
    municipalities: list[str] | None = strawberry.field(
        default=None, description="Codes of the municipalities it covers."
    )


def _key(global_id: strawberry.ID, type_name: str, field: str) -> str:
    try:
        return decode_id(global_id, type_name)[1]
    except InvalidIdError as exc:
        raise refuse(ErrorCode.NOT_FOUND, exc.message, field) from exc


def _organisation_input(
    data: CreateOrganisationInput | UpdateOrganisationInput, creating: bool
) -> tuple[dict[str, Any], dict[str, Any]]:
    check = Checker()
    name = check.text("name", data.name, creating)
    fields: dict[str, Any] = {
        "name": name,
        "nameKey": name_key(name) if name else None,
        "description": check.text("description", data.description, False),
        "website": check.url("website", data.website),
        "kind": data.kind.value if data.kind else None,
        "scope": data.scope.value if data.scope else None,
    }
    check.count("themes", data.themes)
    check.count("targetGroups", data.target_groups)
    home = data.home_municipality
    if home is not None and not MUNICIPALITY_CODE.match(home):
        check.add("homeMunicipality", f"{home[:20]!r} is not a municipality code (GM0363).")
    parent = None
    if data.branch_of is not None:
        try:
            parent = decode_id(data.branch_of, "Organisation")[1]
        except InvalidIdError as exc:
            check.add("branchOf", exc.message)
    check.raise_if_any()
    links = {
        "themes": data.themes,
        "target_groups": data.target_groups,
        "home": home,
        "branch_of": parent,
    }
    # What was not given stays as it is; `links` keeps None for "not given".
    return {k: v for k, v in fields.items() if v is not None}, links


Work = Callable[[AsyncManagedTransaction, Viewer], Awaitable[str]]


async def _run(info: Info, payload: str, key: str, node: tuple[str, str, str], work: Work) -> Any:
    viewer = info.context.viewer if isinstance(info.context, Context) else None
    assert viewer is not None

    async def write(tx: AsyncManagedTransaction) -> str:
        return await work(tx, viewer)

    return await mutate.run(info, payload, key, node, write)


def _membership_ids(coalition_id: strawberry.ID, organisation_id: strawberry.ID) -> tuple[str, str]:
    return (
        _key(coalition_id, "Coalition", "coalitionId"),
        _key(organisation_id, "Organisation", "organisationId"),
    )


def _partner_ids(organisation_id: strawberry.ID, partner_id: strawberry.ID) -> tuple[str, str]:
    return (
        _key(organisation_id, "Organisation", "organisationId"),
        _key(partner_id, "Organisation", "partnerId"),
    )


@strawberry.type
class NetworkMutation:
    @strawberry.mutation(description="Add an organisation to the network (admins).")
    async def create_organisation(
        self, info: Info, input: CreateOrganisationInput
    ) -> OrganisationPayload:
        try:
            fields, links = _organisation_input(input, creating=True)
        except MutationRefused as exc:
            return failed(exc, "organisation")
        return await _run(
            info,
            "OrganisationPayload",
            "organisation",
            ORGANISATION_NODE,
            lambda tx, viewer: upkeep.create_organisation(tx, viewer, fields, links),
        )

    @strawberry.mutation(description="Change an organisation (admins; partners their own).")
    async def update_organisation(
        self, info: Info, id: strawberry.ID, input: UpdateOrganisationInput
    ) -> OrganisationPayload:
        try:
            key = _key(id, "Organisation", "id")
            fields, links = _organisation_input(input, creating=False)
        except MutationRefused as exc:
            return failed(exc, "organisation")
        return await _run(
            info,
            "OrganisationPayload",
            "organisation",
            ORGANISATION_NODE,
            lambda tx, viewer: upkeep.update_organisation(tx, viewer, key, fields, links),
        )

    @strawberry.mutation(description="Record a partnership (admins; partners their own).")
    async def add_partnership(
        self,
        info: Info,
        organisation_id: strawberry.ID,
        partner_id: strawberry.ID,
        since: Date | None = None,
    ) -> OrganisationPayload:
        try:
            a, b = _partner_ids(organisation_id, partner_id)
        except MutationRefused as exc:
            return failed(exc, "organisation")
        return await _run(
            info,
            "OrganisationPayload",
            "organisation",
            ORGANISATION_NODE,
            lambda tx, viewer: upkeep.partnership(tx, viewer, a, b, since, add=True),
        )

    @strawberry.mutation(description="End a partnership (admins; partners their own).")
    async def remove_partnership(
        self, info: Info, organisation_id: strawberry.ID, partner_id: strawberry.ID
    ) -> OrganisationPayload:
        try:
            a, b = _partner_ids(organisation_id, partner_id)
        except MutationRefused as exc:
            return failed(exc, "organisation")
        return await _run(
            info,
            "OrganisationPayload",
            "organisation",
            ORGANISATION_NODE,
            lambda tx, viewer: upkeep.partnership(tx, viewer, a, b, None, add=False),
        )

    @strawberry.mutation(description="Start a local coalition (admins).")
    async def create_coalition(self, info: Info, input: CoalitionInput) -> CoalitionPayload:
        try:
            fields = _coalition_fields(input, creating=True)
        except MutationRefused as exc:
            return failed(exc, "coalition")
        return await _run(
            info,
            "CoalitionPayload",
            "coalition",
            COALITION_NODE,
            lambda tx, viewer: upkeep.save_coalition(
                tx, viewer, None, fields, input.municipalities or []
            ),
        )

    @strawberry.mutation(description="Change a coalition (admins).")
    async def update_coalition(
        self, info: Info, id: strawberry.ID, input: CoalitionInput
    ) -> CoalitionPayload:
        try:
            key = _key(id, "Coalition", "id")
            fields = _coalition_fields(input, creating=False)
        except MutationRefused as exc:
            return failed(exc, "coalition")
        return await _run(
            info,
            "CoalitionPayload",
            "coalition",
            COALITION_NODE,
            lambda tx, viewer: upkeep.save_coalition(tx, viewer, key, fields, input.municipalities),
        )

    @strawberry.mutation(
        description="Make an organisation a member of a coalition, or change its role (admins). "
        "A coalition has one LEAD."
    )
    async def set_membership(
        self,
        info: Info,
        coalition_id: strawberry.ID,
        organisation_id: strawberry.ID,
        role: MemberRole,
        since: Date | None = None,
    ) -> CoalitionPayload:
        try:
            coalition, org = _membership_ids(coalition_id, organisation_id)
        except MutationRefused as exc:
            return failed(exc, "coalition")
        return await _run(
            info,
            "CoalitionPayload",
            "coalition",
            COALITION_NODE,
            lambda tx, viewer: upkeep.membership(tx, viewer, coalition, org, role.value, since),
        )

    @strawberry.mutation(description="End a membership (admins).")
    async def remove_membership(
        self, info: Info, coalition_id: strawberry.ID, organisation_id: strawberry.ID
    ) -> CoalitionPayload:
        try:
            coalition, org = _membership_ids(coalition_id, organisation_id)
        except MutationRefused as exc:
            return failed(exc, "coalition")
        return await _run(
            info,
            "CoalitionPayload",
            "coalition",
            COALITION_NODE,
            lambda tx, viewer: upkeep.membership(tx, viewer, coalition, org, None, None),
        )


def _coalition_fields(data: CoalitionInput, creating: bool) -> dict[str, Any]:
    check = Checker()
    name = check.text("name", data.name, creating)
    fields = {
        "name": name,
        "nameKey": name_key(name) if name else None,
        "description": check.text("description", data.description, False),
        "planPeriod": check.text("planPeriod", data.plan_period, False),
    }
    check.count("municipalities", data.municipalities)
    for code in data.municipalities or []:
        if not MUNICIPALITY_CODE.match(code):
            check.add("municipalities", f"{code[:20]!r} is not a municipality code (GM0363).")
    if creating and not data.municipalities:
        check.add("municipalities", "A local coalition covers at least one municipality.")
    check.raise_if_any()
    out = {k: v for k, v in fields.items() if v is not None}
    if data.started_on is not None:
        out["startedOn"] = _date(data.started_on)
    return out


def _date(value: str) -> Any:
    import datetime as dt

    return dt.date.fromisoformat(value)
