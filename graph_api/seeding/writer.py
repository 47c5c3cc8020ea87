"""Writes the rows to Neo4j: one parameterised UNWIND ... MERGE statement per batch.

Every node is merged on its unique key and every relationship between two matched nodes,
so a second run finds everything in place and changes nothing.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from typing import LiteralString, NamedTuple

from neo4j import Driver
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from graph_api.seeding.rows import Row

BATCH_SIZE = 2000
WORKERS = 2


class Step(NamedTuple):
    key: str  # name of the row list in rows.build_rows
    label: str  # shown next to the progress bar
    cypher: LiteralString
    # Batches may run concurrently: only when they lock disjoint nodes, otherwise they
    # would queue on (or deadlock over) the few shared ones, such as the themes.
    parallel: bool = False


STEPS: tuple[Step, ...] = (
    Step(
        "provinces",
        "provinces",
        "UNWIND $rows AS row MERGE (n:Province {code: row.code}) SET n += row.props",
    ),
    Step(
        "themes",
        "themes",
        "UNWIND $rows AS row MERGE (n:Theme {slug: row.slug}) SET n += row.props",
    ),
    Step(
        "target_groups",
        "target groups",
        "UNWIND $rows AS row MERGE (n:TargetGroup {slug: row.slug}) SET n += row.props",
    ),
    Step(
        "action_lines",
        "action lines",
        "UNWIND $rows AS row MERGE (n:ActionLine {number: row.number}) SET n += row.props",
    ),
    Step(
        "municipalities",
        "municipalities",
        "UNWIND $rows AS row "
        "MERGE (m:Municipality {code: row.code}) "
        "SET m += row.props, m.location = point({latitude: row.lat, longitude: row.lon}) "
        "WITH m, row MATCH (p:Province {code: row.province}) "
        "MERGE (m)-[:IN_PROVINCE]->(p)",
    ),
    Step(
        "coalitions",
        "coalitions",
        "UNWIND $rows AS row "
        "MERGE (c:Coalition {id: row.id}) SET c += row.props "
        "WITH c, row "
        "CALL (c, row) { UNWIND row.covers AS code MATCH (m:Municipality {code: code}) "
        "  MERGE (c)-[:COVERS]->(m) } "
        "CALL (c, row) { MATCH (n:Coalition {id: row.national}) "
        "  MERGE (c)-[:COUNTERPART_OF]->(n) }",
    ),
    Step(
        "organisations",
        "organisations",
        "UNWIND $rows AS row "
        "MERGE (o:Organisation {id: row.id}) SET o += row.props "
        "WITH o, row MATCH (m:Municipality {code: row.base}) "
        "MERGE (o)-[:BASED_IN]->(m) "
        "WITH o, row "
        "CALL (o, row) { UNWIND row.active AS code MATCH (m:Municipality {code: code}) "
        "  MERGE (o)-[:ACTIVE_IN]->(m) } "
        "CALL (o, row) { UNWIND row.themes AS slug MATCH (t:Theme {slug: slug}) "
        "  MERGE (o)-[:WORKS_ON]->(t) } "
        "CALL (o, row) { UNWIND row.serves AS slug MATCH (g:TargetGroup {slug: slug}) "
        "  MERGE (o)-[:SERVES]->(g) }",
    ),
    Step(
        "branch_of",
        "branches",
        "UNWIND $rows AS row "
        "MATCH (o:Organisation {id: row.id}) MATCH (p:Organisation {id: row.parent}) "
        "MERGE (o)-[:BRANCH_OF]->(p)",
    ),
    Step(
        "member_of",
        "memberships",
        "UNWIND $rows AS row "
        "MATCH (o:Organisation {id: row.id}) MATCH (c:Coalition {id: row.coalition}) "
        "MERGE (o)-[r:MEMBER_OF]->(c) SET r.role = row.role, r.since = row.since",
    ),
    Step(
        "partners_with",
        "partnerships",
        "UNWIND $rows AS row "
        "MATCH (a:Organisation {id: row.a}) MATCH (b:Organisation {id: row.b}) "
        "MERGE (a)-[r:PARTNERS_WITH]->(b) SET r.since = row.since",
    ),
    Step(
        "people",
        "people",
        "UNWIND $rows AS row "
        "MERGE (p:Person {id: row.id}) SET p += row.props "
        "WITH p, row MATCH (o:Organisation {id: row.org}) "
        "MERGE (p)-[:WORKS_FOR]->(o)",
    ),
    Step(
        "practices",
        "practices",
        "UNWIND $rows AS row "
        "MERGE (p:Practice {id: row.id}) "
        "SET p += row.props, p.createdAt = datetime(row.createdAt), "
        "  p.updatedAt = datetime(row.updatedAt), p.publishedAt = datetime(row.publishedAt) "
        "WITH p, row MATCH (o:Organisation {id: row.by}) "
        "MERGE (p)-[:BY]->(o) "
        "WITH p, row "
        "CALL (p, row) { UNWIND row.codes AS code MATCH (m:Municipality {code: code}) "
        "  MERGE (p)-[:APPLIED_IN]->(m) } "
        "CALL (p, row) { UNWIND row.themes AS slug MATCH (t:Theme {slug: slug}) "
        "  MERGE (p)-[:ADDRESSES]->(t) } "
        "CALL (p, row) { UNWIND row.targets AS slug MATCH (g:TargetGroup {slug: slug}) "
        "  MERGE (p)-[:TARGETS]->(g) } "
        "CALL (p, row) { UNWIND row.lines AS number MATCH (a:ActionLine {number: number}) "
        "  MERGE (p)-[:SUPPORTS]->(a) }",
    ),
    Step(
        "authored",
        "authorship",
        "UNWIND $rows AS row "
        "MATCH (person:Person {id: row.person}) MATCH (p:Practice {id: row.practice}) "
        "MERGE (person)-[r:AUTHORED]->(p) SET r.at = datetime(row.at)",
    ),
)


def batches(rows: Sequence[Row], size: int = BATCH_SIZE) -> Iterator[Sequence[Row]]:
    for start in range(0, len(rows), size):
        yield rows[start : start + size]


def write_all(
    driver: Driver,
    database: str,
    rows: dict[str, list[Row]],
    progress: bool,
    workers: int = WORKERS,
) -> None:
    """Run the steps in order; within a parallel step, up to `workers` batches at once.

    Two workers keep both sides busy: one thread packs the next batch (the driver's packing
    is pure Python) while Neo4j runs the previous one.
    """
    with (
        Progress(
            TextColumn("{task.description:<16}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            disable=not progress,
        ) as bar,
        ThreadPoolExecutor(max_workers=max(workers, 1)) as pool,
    ):
        tasks = {step.key: bar.add_task(step.label, total=len(rows[step.key])) for step in STEPS}

        def run(step: Step, batch: list[Row]) -> int:
            # execute_query retries transient errors (a deadlock among batches, say).
            driver.execute_query(step.cypher, rows=batch, database_=database)
            return len(batch)

        for step in STEPS:
            limit = workers if step.parallel else 1
            pending: set[Future[int]] = set()
            for batch in batches(rows[step.key]):
                if len(pending) >= limit:
                    done, pending = wait(pending, return_when=FIRST_COMPLETED)
                    for future in done:
                        bar.advance(tasks[step.key], future.result())
                pending.add(pool.submit(run, step, list(batch)))
            for future in wait(pending).done:
                bar.advance(tasks[step.key], future.result())
