"""Search quality on the judged Dutch queries (relevance_nl.toml): recall@10 and nDCG@10 of
Meilisearch and of the graph fallback, each above the threshold set from a measured run.

Raise a threshold when search improves; never lower one. Figures before and after the
Dutch morphology and vocabulary are in the README (Search).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from starlette.testclient import TestClient

from graph_api.app import create_app
from graph_api.search.indexer import OutboxIndexer
from graph_api.servers.process import free_port
from graph_api.settings import Settings
from tests.conftest import GraphQL
from tests.search import relevance

# Measured over the seeded data (scale 1): Meilisearch 0.937 / 0.941, the fallback
# 0.900 / 0.905 (recall@10 / nDCG@10; with the sourced seed data and the fallback's topic
# index); the thresholds leave room for the few practices other tests publish or hide
# meanwhile.
THRESHOLDS = {
    "MEILISEARCH": (0.93, 0.93),
    "GRAPH_FALLBACK": (0.89, 0.89),
}


@pytest.fixture(scope="module")
def judged(run_cypher: Any) -> list[relevance.Judged]:
    found = relevance.judge(run_cypher)
    assert len(found) >= 60
    empty = [j.name for j in found if not j.relevant]
    assert not empty, f"queries with nothing relevant in the seeded data: {empty}"
    return found


@pytest.fixture(scope="module")
def engines(settings: Settings, indexer: OutboxIndexer) -> Iterator[dict[str, GraphQL]]:
    """Meilisearch, and the fallback as production reaches it: a search that cannot connect."""
    indexer.drain()
    quiet = {"rate_limit_per_minute": 0}
    dead = {**quiet, "meili_url": f"http://127.0.0.1:{free_port()}"}
    up = TestClient(create_app(settings.model_copy(update=quiet), False))
    down = TestClient(create_app(settings.model_copy(update=dead), False))
    with up, down:
        yield {"MEILISEARCH": GraphQL(up), "GRAPH_FALLBACK": GraphQL(down)}


@pytest.mark.parametrize("source", sorted(THRESHOLDS))
def test_relevance_stays_above_its_thresholds(
    engines: dict[str, GraphQL], judged: list[relevance.Judged], source: str
) -> None:
    score = relevance.score(engines[source], judged, source)
    worst = sorted(score.per_query.items(), key=lambda kv: kv[1][1])[:8]
    report = ", ".join(f"{name} {n:.2f}" for name, (_, n) in worst)
    recall, ndcg = THRESHOLDS[source]
    print(f"{source}: recall@10 {score.recall:.3f}, nDCG@10 {score.ndcg:.3f}; lowest: {report}")
    assert score.recall >= recall, f"recall@10 {score.recall:.3f} < {recall}; lowest: {report}"
    assert score.ndcg >= ndcg, f"nDCG@10 {score.ndcg:.3f} < {ndcg}; lowest: {report}"


def test_the_scores_can_tell() -> None:
    relevant = frozenset({"a", "b"})
    assert relevance.score_one(["a", "b", "c"], relevant) == (1.0, 1.0)
    assert relevance.score_one(["c", "d"], relevant) == (0.0, 0.0)
    recall, ndcg = relevance.score_one(["c", "a"], relevant)
    assert recall == 0.5 and 0 < ndcg < 0.5
