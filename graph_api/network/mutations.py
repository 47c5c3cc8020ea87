"""Mutations that keep the network current. Thin: validate, call `upkeep`, shape payloads."""

from __future__ import annotations

import datetime as dt
from typing import Any

import strawberry
from strawberry import UNSET
from strawberry.types import Info

from graph_api.graphql import mutate
from graph_api.graphql.errors import InvalidIdError
from graph_api.graphql.mapping import sized
from graph_api.graphql.mutation_errors import (
    MutationError,
    MutationRefused,
    failed,
    key_of,
)
from graph_api.graphql.relay import decode_id
from graph_api.graphql.scalars import Date
from graph_api.network import upkeep
from graph_api.network.enums import MemberRole, Participation
from graph_api.network.filters import MUNICIPALITY_CODE
from graph_api.network.inputs import (
    CreateCoalitionInput,
    CreateOrganisationInput,
    UpdateCoalitionInput,
    UpdateOrganisationInput,
)
from graph_api.network.types import Coalition, Municipality, Organisation
from graph_api.text import name_key
from graph_api.validation import Checker

ORGANISATION_NODE = ("Organisation", "Organisation", "id")
COALITION_NODE = ("Coalition", "Coalition", "id")
MUNICIPALITY_NODE = ("Municipality", "Municipality", "code")
ORGANISATION = mutate.Target("OrganisationPayload", "organisation", ORGANISATION_NODE)
COALITION = mutate.Target("CoalitionPayload", "coalition", COALITION_NODE)
MUNICIPALITY = mutate.Target("MunicipalityPayload", "municipality", MUNICIPALITY_NODE)
# The programme began in 2018 (the first municipality joined that September).
FIRST_JOINING = dt.date(2018, 1, 1)


@strawberry.type(description="The result of an organisation mutation.")
class OrganisationPayload:
    organisation: Organisation | None
    errors: list[MutationError] = sized(5)


@strawberry.type(description="The result of a coalition or membership mutation.")
class CoalitionPayload:
    coalition: Coalition | None
    errors: list[MutationError] = sized(5)


@strawberry.type(description="The result of a municipality mutation.")
class MunicipalityPayload:
    municipality: Municipality | None
    errors: list[MutationError] = sized(5)


def _organisation_create(data: CreateOrganisationInput) -> tuple[dict[str, Any], dict[str, Any]]:
    check = Checker()
    name = check.text("name", data.name, True)
    fields: dict[str, Any] = {
        "name": name,
        "nameKey": name_key(name) if name else None,
        "description": check.text("description", data.description, False),
        "website": check.url("website", data.website),
        "kind": data.kind.value,
        "scope": data.scope.value,
    }
    check.count("themes", data.themes)
    check.count("targetGroups", data.target_groups)
    _check_home(check, data.home_municipality)
    parent = _parent(check, data.branch_of) if data.branch_of is not None else None
    check.raise_if_any()
    links: dict[str, Any] = {
        "themes": data.themes,
        "target_groups": data.target_groups,
        "home": data.home_municipality,
    }
    if parent is not None:
        links["branch_of"] = parent
    return {k: v for k, v in fields.items() if v is not None}, links


def _name_and_description(
    check: Checker, data: UpdateOrganisationInput | UpdateCoalitionInput, fields: dict[str, Any]
) -> None:
    """The two fields organisations and coalitions update alike: a name may not be cleared
    (its accent-free key follows it), a description may."""
    if data.name is not UNSET:
        check.not_null("name", data.name)
        name = check.text("name", data.name, True) if data.name is not None else None
        if name is not None:
            fields.update(name=name, nameKey=name_key(name))
    if data.description is not UNSET:
        fields["description"] = check.text("description", data.description, False)


