"""Facts about the seeded graph, read with plain Cypher, to check partner finding against.

They are read independently of the API's statements: whole relationship lists, with the
joins, counting and ranking done in Python.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

import pytest

# Neo4j's point.distance uses this earth radius for WGS84 points.
EARTH_RADIUS_KM = 6378.14


def haversine_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(h))


@dataclass
class Org:
    id: str
    name: str
    kind: str
    home: str | None
    themes: set[str] = field(default_factory=set)
    groups: set[str] = field(default_factory=set)
    coalitions: set[str] = field(default_factory=set)
    partners: set[str] = field(default_factory=set)
    family: set[str] = field(default_factory=set)  # BRANCH_OF either way


@dataclass
class Place:
    code: str
    name: str
    province: str
    joined: bool
    location: tuple[float, float]


@dataclass
class Graph:
    orgs: dict[str, Org]
    places: dict[str, Place]
    # Undirected adjacency over MEMBER_OF, PARTNERS_WITH and BRANCH_OF, nodes as global IDs.
    adjacency: dict[str, set[str]]
    members: dict[str, set[str]]  # coalition id -> organisation ids
    roles: dict[tuple[str, str], str] = field(default_factory=dict)  # (org, coalition) -> role
    coalition_names: dict[str, str] = field(default_factory=dict)

    def km(self, a: str, b: str) -> float:
        return haversine_km(self.places[a].location, self.places[b].location)


@pytest.fixture(scope="session")
def graph(run_cypher: Any) -> Graph:
    places = {
        r["code"]: Place(r["code"], r["name"], r["province"], r["joined"], (r["lat"], r["lon"]))
        for r in run_cypher(
            """MATCH (m:Municipality)-[:IN_PROVINCE]->(p:Province)
               RETURN m.code AS code, m.name AS name, p.code AS province,
                      m.participation = 'JOINED' AS joined,
                      m.location.latitude AS lat, m.location.longitude AS lon"""
        )
    }
    orgs = {
        r["id"]: Org(r["id"], r["name"], r["kind"], r["home"])
        for r in run_cypher(
            """MATCH (o:Organisation) OPTIONAL MATCH (o)-[:BASED_IN]->(m:Municipality)
               RETURN o.id AS id, o.name AS name, o.kind AS kind, m.code AS home"""
        )
    }
    for r in run_cypher(
        "MATCH (o:Organisation)-[:WORKS_ON]->(t:Theme) RETURN o.id AS o, t.slug AS t"
    ):
        orgs[r["o"]].themes.add(r["t"])
    for r in run_cypher(
        "MATCH (o:Organisation)-[:SERVES]->(g:TargetGroup) RETURN o.id AS o, g.slug AS g"
    ):
        orgs[r["o"]].groups.add(r["g"])
    adjacency: dict[str, set[str]] = defaultdict(set)
    members: dict[str, set[str]] = defaultdict(set)
    roles: dict[tuple[str, str], str] = {}
    coalition_names: dict[str, str] = {}
    for r in run_cypher(
        """MATCH (o:Organisation)-[r:MEMBER_OF]->(c:Coalition)
           RETURN o.id AS o, c.id AS c, r.role AS role, c.name AS name"""
    ):
        roles[(r["o"], r["c"])] = r["role"]
        coalition_names[r["c"]] = r["name"]
        orgs[r["o"]].coalitions.add(r["c"])
        members[r["c"]].add(r["o"])
        adjacency["Organisation:" + r["o"]].add("Coalition:" + r["c"])
        adjacency["Coalition:" + r["c"]].add("Organisation:" + r["o"])
    for kind in ("PARTNERS_WITH", "BRANCH_OF"):
        rows = run_cypher(
            f"MATCH (a:Organisation)-[:{kind}]->(b:Organisation) RETURN a.id AS a, b.id AS b"
        )
        for r in rows:
            linked = orgs[r["a"]].partners if kind == "PARTNERS_WITH" else orgs[r["a"]].family
            linked.add(r["b"])
            (orgs[r["b"]].partners if kind == "PARTNERS_WITH" else orgs[r["b"]].family).add(r["a"])
            adjacency["Organisation:" + r["a"]].add("Organisation:" + r["b"])
            adjacency["Organisation:" + r["b"]].add("Organisation:" + r["a"])
    return Graph(orgs, places, dict(adjacency), dict(members), roles, coalition_names)
