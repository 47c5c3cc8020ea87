"""Mutations of the editorial workflow. Thin: validate input, call the workflow, shape payload."""

from __future__ import annotations

from typing import Any

import strawberry
from neo4j import AsyncManagedTransaction
from strawberry.types import Info

from graph_api.graphql import mutate
from graph_api.graphql.context import Context
from graph_api.graphql.errors import InvalidIdError
from graph_api.graphql.mutation_errors import (
    ErrorCode,
    MutationError,
    MutationRefused,
    failed,
    refuse,
)
from graph_api.graphql.relay import decode_id
from graph_api.practices import workflow
from graph_api.practices.types import EvidenceLevel, Practice
from graph_api.validation import Checker

PRACTICE_NODE = ("Practice", "Practice", "id")


@strawberry.type(description="The result of a practice mutation: the practice, or why not.")
class PracticePayload:
    practice: Practice | None
    errors: list[MutationError]


@strawberry.input(description="A new practice; it starts as a DRAFT.")
class CreatePracticeInput:
    organisation_id: strawberry.ID | None = strawberry.field(
        default=None, description="Who carries it out; partners may leave it out (their own)."
    )
    title: str
    summary: str
    body: str = strawberry.field(description="Markdown.")
    results: str | None = None
    costs: str | None = None
    evidence_level: EvidenceLevel | None = None
    themes: list[str] = strawberry.field(description="Theme slugs; at least one.")
    target_groups: list[str] = strawberry.field(default_factory=list)
    municipalities: list[str] = strawberry.field(default_factory=list, description="Codes.")
    action_lines: list[int] = strawberry.field(default_factory=list)
    links: list[str] = strawberry.field(default_factory=list, description="http(s) URLs.")


@strawberry.input(description="Changes to a practice; fields left out stay as they are.")
class UpdatePracticeInput:
    title: str | None = None
    summary: str | None = None
    body: str | None = None
    results: str | None = None
    costs: str | None = None
    evidence_level: EvidenceLevel | None = None
    themes: list[str] | None = None
    target_groups: list[str] | None = None
    municipalities: list[str] | None = None
    action_lines: list[int] | None = None
    links: list[str] | None = None


def _checked(
    data: CreatePracticeInput | UpdatePracticeInput, creating: bool
) -> tuple[dict[str, Any], dict[str, Any]]:
    """Validated scalar fields (graph property names) and link lists, or all the problems."""
    check = Checker()
    fields: dict[str, Any] = {
        "title": check.text("title", data.title, creating),
        "summary": check.text("summary", data.summary, creating),
        "body": check.text("body", data.body, creating),
        "results": check.text("results", data.results, False),
        "costs": check.text("costs", data.costs, False),
        "evidenceLevel": data.evidence_level.value if data.evidence_level else None,
        "links": check.urls("links", data.links),
    }
    if creating and not data.themes:
        check.add("themes", "Give at least one theme.")
    for name in ("themes", "target_groups", "municipalities"):
        check.count(name, getattr(data, name))
    check.action_lines(data.action_lines)
    check.raise_if_any()
    links = {
        "themes": data.themes,
        "target_groups": data.target_groups,
        "municipalities": data.municipalities,
        "action_lines": data.action_lines,
    }
    # Fields left out (None) stay as they are; creating simply starts from nothing.
    return {k: v for k, v in fields.items() if v is not None}, links


def _practice_key(practice_id: strawberry.ID) -> str:
    try:
        return decode_id(practice_id, "Practice")[1]
    except InvalidIdError as exc:
        raise refuse(ErrorCode.NOT_FOUND, str(exc.message), "id") from exc


async def _transition(info: Info, practice_id: strawberry.ID, action: str) -> Any:
    ctx: Context = info.context
    try:
        key = _practice_key(practice_id)
    except MutationRefused as exc:
        return failed(exc, "practice")

    async def write(tx: AsyncManagedTransaction) -> str:
        return await workflow.transition(tx, ctx.viewer, key, action)

    return await mutate.run(info, "PracticePayload", "practice", PRACTICE_NODE, write)


@strawberry.type
class PracticeMutation:
    @strawberry.mutation(description="Write a new practice as a draft.")
    async def create_practice(self, info: Info, input: CreatePracticeInput) -> PracticePayload:
        ctx: Context = info.context
        try:
            fields, links = _checked(input, creating=True)
            if input.organisation_id is not None:
                org = decode_id(input.organisation_id, "Organisation")[1]
            elif ctx.viewer.organisation_id:
                org = ctx.viewer.organisation_id
            else:
                raise refuse(ErrorCode.VALIDATION, "Say which organisation.", "organisationId")
        except InvalidIdError as exc:
            return failed(refuse(ErrorCode.VALIDATION, exc.message, "organisationId"), "practice")
        except MutationRefused as exc:
            return failed(exc, "practice")

        async def write(tx: AsyncManagedTransaction) -> str:
            return await workflow.create(tx, ctx.viewer, org, fields, links)

        return await mutate.run(info, "PracticePayload", "practice", PRACTICE_NODE, write)

    @strawberry.mutation(
        description="Change a practice. `baseRevision` is the revision you edited; if the "
        "practice has moved on since, the answer is a CONFLICT and nothing changes."
    )
    async def update_practice(
        self, info: Info, id: strawberry.ID, base_revision: int, input: UpdatePracticeInput
    ) -> PracticePayload:
        ctx: Context = info.context
        try:
            key = _practice_key(id)
            fields, links = _checked(input, creating=False)
        except MutationRefused as exc:
            return failed(exc, "practice")

        async def write(tx: AsyncManagedTransaction) -> str:
            return await workflow.update(tx, ctx.viewer, key, base_revision, fields, links)

        return await mutate.run(info, "PracticePayload", "practice", PRACTICE_NODE, write)

    @strawberry.mutation(description="Hand a draft to staff for review.")
    async def submit_practice_for_review(self, info: Info, id: strawberry.ID) -> PracticePayload:
        return await _transition(info, id, "submit")

    @strawberry.mutation(description="Publish a practice (staff).")
    async def publish_practice(self, info: Info, id: strawberry.ID) -> PracticePayload:
        return await _transition(info, id, "publish")

    @strawberry.mutation(description="Take a published practice back to draft (staff).")
    async def unpublish_practice(self, info: Info, id: strawberry.ID) -> PracticePayload:
        return await _transition(info, id, "unpublish")

    @strawberry.mutation(description="Archive a practice (staff).")
    async def archive_practice(self, info: Info, id: strawberry.ID) -> PracticePayload:
        return await _transition(info, id, "archive")
