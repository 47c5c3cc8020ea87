"""The seeded graph: the real data as it is, the demo data as promised, and idempotence."""

from __future__ import annotations

import csv
from typing import Any

from neo4j import Driver

from graph_api.partners.aggregates import mismatches
from graph_api.seeding import graph_counts, seed
from graph_api.settings import Settings

FINGERPRINT = """
CALL { MATCH (n) RETURN count(n) AS nodes,
       sum(size(keys(n))) AS props, collect(DISTINCT labels(n)[0]) AS labels }
CALL { MATCH ()-[r]->() RETURN count(r) AS rels, collect(DISTINCT type(r)) AS types }
CALL { MATCH (p:Practice) RETURN collect(p.slug + '|' + p.title + '|' + p.status) AS practices }
CALL { MATCH (o:Organisation)-[m:MEMBER_OF]->(c) RETURN
       collect(o.id + '>' + c.id + ':' + m.role + '@' + toString(m.since)) AS memberships }
RETURN nodes, props, labels, rels, types, practices, memberships
"""


def _fingerprint(run_cypher: Any) -> dict[str, Any]:
    row = run_cypher(FINGERPRINT)[0]
    for key in ("labels", "types", "practices", "memberships"):
        row[key] = sorted(row[key])
    return dict(row)


def test_reference_data_is_loaded_as_it_is(run_cypher: Any, settings: Settings) -> None:
    with (settings.seed_dir / "gemeenten.csv").open(encoding="utf-8") as fh:
        rows = {r["code"]: r for r in csv.DictReader(fh)}
    graph = run_cypher("""MATCH (m:Municipality)-[:IN_PROVINCE]->(p:Province)
                          RETURN m.code AS code, m.name AS name, p.name AS province,
                                 m.location.latitude AS lat, m.location.longitude AS lon""")
    assert len(graph) == len(rows) == 342
    for m in graph:
        source = rows[m["code"]]
        assert (m["name"], m["province"]) == (source["name"], source["province"])
        assert abs(m["lat"] - float(source["lat"])) < 1e-9
        assert abs(m["lon"] - float(source["lon"])) < 1e-9
    assert run_cypher("MATCH (p:Province) RETURN count(p) AS n")[0]["n"] == 12


def test_sourced_data_is_real_and_the_rest_is_marked_demo(run_cypher: Any) -> None:
    real = run_cypher("""MATCH (o:Organisation) WHERE NOT coalesce(o.demo, false)
                         RETURN collect(o.name) AS names""")[0]["names"]
    assert {"Movisie", "Omroep MAX", "ONS welzijn"} <= set(real)
    evidence = run_cypher("""MATCH (m:Municipality {code: 'GM1892'})
                             RETURN m.participation AS p, m.evidenceUrl AS url""")[0]
    assert evidence["p"] == "JOINED" and evidence["url"].startswith("https://")
    counts = run_cypher("""MATCH (o:Organisation) WITH count(o) AS orgs
                           MATCH (p:Practice {demo: true}) WITH orgs, count(p) AS practices,
                                 sum(CASE WHEN p.status = 'PUBLISHED' THEN 1 ELSE 0 END) AS pub
                           RETURN orgs, practices, pub""")[0]
    assert 1800 <= counts["orgs"] <= 2300
    assert 500 <= counts["practices"] <= 700
    assert counts["practices"] * 0.6 < counts["pub"] < counts["practices"]
    kinds = run_cypher("MATCH (o:Organisation) RETURN count(DISTINCT o.kind) AS n")[0]["n"]
    assert kinds == 13


def test_seeding_twice_changes_nothing(neo4j: Driver, settings: Settings, run_cypher: Any) -> None:
    # Other tests write to the graph; seeding once more first makes the comparison fair.
    seed(neo4j, settings.neo4j_database, settings.seed_dir, scale=1, progress=False)
    before = _fingerprint(run_cypher)
    seed(neo4j, settings.neo4j_database, settings.seed_dir, scale=1, progress=False)
    assert _fingerprint(run_cypher) == before


def test_graph_counts_match_a_full_scan(neo4j: Driver, settings: Settings, run_cypher: Any) -> None:
    # graph_counts reads the count store label by label; a label or type missing from the
    # vocabulary (graph_names) would silently drop out of it.
    labels = run_cypher("MATCH (n) UNWIND labels(n) AS name RETURN name, count(*) AS count")
    types = run_cypher("MATCH ()-[r]->() RETURN type(r) AS name, count(*) AS count")
    scanned = {r["name"]: r["count"] for r in [*labels, *types]}
    assert len(scanned) > 20
    assert graph_counts(neo4j, settings.neo4j_database) == scanned


def test_the_seeded_graph_holds_its_aggregates(neo4j: Driver, settings: Settings) -> None:
    # `graph-api test` seeded the empty graph, which creates rather than merges and leaves
    # the relationships' copies to its own writes (`recompute(copies=False)`); every write
    # since keeps the aggregates, so none differs from a recomputation.
    assert mismatches(neo4j, settings.neo4j_database) == []
