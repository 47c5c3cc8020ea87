"""Fixtures for activities: an indexer to apply outbox entries, and an activity factory."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from neo4j import Driver

from graph_api.search.index_settings import ensure_indexes
from graph_api.search.indexer import OutboxIndexer
from graph_api.settings import Settings
from tests.conftest import GraphQL, Tokens

CREATE = """mutation($i: CreateActivityInput!) { createActivity(input: $i) {
  activity { id revision status start end } errors { code field message } } }"""


@pytest.fixture(scope="session")
def indexer(neo4j: Driver, settings: Settings) -> Iterator[OutboxIndexer]:
    ensure_indexes(settings)
    work = OutboxIndexer(neo4j, settings)
    yield work
    work.close()


@pytest.fixture
def create(gql: GraphQL, tokens: Tokens) -> Callable[..., dict[str, Any]]:
    """`create(**fields)`: a new activity of the partner's organisation (made by staff)."""

    def make(token: str | None = None, **fields: Any) -> dict[str, Any]:
        data = {
            "organisationId": f"Organisation:{tokens.own_organisation}",
            "title": "Testactiviteit in de bibliotheek",
            "start": "2027-09-24T14:00:00",
            "end": "2027-09-24T16:00:00",
            "municipalityCode": "GM0363",
            "themes": ["participatie"],
            **fields,
        }
        result = gql.ok(CREATE, {"i": data}, token or tokens.staff)["createActivity"]
        return dict(result)

    return make
