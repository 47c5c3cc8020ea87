"""What a root list costs the database: about the page and what the filter reaches, never the
whole label (issue 11: at 100x the data, a name-ordered, theme-filtered list with
`totalCount` read every organisation twice).

The subqueries of a compiled statement do not show in Neo4j's plan (they are expressions of
one projection), so each statement is re-run under PROFILE and its database hits are held
against the sizes that matter, read with plain Cypher.
"""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from neo4j import Driver

from graph_api.db.driver import async_driver
from graph_api.graphql.context import Context
from graph_api.schema import build_schema
from graph_api.settings import Settings
from tests.conftest import RecordingDatabase

THEME = "armoede"


def _hits(plan: dict[str, Any]) -> int:
    return int(plan.get("dbHits", 0)) + sum(_hits(c) for c in plan.get("children", []))


@pytest.fixture(scope="module")
def profiled(settings: Settings, neo4j: Driver) -> Any:
    """Runs a document through the API's schema; (its data, the db hits of its statement)."""
    schema = build_schema(settings)

    def run(document: str) -> tuple[Any, int]:
        async def go() -> tuple[Any, list[tuple[str, dict[str, Any]]]]:
            db = RecordingDatabase(async_driver(settings), settings.neo4j_database, 30.0)
            db.seen = []
            try:
                result = await schema.execute(document, context_value=Context(db, settings))
            finally:
                await db.close()
            assert not result.errors, result.errors
            return result.data, db.seen

        data, seen = asyncio.run(go())
        assert len(seen) == 1, "one statement per root field"
        cypher, params = seen[0]
        _, summary, _ = neo4j.execute_query(
            "PROFILE " + cypher, params, database_=settings.neo4j_database
        )
        assert summary.profile is not None
        return data, _hits(summary.profile)

    return run


@pytest.fixture(scope="module")
def organisations(run_cypher: Any) -> int:
    return int(run_cypher("MATCH (o:Organisation) RETURN count(o) AS n")[0]["n"])


def test_a_filtered_count_reads_what_the_filter_reaches(profiled: Any, organisations: int) -> None:
    data, hits = profiled(f'{{ organisations(filter: {{themes: ["{THEME}"]}}) {{ totalCount }} }}')
    matches = data["organisations"]["totalCount"]
    assert 0 < 3 * matches < organisations, "the theme must be a real narrowing for this test"
    # From the theme: about one relationship and one node per match. Testing every
    # organisation for the theme costs over ten hits per organisation.
    assert hits <= 3 * matches + 20, (hits, matches, organisations)


@pytest.mark.parametrize(
    "document",
    [
        "{ organisations(first: 10) { edges { node { id } } } }",
        "{ organisations(last: 10) { edges { node { id } } } }",
        "{ coalitions(first: 10) { edges { node { id } } } }",
        "{ municipalities(first: 10, sort: CODE) { edges { node { code } } } }",
        "{ municipalities(first: 10, sort: NAME) { edges { node { code } } } }",
    ],
)
def test_a_first_page_in_name_order_costs_the_page(profiled: Any, document: str) -> None:
    # In index order the read stops after 11 entries; sorting reads every node of the label
    # (342 municipalities, some 2,000 organisations and 400 coalitions at scale 1).
    _, hits = profiled(document)
    assert hits <= 40, hits


def test_a_filtered_first_page_stops_early(profiled: Any, organisations: int) -> None:
    _, hits = profiled(
        f'{{ organisations(first: 10, filter: {{themes: ["{THEME}"]}}) '
        "{ edges { node { id } } } }"
    )
    # Read in name order and tested until ten match: a fraction of the organisations.
    assert hits < organisations, (hits, organisations)
