"""The Cypher the compiler writes, per document, compared with reviewed snapshot files.

In the manner of neo4j/graphql's TCK: no database; the statement and its parameters are
recorded where they would be sent. A change in a snapshot is a change in what runs against
Neo4j: read the diff before accepting it with `UPDATE_SNAPSHOTS=1 pytest <this file>`.
"""

from __future__ import annotations

import asyncio
import json
import os
from pathlib import Path
from typing import Any

import pytest

from graph_api.auth.viewer import PUBLIC, Role, Viewer
from graph_api.db.driver import RoundTrips
from graph_api.graphql.context import Context
from graph_api.graphql.relay import encode_cursor
from graph_api.schema import build_schema
from graph_api.settings import Settings

SNAPSHOTS = Path(__file__).parent / "snapshots"
PARTNER = Viewer(Role.PARTNER, organisation_id="org-0001", subject="partner-1")

DOCUMENTS: dict[str, tuple[str, dict[str, Any], Viewer]] = {
    "organisation_page": (
        """query($id: ID!) { organisation(id: $id) {
             id name kind isDemo homeMunicipality { name province { code } }
             themes { slug } coalitions { role since coalition { name kind } }
             partners(first: 5) { totalCount edges { since node { name } } }
           } }""",
        {"id": "Organisation:org-0001"},
        PUBLIC,
    ),
    "coalition_members_by_role": (
        """{ nationalCoalition { name
             members(first: 10, role: LEAD, sort: JOINED) {
               edges { role since cursor node { name } } pageInfo { hasNextPage endCursor }
             } } }""",
        {},
        PUBLIC,
    ),
    "filtered_list_with_count": (
        """{ organisations(first: 50,
               filter: {themes: ["digitale-inclusie"], provinces: ["PV30"]}) {
             totalCount edges { node { name themes { name } homeMunicipality { name } } }
           } }""",
        {},
        PUBLIC,
    ),
    "count_only": ("{ practices { totalCount } }", {}, PUBLIC),
    "nodes_shortcut": ("{ coalitions(first: 3) { nodes { name } } }", {}, PUBLIC),
    "backward_page": (
        """query($before: String) { municipalities(last: 4, before: $before, sort: JOINED_ON) {
             edges { node { code } } pageInfo { hasPreviousPage startCursor } } }""",
        {"before": encode_cursor(["JOINED_ON", "2021-01-01", "GM0363"])},
        PUBLIC,
    ),
    "forward_after_descending": (
        """query($after: String) {
             practices(first: 2, after: $after) { edges { node { title } } } }""",
        {"after": encode_cursor(["NEWEST", "2024-05-01T09:30:00Z", "practice-000100"])},
        PUBLIC,
    ),
    "deep_nest_with_fragments_and_aliases": (
        """fragment Org on Organisation { name themes { name } }
           { organisations(first: 2) { edges { node { ...Org
               coalitions { coalition { members(first: 3) { edges { node { ...Org } } } } }
               a: branchOf { name } b: branchOf { id }
               hidden: name @skip(if: true)
           } } } }""",
        {},
        PUBLIC,
    ),
    "node_practice_as_public": (
        """query($id: ID!) {
             node(id: $id) { id ... on Practice { title organisation { name } } } }""",
        {"id": "Practice:practice-000001"},
        PUBLIC,
    ),
    "practice_as_partner_with_review": (
        """query($id: ID!) {
             practice(id: $id) { title reviewComments { body author { name } } } }""",
        {"id": "Practice:practice-000001"},
        PARTNER,
    ),
    "nodes_by_ids": (
        """query($ids: [ID!]!) { nodes(ids: $ids) { id ... on Theme { name }
             ... on Organisation { name } ... on ActionLine { number } } }""",
        {"ids": ["Theme:digitale-inclusie", "Organisation:org-0002", "ActionLine:2"]},
        PUBLIC,
    ),
    "province_coverage": (
        "{ coverage { perProvince { code joined publishedPractices } } }",
        {},
        PUBLIC,
    ),
}


class RecordingDatabase:
    """Where the statements would go: records them and answers with no rows."""

    def __init__(self) -> None:
        self.statements: list[tuple[str, dict[str, Any]]] = []

    async def read(
        self, cypher: str, params: dict[str, Any], trips: RoundTrips | None = None
    ) -> list[dict[str, Any]]:
        self.statements.append((cypher, params))
        return []


def compiled(settings: Settings, name: str) -> str:
    query, variables, viewer = DOCUMENTS[name]
    schema = build_schema(settings)
    db = RecordingDatabase()
    context = Context(db=db, settings=settings, viewer=viewer)  # type: ignore[arg-type]
    result = asyncio.run(schema.execute(query, variable_values=variables, context_value=context))
    # With no rows back, non-null fields fail after the statement was sent; a compiler
    # error fails before, and then nothing was recorded.
    assert db.statements, f"{name}: nothing was compiled ({result.errors})"
    parts = []
    for cypher, params in db.statements:
        parts.append(cypher + "\n" + json.dumps(params, indent=2, sort_keys=True, default=str))
    return "\n\n".join(parts) + "\n"


@pytest.mark.parametrize("name", sorted(DOCUMENTS))
def test_compiled_cypher_matches_snapshot(settings: Settings, name: str) -> None:
    actual = compiled(settings, name)
    path = SNAPSHOTS / f"{name}.cypher"
    if os.environ.get("UPDATE_SNAPSHOTS") == "1":
        path.write_text(actual)
    assert path.exists(), f"no snapshot for {name}: run with UPDATE_SNAPSHOTS=1 and review it"
    assert actual == path.read_text(), f"{name}: the compiled Cypher changed"


def test_every_snapshot_has_a_document() -> None:
    assert {p.stem for p in SNAPSHOTS.glob("*.cypher")} == set(DOCUMENTS)
