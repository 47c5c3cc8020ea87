"""GraphQL types of practices. Plain fields, filled by the compiled Cypher."""

from __future__ import annotations

from enum import Enum

import strawberry

from graph_api.graphql.node import Node
from graph_api.graphql.pagination import PageInfo, edge_cursor
from graph_api.graphql.scalars import DateTime
from graph_api.network.types import ActionLine, Municipality, Organisation, TargetGroup, Theme
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


@strawberry.type(description="A staff member or contact; personal data kept to a minimum.")
class Person(Node):
    name: str
    role: str | None


@strawberry.type(description="One change to a practice: who, when, what (read by staff).")
class PracticeRevision:
    number: int
    at: DateTime
    by: str = strawberry.field(description="The subject of the token that made the change.")
    role: str
    action: str = strawberry.field(
        description="create, update, submit, publish, requestChanges, unpublish, archive or "
        "restore."
    )
    status: PracticeStatus = strawberry.field(description="The status after the change.")
    changed_fields: list[str] = strawberry.field(description="GraphQL field names.")
    changes: str = strawberry.field(description="JSON: per field, from and to (or added/removed).")


@strawberry.type(
    description="One message in the review of a practice: staff and the organisation that "
    "carries it out write them, and only they read them."
)
class ReviewComment:
    body: str
    at: DateTime
    author: Person | None = strawberry.field(description="Who wrote it, if known.")
    role: str = strawberry.field(description="The writer's role: STAFF, ADMIN or PARTNER.")
    status: PracticeStatus = strawberry.field(
        description="The status of the practice when it was written."
    )
    revision: int = strawberry.field(description="The revision it is about.")


def _body_html(self: object) -> str:
    return to_html(self["body_html"] or "")  # type: ignore[index]


@strawberry.type(description="A good practice: what was done against loneliness, and what it gave.")
class Practice(Node):
    slug: str = strawberry.field(description="Unique and stable, for URLs.")
    title: str
    summary: str
    body: str = strawberry.field(description="Markdown, as written.")
    body_html: str = strawberry.field(
        resolver=_body_html, description="The body as sanitized HTML."
    )
    links: list[str] = strawberry.field(description="Where to read more.")
    status: PracticeStatus
    results: str | None
    evidence_level: EvidenceLevel | None
    costs: str | None
    created_at: DateTime | None
    updated_at: DateTime | None
    published_at: DateTime | None
    revision: int
    is_demo: bool = strawberry.field(description="True for generated demo data.")
    organisation: Organisation | None = strawberry.field(description="Who carries it out.")
    themes: list[Theme]
    target_groups: list[TargetGroup]
    municipalities: list[Municipality] = strawberry.field(description="Where it was applied.")
    action_lines: list[ActionLine]
    authors: list[Person] = strawberry.field(
        description="Who wrote it: the person who created it, and people of the organisation."
    )
    revisions: list[PracticeRevision] = strawberry.field(description="Newest first; staff only.")
    review_comments: list[ReviewComment] = strawberry.field(
        description="The review thread, oldest first; empty for everyone but staff and the "
        "practice's own organisation."
    )


def _cursor(self: object) -> str:
    return edge_cursor(self)


@strawberry.type
class PracticeEdge:
    node: Practice
    cursor: str = strawberry.field(resolver=_cursor)


@strawberry.type
class PracticeConnection:
    edges: list[PracticeEdge]
    page_info: PageInfo
    total_count: int = strawberry.field(description="Computed only when selected.")
