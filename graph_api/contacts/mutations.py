"""Mutations of contacts: an organisation's public contact data and contact persons
(partners their own organisation, staff all) and erasing a person (admins). Thin: validate,
call `work`, shape payloads."""

from __future__ import annotations

from typing import Any

import strawberry
from neo4j import AsyncManagedTransaction
from strawberry import UNSET
from strawberry.types import Info

from graph_api.contacts import parse, work
from graph_api.contacts.inputs import ContactPersonInput, OrganisationContactInput
from graph_api.graphql import mutate
from graph_api.graphql.context import Context
from graph_api.graphql.errors import InvalidIdError
from graph_api.graphql.mapping import sized
from graph_api.graphql.mutation_errors import (
    MutationError,
    MutationRefused,
    failed,
    key_of,
)
from graph_api.graphql.relay import decode_id
from graph_api.network.mutations import (
    COALITION,
    ORGANISATION,
    CoalitionPayload,
    OrganisationPayload,
)
from graph_api.practices.mutations import PRACTICE_NODE, PracticePayload
from graph_api.validation import Checker

MAX_CONTACT_PERSONS = 10
PRACTICE = mutate.Target("PracticePayload", "practice", PRACTICE_NODE)


@strawberry.type(description="The result of erasing a person.")
class ErasePersonPayload:
    erased_id: strawberry.ID | None = strawberry.field(description="The ID that is gone.")
    errors: list[MutationError] = sized(5)


def organisation_contact(data: OrganisationContactInput) -> dict[str, Any]:
    """The properties given (a None value clears one)."""
    check = Checker()
    fields: dict[str, Any] = {}
    if data.email is not UNSET:
        fields["email"] = parse.email(check, "email", data.email)
    if data.phone is not UNSET:
        fields["phone"] = parse.phone(check, "phone", data.phone)
    if data.visiting_address is not UNSET:
        address = data.visiting_address
        fields["addressStreet"] = (
            check.text("street", address.street, True) if address is not None else None
        )
        fields["addressPostcode"] = (
            parse.postcode(check, "postcode", address.postcode) if address is not None else None
        )
        fields["addressPlace"] = (
            check.text("place", address.place, True) if address is not None else None
        )
    check.raise_if_any()
    return fields


def contact_persons(persons: list[ContactPersonInput]) -> list[dict[str, Any]]:
    """Each person as {"id": key or None, "props": {...}}; problems name `persons[i].field`."""
    check = Checker()
    if len(persons) > MAX_CONTACT_PERSONS:
        check.add("persons", f"At most {MAX_CONTACT_PERSONS} contact persons.")
        check.raise_if_any()
    out: list[dict[str, Any]] = []
    seen: set[str] = set()
    for i, person in enumerate(persons):
        at = f"persons[{i}]"
        inner = Checker()
        key = None
        if person.id is not None:
            try:
                key = decode_id(person.id, "Person")[1]
            except InvalidIdError:
                inner.add(f"{at}.id", "Not a Person ID.")
            if key in seen:
                inner.add(f"{at}.id", "The same person is listed twice.")
            seen.add(key or "")
        name = inner.text("name", person.name, True)
        props = {
            "name": name,
            "function": inner.text("function", person.function, False) or None,
            "email": parse.email(inner, "email", person.email),
            "phone": parse.phone(inner, "phone", person.phone),
        }
        for problem in inner.problems:
            # Checker names the bare field; here it sits inside the list.
            if problem.field and not problem.field.startswith(at):
                problem.message = problem.message.replace(
                    f"`{problem.field}`", f"`{at}.{problem.field}`"
                )
                problem.field = f"{at}.{problem.field}"
            check.problems.append(problem)
        out.append({"id": key, "props": props})
    check.raise_if_any()
    return out