def _organisation_update(data: UpdateOrganisationInput) -> tuple[dict[str, Any], dict[str, Any]]:
    """The properties and links given (left out: not in the dicts; a None value clears)."""
    check = Checker()
    fields: dict[str, Any] = {}
    links: dict[str, Any] = {}
    _name_and_description(check, data, fields)
    if data.website is not UNSET:
        fields["website"] = check.url("website", data.website)
    for attr, field in (("kind", "kind"), ("scope", "scope")):
        value = getattr(data, attr)
        if value is not UNSET:
            check.not_null(field, value)
            fields[field] = value.value if value is not None else None
    for attr, field in (("themes", "themes"), ("target_groups", "targetGroups")):
        values = getattr(data, attr)
        if values is not UNSET:
            check.not_null(field, values)
            check.count(field, values)
            links[attr] = values
    if data.home_municipality is not UNSET:
        check.not_null("homeMunicipality", data.home_municipality)
        _check_home(check, data.home_municipality)
        links["home"] = data.home_municipality
    if data.branch_of is not UNSET:
        links["branch_of"] = _parent(check, data.branch_of) if data.branch_of is not None else None
    check.raise_if_any()
    return fields, links


def _check_home(check: Checker, home: str | None) -> None:
    if home is not None and not MUNICIPALITY_CODE.match(home):
        check.add("homeMunicipality", f"{home[:20]!r} is not a municipality code (GM0363).")


def _parent(check: Checker, branch_of: strawberry.ID) -> str | None:
    try:
        return decode_id(branch_of, "Organisation")[1]
    except InvalidIdError as exc:
        check.add("branchOf", exc.message)
        return None


def _membership_ids(coalition_id: strawberry.ID, organisation_id: strawberry.ID) -> tuple[str, str]:
    return (
        key_of(coalition_id, "Coalition", "coalitionId"),
        key_of(organisation_id, "Organisation", "organisationId"),
    )


def _partner_ids(organisation_id: strawberry.ID, partner_id: strawberry.ID) -> tuple[str, str]:
    return (
        key_of(organisation_id, "Organisation", "organisationId"),
        key_of(partner_id, "Organisation", "partnerId"),
    )


