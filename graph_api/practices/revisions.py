"""Revisions: every change to a practice keeps one, numbered by the practice's revision."""

from __future__ import annotations

from typing import Any

from neo4j import AsyncManagedTransaction

from graph_api.auth.viewer import Viewer
from graph_api.db.outbox import record
from graph_api.practices import cypher
from graph_api.practices.changes import encode
from graph_api.practices.enums import PracticeAction

# The workflow works with graph names; revisions speak the API's (GraphQL) field names.
GRAPHQL_NAMES = {"target_groups": "targetGroups", "action_lines": "actionLines"}


def graphql_changes(changes: dict[str, Any]) -> dict[str, Any]:
    return {GRAPHQL_NAMES.get(k, k): v for k, v in changes.items()}


async def revise(
    tx: AsyncManagedTransaction,
    viewer: Viewer,
    practice_id: str,
    action: PracticeAction,
    changes: dict[str, Any],
    searchable: bool,
) -> None:
    """Keeps the revision the change made (the caller has already bumped the practice's
    revision under its lock) and, when the practice is or was published (`searchable`),
    tells the search indexer. Drafts never reach the index, so changes that keep a practice
    unpublished give the indexer nothing to do; leaving them out halves its work when
    editors create and publish."""
    named = graphql_changes(changes)
    await (
        await tx.run(
            cypher.REVISION,
            id=practice_id,
            by=viewer.actor,
            role=viewer.role.value,
            action=action.value,
            changed=sorted(named),
            changes=encode(named),
        )
    ).consume()
    if searchable:
        await record(tx, "practice", [practice_id])
