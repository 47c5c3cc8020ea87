"""GraphQL types of practices, each declaring once how it is read from the graph."""

from __future__ import annotations

from enum import Enum
from typing import TYPE_CHECKING, Any

import strawberry

from graph_api.auth.viewer import Role
from graph_api.contacts.types import Person
from graph_api.graph_names import Label, Rel
from graph_api.graphql.mapping import Sort, link, node, prop
from graph_api.graphql.node import Node
from graph_api.graphql.pagination import connection_type
from graph_api.graphql.scalars import DateTime
from graph_api.network.types import ActionLine, Municipality, Organisation, TargetGroup, Theme
from graph_api.practices import visibility
from graph_api.practices.changes import FieldChange, decode
from graph_api.practices.enums import PracticeAction
from graph_api.practices.markdown import to_html


@strawberry.enum(description="Where a practice is in the editorial workflow.")
class PracticeStatus(Enum):
    DRAFT = "DRAFT"
    IN_REVIEW = "IN_REVIEW"
    PUBLISHED = "PUBLISHED"
    ARCHIVED = "ARCHIVED"


@strawberry.enum(description="How well a practice's effect is known (after Movisie's levels).")
class EvidenceLevel(Enum):
    DESCRIBED = "DESCRIBED"
    THEORETICALLY_SOUND = "THEORETICALLY_SOUND"
    FIRST_INDICATIONS = "FIRST_INDICATIONS"
    GOOD_INDICATIONS = "GOOD_INDICATIONS"
    STRONG_INDICATIONS = "STRONG_INDICATIONS"


@strawberry.enum(description="Orders of practice lists.")
class PracticeSort(Enum):
    NEWEST = "NEWEST"
    TITLE = "TITLE"


PRACTICE_SORTS = {
    PracticeSort.NEWEST: Sort(("coalesce(toString({m}.publishedAt), '')", "{m}.id"), (True, True)),
    PracticeSort.TITLE: Sort(("{m}.title", "{m}.id"), (False, False), indexed=True),
}


def _changes(self: object) -> list[FieldChange]:
    # The graph keeps them as JSON text (properties hold no maps); typed here.
    return decode(self["changes"])  # type: ignore[index]


@node(Label.REVISION)
@strawberry.type(description="One change to a practice: who, when, what (read by staff).")
class PracticeRevision:
    number: int
    at: DateTime
    by: str = strawberry.field(
        description='The subject of the token that made the change; "verwijderd" once '
        "that person was erased."
    )
    role: Role = strawberry.field(description="The role of whoever made the change.")
    action: PracticeAction
    status: PracticeStatus = strawberry.field(description="The status after the change.")
    changed_fields: list[str] = strawberry.field(description="GraphQL field names.")
    changes: list[FieldChange] = prop(
        "{n}.changes", resolver=_changes, description="Per changed field, by field name."
    )


@node(Label.REVIEW_COMMENT, visibility=visibility.review_comments)
@strawberry.type(
    description="One message in the review of a practice: staff and the organisation that "
    "carries it out write them, and only they read them."
)
class ReviewComment:
    body: str
    at: DateTime
    author: Person | None = link(Rel.WRITTEN_BY, description="Who wrote it, if known.")
    role: Role = strawberry.field(description="The writer's role: STAFF, ADMIN or PARTNER.")
    status: PracticeStatus = strawberry.field(
        description="The status of the practice when it was written."
    )
    revision: int = strawberry.field(description="The revision it is about.")


def _body_html(self: object) -> str:
    return to_html(self["body_html"] or "")  # type: ignore[index]


@node(Label.PRACTICE, sorts=PRACTICE_SORTS, visibility=visibility.practices)
@strawberry.type(description="A good practice: what was done against loneliness, and what it gave.")
class Practice(Node):
    slug: str = strawberry.field(description="Unique and stable, for URLs.")
    title: str
    summary: str
    body: str = strawberry.field(description="Markdown, as written.")
    body_html: str = prop(
        "{n}.body", resolver=_body_html, description="The body as sanitized HTML."
    )
    links: list[str] = prop("coalesce({n}.links, [])", description="Where to read more.")
    status: PracticeStatus
    results: str | None
    evidence_level: EvidenceLevel | None
    costs: str | None
    created_at: DateTime | None
    updated_at: DateTime | None
    published_at: DateTime | None
    revision: int
    is_demo: bool = prop("coalesce({n}.demo, false)", description="True for generated demo data.")
    organisation: Organisation | None = link(Rel.BY, description="Who carries it out.")
    themes: list[Theme] = link(Rel.ADDRESSES, order="{m}.name", size=5)
    target_groups: list[TargetGroup] = link(Rel.TARGETS, order="{m}.name", size=5)
    municipalities: list[Municipality] = link(
        Rel.APPLIED_IN, order="{m}.name", size=5, description="Where it was applied."
    )
    action_lines: list[ActionLine] = link(Rel.SUPPORTS, order="{m}.number", size=3)
    authors: list[Person] = link(
        Rel.AUTHORED,
        "in",
        order="{r}.at, {m}.id",
        size=5,
        description="Who wrote it: the person who created it, and people of the organisation; "
        "empty for the public (personal data).",
    )
    contact: Person | None = link(
        Rel.CONTACT_FOR,
        "in",
        description="Whom to ask about it; null for the public (personal data).",
    )
    revisions: list[PracticeRevision] = link(
        Rel.REVISION_OF,
        "in",
        order="{m}.number DESC",
        size=20,
        guard=visibility.revisions,
        description="Newest first; staff only.",
    )
    review_comments: list[ReviewComment] = link(
        Rel.ABOUT,
        "in",
        order="{m}.at, {m}.id",
        size=20,
        description="The review thread, oldest first; empty for everyone but staff and the "
        "practice's own organisation.",
    )


if TYPE_CHECKING:  # built at run time; to a type checker it is any type
    PracticeConnection = Any
else:
    PracticeConnection = connection_type("Practice", Practice, module=__name__)