def _one_person(person: ContactPersonInput) -> dict[str, Any]:
    """One contact person, checked as in a list of them; problems name `person.field`."""
    try:
        [given] = contact_persons([person])
    except MutationRefused as exc:
        for problem in exc.problems:
            if problem.field:
                problem.field = problem.field.replace("persons[0]", "person")
            problem.message = problem.message.replace("persons[0]", "person")
        raise
    return given


@strawberry.type
class ContactMutation:
    @strawberry.mutation(
        description="Set an organisation's public contact data: general e-mail, phone and "
        "visiting address (partners their own organisation, staff all)."
    )
    async def update_organisation_contact(
        self, info: Info, id: strawberry.ID, input: OrganisationContactInput
    ) -> OrganisationPayload:
        try:
            key = key_of(id, "Organisation", "id")
            fields = organisation_contact(input)
        except MutationRefused as exc:
            return failed(exc, "organisation")
        return await mutate.run_for_viewer(
            info,
            ORGANISATION,
            lambda tx, viewer: work.set_organisation_contact(tx, viewer, key, fields),
        )

    @strawberry.mutation(
        description="Replace an organisation's contact persons with these, in this order "
        "(partners their own organisation, staff all). A person with `id` is kept and "
        "updated; one left out is no longer a contact (and is deleted when nothing else "
        "refers to them)."
    )
    async def set_contact_persons(
        self, info: Info, organisation_id: strawberry.ID, persons: list[ContactPersonInput]
    ) -> OrganisationPayload:
        try:
            key = key_of(organisation_id, "Organisation", "organisationId")
            people = contact_persons(persons)
        except MutationRefused as exc:
            return failed(exc, "organisation")
        return await mutate.run_for_viewer(
            info,
            ORGANISATION,
            lambda tx, viewer: work.set_contact_persons(tx, viewer, key, people),
        )

    @strawberry.mutation(
        description="Set whom to ask about a coalition (staff, or partners of its kartrekker "
        "organisation). With `person.id` the current contact is updated; without, a new "
        "person becomes the contact; null removes the contact."
    )
    async def set_coalition_contact(
        self, info: Info, coalition_id: strawberry.ID, person: ContactPersonInput | None
    ) -> CoalitionPayload:
        try:
            key = key_of(coalition_id, "Coalition", "coalitionId")
            given = _one_person(person) if person is not None else None
        except MutationRefused as exc:
            return failed(exc, "coalition")
        return await mutate.run_for_viewer(
            info,
            COALITION,
            lambda tx, viewer: work.set_coalition_contact(tx, viewer, key, given),
        )

    @strawberry.mutation(
        description="Name a practice's contact: someone of its organisation or one of its "
        "authors (staff, or partners of its organisation); null: no contact."
    )
    async def set_practice_contact(
        self, info: Info, practice_id: strawberry.ID, person_id: strawberry.ID | None
    ) -> PracticePayload:
        try:
            key = key_of(practice_id, "Practice", "practiceId")
            person = key_of(person_id, "Person", "personId") if person_id is not None else None
        except MutationRefused as exc:
            return failed(exc, "practice")
        return await mutate.run_for_viewer(
            info,
            PRACTICE,
            lambda tx, viewer: work.set_practice_contact(tx, viewer, key, person),
        )

    @strawberry.mutation(
        description="Erase a person on request (admins): gone from contacts, authorship and "
        'review comments; revisions they made say "verwijderd" instead.'
    )
    async def erase_person(self, info: Info, id: strawberry.ID) -> ErasePersonPayload:
        # No read-back: what the payload could show is gone.
        ctx = info.context
        assert isinstance(ctx, Context)
        viewer = ctx.viewer
        try:
            key = key_of(id, "Person", "id")
        except MutationRefused as exc:
            return failed(exc, "erased_id")

        async def write(tx: AsyncManagedTransaction) -> Any:
            return await work.erase_person(tx, viewer, key)

        try:
            erased = await ctx.db.write(write)
        except MutationRefused as exc:
            return failed(exc, "erased_id")
        return {"erased_id": f"Person:{erased}", "errors": []}  # type: ignore[return-value]
