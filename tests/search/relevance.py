"""Scoring search against the judged queries in relevance_nl.toml: recall@10 and nDCG@10
(binary relevance), per query and averaged. The judgement is computed from the graph by the
rule in the file's header; the engines' answers never enter it."""

from __future__ import annotations

import math
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

SET = Path(__file__).with_name("relevance_nl.toml")
K = 10

_PRACTICES = """
MATCH (p:Practice {status: 'PUBLISHED'})
WHERE ($anyTopic OR any(f IN $titles WHERE toLower(p.title) CONTAINS f)
       OR EXISTS { MATCH (p)-[:TARGETS]->(g:TargetGroup) WHERE g.slug IN $groups }
       OR EXISTS { MATCH (p)-[:ADDRESSES]->(t:Theme) WHERE t.slug IN $themes }
       OR any(f IN $text WHERE toLower(p.title + ' ' + p.summary + ' ' + p.body) CONTAINS f))
  AND ($anyPlace OR EXISTS {
        MATCH (p)-[:APPLIED_IN]->(m:Municipality)-[:IN_PROVINCE]->(v:Province)
        WHERE m.code IN $municipalities OR v.code IN $provinces })
RETURN p.id AS id
"""
_ORGANISATIONS = """
MATCH (o:Organisation)
WHERE ($anyTopic OR o.kind IN $kinds OR any(f IN $names WHERE toLower(o.name) CONTAINS f)
       OR EXISTS { MATCH (o)-[:SERVES]->(g:TargetGroup) WHERE g.slug IN $groups }
       OR EXISTS { MATCH (o)-[:WORKS_ON]->(t:Theme) WHERE t.slug IN $themes })
  AND ($anyPlace OR EXISTS {
        MATCH (o)-[:BASED_IN]->(m:Municipality)-[:IN_PROVINCE]->(v:Province)
        WHERE m.code IN $municipalities OR v.code IN $provinces })
RETURN o.id AS id
"""

PRACTICE_SEARCH = """query($q: String!) {
  searchPractices(query: $q, first: 10) { source edges { node { id } } } }"""
ORGANISATION_SEARCH = """query($q: String!) {
  searchOrganisations(query: $q, first: 10) { source edges { node { id } } } }"""


@dataclass(frozen=True)
class Judged:
    q: str
    index: str  # "practices" or "organisations"
    relevant: frozenset[str]

    @property
    def name(self) -> str:
        return f"{self.index}:{self.q}"


@dataclass
class Score:
    per_query: dict[str, tuple[float, float]] = field(default_factory=dict)

    @property
    def recall(self) -> float:
        return sum(r for r, _ in self.per_query.values()) / len(self.per_query)

    @property
    def ndcg(self) -> float:
        return sum(n for _, n in self.per_query.values()) / len(self.per_query)


def load(path: Path = SET) -> tuple[dict[str, list[str]], list[dict[str, Any]]]:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    return data["concepts"], data["query"]


def judge(run_cypher: Callable[..., list[dict[str, Any]]], path: Path = SET) -> list[Judged]:
    concepts, queries = load(path)
    judged = []
    for item in queries:
        index = item.get("index", "practices")
        titles = [t for c in item.get("concepts", []) for t in concepts[c]]
        topic = {
            "titles": titles,
            "groups": item.get("target_groups", []),
            "themes": item.get("themes", []),
            "text": item.get("text", []),
            "kinds": item.get("kinds", []),
            "names": item.get("names", []),
        }
        place = {
            "municipalities": item.get("municipalities", []),
            "provinces": item.get("provinces", []),
        }
        params = {
            **topic,
            **place,
            "anyTopic": not any(topic.values()),
            "anyPlace": not any(place.values()),
        }
        cypher = _PRACTICES if index == "practices" else _ORGANISATIONS
        ids = frozenset(r["id"] for r in run_cypher(cypher, **params))
        judged.append(Judged(item["q"], index, ids))
    return judged


def ranked(gql: Any, judged: Judged, source: str) -> list[str]:
    """The top K ids the API answers, checking which engine answered."""
    document = PRACTICE_SEARCH if judged.index == "practices" else ORGANISATION_SEARCH
    data = next(iter(gql.ok(document, {"q": judged.q}).values()))
    assert data["source"] == source
    return [edge["node"]["id"].split(":", 1)[1] for edge in data["edges"]][:K]


def score_one(found: list[str], relevant: frozenset[str]) -> tuple[float, float]:
    if not relevant:
        return 0.0, 0.0
    hits = [1.0 if key in relevant else 0.0 for key in found[:K]]
    ideal = min(K, len(relevant))
    recall = sum(hits) / ideal
    dcg = sum(h / math.log2(i + 2) for i, h in enumerate(hits))
    idcg = sum(1 / math.log2(i + 2) for i in range(ideal))
    return recall, dcg / idcg


def score(gql: Any, judged: list[Judged], source: str) -> Score:
    result = Score()
    for item in judged:
        result.per_query[item.name] = score_one(ranked(gql, item, source), item.relevant)
    return result
