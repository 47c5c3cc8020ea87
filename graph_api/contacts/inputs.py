"""Inputs of the contact mutations."""

from __future__ import annotations

import strawberry


@strawberry.input(description="A visiting address; all three parts are needed.")
class AddressInput:
    street: str = strawberry.field(description="Street and house number.")
    postcode: str = strawberry.field(description="Dutch postcode, e.g. 1012 AB.")
    place: str


@strawberry.input(
    description="An organisation's public contact data. A field left out stays as it is; "
    "null clears it."
)
class OrganisationContactInput:
    email: str | None = strawberry.field(
        default=strawberry.UNSET, description="A general address, not a person's."
    )
    phone: str | None = strawberry.field(
        default=strawberry.UNSET,
        description="A general number; Dutch without +31 is fine, stored as E.164.",
    )
    visiting_address: AddressInput | None = strawberry.UNSET


@strawberry.input(description="A contact person. With `id`, that existing contact is updated.")
class ContactPersonInput:
    id: strawberry.ID | None = None
    name: str
    function: str | None = None
    email: str | None = None
    phone: str | None = None
