"""Who sees which practices: unpublished ones only staff, and partners their own."""

from __future__ import annotations

from graph_api.auth.viewer import Role, Viewer
from graph_api.graphql.compiler import Compiler

REVISIONS_FOR_STAFF = "Only staff can read the revisions of a practice."


def apply(c: Compiler, viewer: Viewer) -> None:
    """Teach the compiler the viewer's limits; applied wherever a Practice is reached."""
    if viewer.is_staff:
        return
    if viewer.role is Role.PARTNER and viewer.organisation_id:
        own = c.param(viewer.organisation_id)
        c.visibility["Practice"] = (
            "({m}.status = 'PUBLISHED' OR "
            f"EXISTS {{ MATCH ({{m}})-[:BY]->(vo:Organisation) WHERE vo.id = {own} }})"
        )
        # The review thread is between staff and the practice's own organisation.
        c.visibility["ReviewComment"] = (
            f"EXISTS {{ MATCH ({{m}})-[:ABOUT]->(:Practice)-[:BY]->(vo:Organisation) "
            f"WHERE vo.id = {own} }}"
        )
    else:
        c.visibility["Practice"] = "{m}.status = 'PUBLISHED'"
        c.visibility["ReviewComment"] = "false"
    c.forbidden[("Practice", "revisions")] = REVISIONS_FOR_STAFF