@strawberry.type
class NetworkMutation:
    @strawberry.mutation(description="Add an organisation to the network (admins).")
    async def create_organisation(
        self, info: Info, input: CreateOrganisationInput
    ) -> OrganisationPayload:
        try:
            fields, links = _organisation_create(input)
        except MutationRefused as exc:
            return failed(exc, "organisation")
        return await mutate.run_for_viewer(
            info,
            ORGANISATION,
            lambda tx, viewer: upkeep.create_organisation(tx, viewer, fields, links),
        )

    @strawberry.mutation(description="Change an organisation (admins; partners their own).")
    async def update_organisation(
        self, info: Info, id: strawberry.ID, input: UpdateOrganisationInput
    ) -> OrganisationPayload:
        try:
            key = key_of(id, "Organisation", "id")
            fields, links = _organisation_update(input)
        except MutationRefused as exc:
            return failed(exc, "organisation")
        return await mutate.run_for_viewer(
            info,
            ORGANISATION,
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
        return await mutate.run_for_viewer(
            info,
            ORGANISATION,
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
        return await mutate.run_for_viewer(
            info,
            ORGANISATION,
            lambda tx, viewer: upkeep.partnership(tx, viewer, a, b, None, add=False),
        )

    @strawberry.mutation(description="Start a local coalition (admins).")
    async def create_coalition(self, info: Info, input: CreateCoalitionInput) -> CoalitionPayload:
        try:
            fields, links = _coalition_create(input)
        except MutationRefused as exc:
            return failed(exc, "coalition")
        return await mutate.run_for_viewer(
            info,
            COALITION,
            lambda tx, viewer: upkeep.save_coalition(tx, viewer, None, fields, links),
        )

    @strawberry.mutation(description="Change a coalition (admins).")
    async def update_coalition(
        self, info: Info, id: strawberry.ID, input: UpdateCoalitionInput
    ) -> CoalitionPayload:
        try:
            key = key_of(id, "Coalition", "id")
            fields, links = _coalition_update(input)
        except MutationRefused as exc:
            return failed(exc, "coalition")
        return await mutate.run_for_viewer(
            info,
            COALITION,
            lambda tx, viewer: upkeep.save_coalition(tx, viewer, key, fields, links),
        )

    @strawberry.mutation(
        description="Record whether a municipality joined the programme (admins); "
        "`joinedOn` only for JOINED. Joining and having a local coalition are separate facts: "
        "covering a municipality does not make it joined."
    )
    async def set_participation(
        self,
        info: Info,
        municipality_code: str,
        participation: Participation,
        joined_on: Date | None = None,
    ) -> MunicipalityPayload:
        check = Checker()
        if not MUNICIPALITY_CODE.match(municipality_code):
            check.add("municipalityCode", f"{municipality_code[:20]!r} is not a municipality code.")
        on = _date(joined_on) if joined_on is not None else None
        if on is not None and participation is not Participation.JOINED:
            check.add("joinedOn", "A join date goes with JOINED only.")
        if on is not None and not FIRST_JOINING <= on <= dt.date.today():
            check.add("joinedOn", f"Between {FIRST_JOINING.isoformat()} and today.")
        try:
            check.raise_if_any()
        except MutationRefused as exc:
            return failed(exc, "municipality")
        return await mutate.run_for_viewer(
            info,
            MUNICIPALITY,
            lambda tx, viewer: upkeep.set_participation(
                tx, viewer, municipality_code, participation.value, on
            ),
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
        return await mutate.run_for_viewer(
            info,
            COALITION,
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
        return await mutate.run_for_viewer(
            info,
            COALITION,
            lambda tx, viewer: upkeep.membership(tx, viewer, coalition, org, None, None),
        )


def _coalition_create(data: CreateCoalitionInput) -> tuple[dict[str, Any], upkeep.CoalitionLinks]:
    check = Checker()
    name = check.text("name", data.name, True)
    fields = {
        "name": name,
        "nameKey": name_key(name) if name else None,
        "description": check.text("description", data.description, False),
        "planPeriod": check.text("planPeriod", data.plan_period, False),
        "startedOn": _date(data.started_on) if data.started_on is not None else None,
        "website": check.url("website", data.website) if data.website is not None else None,
    }
    _check_codes(check, data.municipalities)
    if not data.municipalities:
        check.add("municipalities", "A local coalition covers at least one municipality.")
    check.count("focusThemes", data.focus_themes)
    check.raise_if_any()
    links = upkeep.CoalitionLinks(data.municipalities, data.focus_themes)
    return {k: v for k, v in fields.items() if v is not None}, links


def _coalition_update(data: UpdateCoalitionInput) -> tuple[dict[str, Any], upkeep.CoalitionLinks]:
    """The properties given (None clears one) and the links given (None: left as they are)."""
    check = Checker()
    fields: dict[str, Any] = {}
    _name_and_description(check, data, fields)
    if data.plan_period is not UNSET:
        fields["planPeriod"] = check.text("planPeriod", data.plan_period, False)
    if data.started_on is not UNSET:
        fields["startedOn"] = _date(data.started_on) if data.started_on is not None else None
    if data.website is not UNSET:
        fields["website"] = check.url("website", data.website)
    links = upkeep.CoalitionLinks()
    if data.municipalities is not UNSET:
        check.not_null("municipalities", data.municipalities)
        _check_codes(check, data.municipalities)
        links.municipalities = data.municipalities
    if data.focus_themes is not UNSET:
        check.not_null("focusThemes", data.focus_themes)
        check.count("focusThemes", data.focus_themes)
        links.focus_themes = data.focus_themes
    check.raise_if_any()
    return fields, links


def _check_codes(check: Checker, codes: list[str] | None) -> None:
    check.count("municipalities", codes)
    for code in codes or []:
        if not MUNICIPALITY_CODE.match(code):
            check.add("municipalities", f"{code[:20]!r} is not a municipality code (GM0363).")


def _date(value: str) -> Any:
    return dt.date.fromisoformat(value)
