"""Enumerations of the editorial workflow; their values are the strings stored in the graph."""

from __future__ import annotations

from enum import Enum

import strawberry


@strawberry.enum(description="What a revision did to a practice.")
class PracticeAction(Enum):
    # Values are what `Revision.action` holds in the graph, so compiled reads need no mapping.
    CREATE = "create"
    UPDATE = "update"
    SUBMIT = strawberry.enum_value("submit", description="Handed to staff for review.")
    PUBLISH = "publish"
    REQUEST_CHANGES = strawberry.enum_value(
        "requestChanges", description="Sent back as a draft with a review comment."
    )
    UNPUBLISH = strawberry.enum_value("unpublish", description="Taken back to draft.")
    ARCHIVE = "archive"
    RESTORE = strawberry.enum_value("restore", description="Brought back from the archive.")
