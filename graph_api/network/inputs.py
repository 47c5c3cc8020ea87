"""Inputs of the network's upkeep mutations: one to create (what is required is non-null,
so GraphQL validation refuses it missing) and one to update each kind of node.

Updates follow the usual GraphQL convention: a field left out (`UNSET`) stays as it is, an
explicit null clears it where the thing can do without (a description, a website); null for
a field that cannot be empty is a VALIDATION error naming the field.
"""

from __future__ import annotations

import strawberry

from graph_api.graphql.scalars import Date
from graph_api.network.enums import OrganisationKind, Scope


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
    "themes and target groups of their own; admins anything. A field left out stays as it "
    "is; null clears description, website or branchOf and is refused for the others."
)
class UpdateOrganisationInput:
    name: str | None = strawberry.UNSET
    description: str | None = strawberry.UNSET
    website: str | None = strawberry.UNSET
    themes: list[str] | None = strawberry.field(
        default=strawberry.UNSET, description="Theme slugs, replacing the list."
    )
    target_groups: list[str] | None = strawberry.field(
        default=strawberry.UNSET, description="Target group slugs, replacing the list."
    )
    kind: OrganisationKind | None = strawberry.UNSET
    scope: Scope | None = strawberry.UNSET
    home_municipality: str | None = strawberry.field(
        default=strawberry.UNSET, description="Code of where it is based."
    )
    branch_of: strawberry.ID | None = strawberry.field(
        default=strawberry.UNSET,
        description="The national partner it is a local branch of.",
    )


@strawberry.input(description="A new local coalition (admins).")
class CreateCoalitionInput:
    name: str
    municipalities: list[str] = strawberry.field(
        description="Codes of the municipalities it covers; at least one."
    )
    description: str | None = None
    started_on: Date | None = None
    plan_period: str | None = None
    website: str | None = None
    focus_themes: list[str] | None = strawberry.field(
        default=None, description="Theme slugs of its speerpunten (focus themes)."
    )


@strawberry.input(
    description="Changes to a coalition (admins). A field left out stays as it is; null "
    "clears description, startedOn, planPeriod or website and is refused for the others."
)
class UpdateCoalitionInput:
    name: str | None = strawberry.UNSET
    description: str | None = strawberry.UNSET
    started_on: Date | None = strawberry.UNSET
    plan_period: str | None = strawberry.UNSET
    website: str | None = strawberry.UNSET
    focus_themes: list[str] | None = strawberry.field(
        default=strawberry.UNSET,
        description="Theme slugs of its speerpunten (focus themes), replacing the list.",
    )
    municipalities: list[str] | None = strawberry.field(
        default=strawberry.UNSET,
        description="Codes of the municipalities it covers, replacing the list (local "
        "coalitions only).",
    )
