"""GraphQL types of contacts: people (partners and staff only) and visiting addresses."""

from __future__ import annotations

import strawberry

from graph_api.contacts import visibility
from graph_api.graph_names import Label
from graph_api.graphql.mapping import node, prop
from graph_api.graphql.node import Node

PERSON_DESCRIPTION = (
    "A person: a contact of an organisation, coalition or practice, an author or a reviewer. "
    "Personal data: only partners and staff see people; for the public a person is null and "
    "a list of people is empty."
)


@node(Label.PERSON, visibility=visibility.people)
@strawberry.type(description=PERSON_DESCRIPTION)
class Person(Node):
    name: str
    function: str | None = strawberry.field(description="What they do, e.g. coördinator.")
    role: str | None = prop("{n}.function", deprecation_reason="Use `function`.")
    email: str | None
    phone: str | None = strawberry.field(description="E.164, e.g. +31201234567.")
    is_demo: bool = prop("coalesce({n}.demo, false)", description="True for generated demo data.")


@strawberry.type(description="A visiting address (public: an organisation's, not a person's).")
class Address:
    street: str | None = strawberry.field(description="Street and house number.")
    postcode: str | None = strawberry.field(description="Dutch postcode, e.g. 1012 AB.")
    place: str | None


# The address as one map from the organisation's properties, null when it has none.
ADDRESS = (
    "CASE WHEN {n}.addressStreet IS NULL AND {n}.addressPostcode IS NULL "
    "AND {n}.addressPlace IS NULL THEN null ELSE "
    "{{street: {n}.addressStreet, postcode: {n}.addressPostcode, place: {n}.addressPlace}} END"
)
