"""Fixtures for search: indexes in step with the graph, writes with outbox entries, an
indexer to drain them, and control over the local Meilisearch."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from neo4j import Driver, ManagedTransaction, ResultSummary
from starlette.testclient import TestClient

from graph_api.app import create_app
from graph_api.search import outbox
from graph_api.search.check import search_differences
from graph_api.search.client import client
from graph_api.search.index_settings import ensure_indexes
from graph_api.search.indexer import OutboxIndexer
from graph_api.search.reindex import reindex_all
from graph_api.servers import meilisearch_server
from graph_api.servers.process import free_port
from graph_api.settings import Settings
from tests.conftest import GraphQL, recompute_after

Write = Callable[..., None]


@pytest.fixture(scope="session")
def indexer(neo4j: Driver, settings: Settings) -> Iterator[OutboxIndexer]:
    work = OutboxIndexer(neo4j, settings)
    yield work
    work.close()


@pytest.fixture(scope="session", autouse=True)
def in_step(neo4j: Driver, settings: Settings, indexer: OutboxIndexer) -> None:
    """Start from indexes equal to the graph, however the servers were prepared."""
    ensure_indexes(settings)
    indexer.drain()
    if search_differences(neo4j, settings):
        reindex_all(neo4j, settings, progress=False)


@pytest.fixture(scope="session")
def write(neo4j: Driver, settings: Settings) -> Write:
    """Run a change and record its outbox entries in one transaction, as mutations do."""

    def run(cypher: str, entity: outbox.Entity, keys: list[str], **params: Any) -> None:
        def work(tx: ManagedTransaction) -> ResultSummary:
            summary = tx.run(cypher, params).consume()
            outbox.record_sync(tx, entity, keys)
            return summary

        with neo4j.session(database=settings.neo4j_database) as session:
            summary = session.execute_write(work)
        recompute_after(neo4j, settings, summary)

    return run


_SNAPSHOT = """
MATCH (p:Practice {id: $id})
RETURN p.status AS status, p.title AS title, p.publishedAt AS publishedAt,
       p.revision AS revision
"""
_RESTORE = """
MATCH (p:Practice {id: $id})
SET p.status = $status, p.title = $title, p.publishedAt = $publishedAt, p.revision = $revision
"""


@pytest.fixture
def keep_practices(
    neo4j: Driver, settings: Settings, write: Write, indexer: OutboxIndexer
) -> Iterator[Callable[[str], None]]:
    """`keep(id)` before changing a practice: it is put back (and re-indexed) afterwards."""
    kept: dict[str, dict[str, Any]] = {}

    def keep(practice_id: str) -> None:
        if practice_id not in kept:
            records, _, _ = neo4j.execute_query(
                _SNAPSHOT, id=practice_id, database_=settings.neo4j_database
            )
            kept[practice_id] = records[0].data()

    yield keep
    for practice_id, props in kept.items():
        write(_RESTORE, "practice", [practice_id], id=practice_id, **props)
    indexer.drain()


@pytest.fixture
def meilisearch(settings: Settings) -> Iterator[Any]:
    """The local Meilisearch server module; it runs again after the test whatever happens."""
    if not settings.manages_meilisearch:
        pytest.skip("MEILI_URL points at a server these tests cannot stop")
    yield meilisearch_server
    meilisearch_server.start(settings)
    assert client(settings).is_healthy()


def published(run_cypher: Any, where: str = "true", **params: Any) -> set[str]:
    """Ids of published practices matching a Cypher condition over `p`."""
    rows = run_cypher(
        f"MATCH (p:Practice {{status: 'PUBLISHED'}}) WHERE {where} RETURN p.id AS id", **params
    )
    return {r["id"] for r in rows}


def _client(settings: Settings, **update: Any) -> TestClient:
    # No rate limit: comparisons read every page of every case.
    app = create_app(settings.model_copy(update={"rate_limit_per_minute": 0, **update}), False)
    return TestClient(app, raise_server_exceptions=False)


@pytest.fixture(scope="module")
def engines(settings: Settings, indexer: OutboxIndexer) -> Iterator[tuple[GraphQL, GraphQL]]:
    """(Meilisearch, graph fallback), over indexes in step with the graph: the fallback is
    reached as in production, by an app whose Meilisearch address nobody listens on."""
    indexer.drain()
    dead = f"http://127.0.0.1:{free_port()}"
    with _client(settings) as up, _client(settings, meili_url=dead) as down:
        yield GraphQL(up), GraphQL(down)
