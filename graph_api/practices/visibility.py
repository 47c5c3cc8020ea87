"""Who sees which practices: unpublished ones only staff, and partners their own.

Declared on the types (`@node(visibility=...)`, `link(guard=...)`); the compiler applies
the rules wherever a Practice or a review comment is reached, `node(id:)` and search too.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from graph_api.auth.viewer import Role, Viewer
from graph_api.graph_names import Label, Rel

REVISIONS_FOR_STAFF = "Only staff can read the revisions of a practice."


def _own_organisation(viewer: Viewer) -> str | None:
    return viewer.organisation_id if viewer.role is Role.PARTNER else None


def practices(viewer: Viewer, param: Callable[[Any], str]) -> str | None:
    """A condition over `{m}`: published, or (for a partner) its own organisation's."""
    if viewer.is_staff:
        return None
    own = _own_organisation(viewer)
    if own:
        return (
            "({m}.status = 'PUBLISHED' OR "
            f"EXISTS {{ MATCH ({{m}})-[:{Rel.BY}]->(vo:{Label.ORGANISATION}) "
            f"WHERE vo.id = {param(own)} }})"
        )
    return "{m}.status = 'PUBLISHED'"


def review_comments(viewer: Viewer, param: Callable[[Any], str]) -> str | None:
    """The review thread is between staff and the practice's own organisation."""
    if viewer.is_staff:
        return None
    own = _own_organisation(viewer)
    if own:
        return (
            f"EXISTS {{ MATCH ({{m}})-[:{Rel.ABOUT}]->(:{Label.PRACTICE})-[:{Rel.BY}]->"
            f"(vo:{Label.ORGANISATION}) WHERE vo.id = {param(own)} }}"
        )
    return "false"


def revisions(viewer: Viewer) -> str | None:
    return None if viewer.is_staff else REVISIONS_FOR_STAFF
