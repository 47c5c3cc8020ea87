"""Mutations of the editorial workflow. Thin: validate input, call the workflow, shape payload."""

from __future__ import annotations

from typing import Annotated, Any

import strawberry
from neo4j import AsyncManagedTransaction
from strawberry import UNSET
from strawberry.types import Info

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
from graph_api.practices import workflow
from graph_api.practices.enums import PracticeAction
from graph_api.practices.types import EvidenceLevel, Practice
from graph_api.validation import Checker

PRACTICE_NODE = ("Practice", "Practice", "id")
MAX_AUTHORS = 20


@strawberry.type(description="The result of a practice mutation: the practice, or why not.")
class PracticePayload:
    practice: Practice | None
    errors: list[MutationError] = sized(5)


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
    author_ids: list[strawberry.ID] = strawberry.field(
        default_factory=list,
        description="More authors: people of the organisation. Whoever creates the practice "
        "is always recorded as an author.",
    )


@strawberry.input(
    description="Changes to a practice. A field left out stays as it is; null clears "
    "results, costs or evidenceLevel and is refused for the others; a list replaces the list."
)
class UpdatePracticeInput:
    title: str | None = UNSET
    summary: str | None = UNSET
    body: str | None = strawberry.field(default=UNSET, description="Markdown.")
    results: str | None = UNSET
    costs: str | None = UNSET
    evidence_level: EvidenceLevel | None = UNSET
    themes: list[str] | None = strawberry.field(
        default=UNSET, description="Theme slugs; at least one."
    )
    target_groups: list[str] | None = UNSET
    municipalities: list[str] | None = strawberry.field(default=UNSET, description="Codes.")
    action_lines: list[int] | None = UNSET
    links: list[str] | None = strawberry.field(default=UNSET, description="http(s) URLs.")
    author_ids: list[strawberry.ID] | None = strawberry.field(
        default=UNSET,
        description="The authors, replacing the list: people of the organisation, or "
        "authors already.",
    )


# Text fields: GraphQL name, Python attribute, whether an update may clear it.
TEXTS = (
    ("title", "title", False),
    ("summary", "summary", False),
    ("body", "body", False),
    ("results", "results", True),
    ("costs", "costs", True),
)
# Link lists: GraphQL name, Python attribute (also the workflow's name).
LISTS = (
    ("themes", "themes"),
    ("targetGroups", "target_groups"),
    ("municipalities", "municipalities"),
    ("actionLines", "action_lines"),
)


def _check_lists(check: Checker, data: CreatePracticeInput | UpdatePracticeInput) -> None:
    for name, attr in LISTS:
        values = getattr(data, attr)
        if name != "actionLines" and values is not UNSET:
            check.count(name, values)
    if data.action_lines is not UNSET:
        check.action_lines(data.action_lines)


def _create_fields(data: CreatePracticeInput) -> tuple[dict[str, Any], dict[str, Any]]:
    """Validated scalar fields (graph property names) and link lists, or all the problems."""
    check = Checker()
    fields: dict[str, Any] = {
        name: check.text(name, getattr(data, attr), not clearable)
        for name, attr, clearable in TEXTS
    }
    fields["evidenceLevel"] = data.evidence_level.value if data.evidence_level else None
    fields["links"] = check.urls("links", data.links)
    if not data.themes:
        check.add("themes", "Give at least one theme.")
    _check_lists(check, data)
    check.raise_if_any()
    links = {attr: getattr(data, attr) for _, attr in LISTS}
    # Creating starts from nothing: absent fields are simply not written.
    return {k: v for k, v in fields.items() if v is not None}, links


def _update_fields(data: UpdatePracticeInput) -> tuple[dict[str, Any], dict[str, Any]]:
    """The fields given (a None value clears one) and the link lists (None: left out)."""
    check = Checker()
    fields: dict[str, Any] = {}
    for name, attr, clearable in TEXTS:
        value = getattr(data, attr)
        if value is UNSET:
            continue
        if value is None and not clearable:
            check.not_null(name, value)
        else:
            fields[name] = check.text(name, value, not clearable)
    if data.evidence_level is not UNSET:
        level = data.evidence_level
        fields["evidenceLevel"] = level.value if level is not None else None
    if data.links is not UNSET:
        check.not_null("links", data.links)
        fields["links"] = check.urls("links", data.links)
    for name, attr in (*LISTS, ("authorIds", "author_ids")):
        check.not_null(name, getattr(data, attr))  # UNSET passes: it is not None
    if data.themes == []:
        check.add("themes", "Give at least one theme.")
    _check_lists(check, data)
    check.raise_if_any()
    links = {
        attr: None if getattr(data, attr) is UNSET else getattr(data, attr) for _, attr in LISTS
    }
    return fields, links


def _practice_key(practice_id: strawberry.ID) -> str:
    try:
        return decode_id(practice_id, "Practice")[1]
    except InvalidIdError as exc:
        raise refuse(ErrorCode.NOT_FOUND, str(exc.message), "id") from exc


def _author_keys(ids: list[strawberry.ID] | None) -> list[str] | None:
    if ids is None:
        return None
    if len(ids) > MAX_AUTHORS:
        raise refuse(ErrorCode.VALIDATION, f"At most {MAX_AUTHORS} authors.", "authorIds")
    try:
        return list(dict.fromkeys(decode_id(i, "Person")[1] for i in ids))
    except InvalidIdError as exc:
        raise refuse(ErrorCode.VALIDATION, str(exc.message), "authorIds") from exc


def _comment(text: str) -> str:
    check = Checker()
    value = check.text("comment", text, True)
    check.raise_if_any()
    return value or ""


async def _transition(
    info: Info,
    practice_id: strawberry.ID,
    action: PracticeAction,
    base_revision: int | None = None,
    comment: str | None = None,
) -> Any:
    ctx: Context = info.context
    try:
        key = _practice_key(practice_id)
        text = _comment(comment) if comment is not None else None
    except MutationRefused as exc:
        return failed(exc, "practice")

    async def write(tx: AsyncManagedTransaction) -> str:
        return await workflow.transition(tx, ctx.viewer, key, action, base_revision, text)

    return await mutate.run(info, "PracticePayload", "practice", PRACTICE_NODE, write)


BASE_REVISION = (
    "The revision you reviewed. If given and the practice has moved on since, the answer is "
    "a CONFLICT and nothing changes."
)


@strawberry.type
class PracticeMutation:
    @strawberry.mutation(description="Write a new practice as a draft.")
    async def create_practice(self, info: Info, input: CreatePracticeInput) -> PracticePayload:
        ctx: Context = info.context
        try:
            fields, links = _create_fields(input)
            authors = _author_keys(input.author_ids)
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
            return await workflow.create(tx, ctx.viewer, org, fields, links, authors)

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
            fields, links = _update_fields(input)
            authors = _author_keys(None if input.author_ids is UNSET else input.author_ids)
        except MutationRefused as exc:
            return failed(exc, "practice")

        async def write(tx: AsyncManagedTransaction) -> str:
            return await workflow.update(tx, ctx.viewer, key, base_revision, fields, links, authors)

        return await mutate.run(info, "PracticePayload", "practice", PRACTICE_NODE, write)

    @strawberry.mutation(
        description="Hand a draft to staff for review (its organisation or staff). From now "
        "on only staff change the text, until they publish it or request changes."
    )
    async def submit_practice_for_review(self, info: Info, id: strawberry.ID) -> PracticePayload:
        return await _transition(info, id, PracticeAction.SUBMIT)

    @strawberry.mutation(description="Publish a draft or a practice in review (staff).")
    async def publish_practice(
        self,
        info: Info,
        id: strawberry.ID,
        base_revision: Annotated[int | None, strawberry.argument(description=BASE_REVISION)] = None,
    ) -> PracticePayload:
        return await _transition(info, id, PracticeAction.PUBLISH, base_revision)

    @strawberry.mutation(
        description="Send a practice in review back to its organisation as a draft, with a "
        "comment saying what to change (staff). The comment joins `reviewComments`."
    )
    async def request_changes(
        self,
        info: Info,
        id: strawberry.ID,
        comment: str,
        base_revision: Annotated[int | None, strawberry.argument(description=BASE_REVISION)] = None,
    ) -> PracticePayload:
        return await _transition(info, id, PracticeAction.REQUEST_CHANGES, base_revision, comment)

    @strawberry.mutation(
        description="Add to the review thread of a practice (staff, and the organisation "
        "that carries it out). Changes nothing else."
    )
    async def comment_on_practice(
        self, info: Info, id: strawberry.ID, comment: str
    ) -> PracticePayload:
        ctx: Context = info.context
        try:
            key = _practice_key(id)
            text = _comment(comment)
        except MutationRefused as exc:
            return failed(exc, "practice")

        async def write(tx: AsyncManagedTransaction) -> str:
            return await workflow.comment_on(tx, ctx.viewer, key, text)

        return await mutate.run(info, "PracticePayload", "practice", PRACTICE_NODE, write)

    @strawberry.mutation(
        description="Take a published practice back to draft (staff); it leaves search at once."
    )
    async def unpublish_practice(self, info: Info, id: strawberry.ID) -> PracticePayload:
        return await _transition(info, id, PracticeAction.UNPUBLISH)

    @strawberry.mutation(description="Archive a practice (staff); it leaves search at once.")
    async def archive_practice(self, info: Info, id: strawberry.ID) -> PracticePayload:
        return await _transition(info, id, PracticeAction.ARCHIVE)

    @strawberry.mutation(description="Bring an archived practice back as a draft (staff).")
    async def restore_practice(self, info: Info, id: strawberry.ID) -> PracticePayload:
        return await _transition(info, id, PracticeAction.RESTORE)
