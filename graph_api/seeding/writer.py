"""Writes the rows to Neo4j: one parameterised UNWIND ... MERGE statement per batch.

Every node is merged on its unique key and every relationship between two matched nodes,
so a second run finds everything in place and changes nothing. Into a graph without any
seeded data the bulk steps CREATE instead (`Step.statement`): nothing they write can exist
yet and the plan holds every node and link once, so a MERGE would only look for what is not
there (at scale 100 that lookup was about a sixth of the seeding time).
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from queue import Full, Queue
from typing import LiteralString, NamedTuple, cast

from neo4j import Driver
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from graph_api.graph_names import BASED_IN_ORDERS, MEMBER_OF_ORDER, WORKS_ON_ORDER
from graph_api.partners.aggregates import set_copies
from graph_api.seeding.rows import Row

BATCH_SIZE = 2000


ORG = frozenset({"Organisation"})


class Step(NamedTuple):
    key: str  # the step name in plan.Plan's chunks
    label: str  # shown next to the progress bar
    cypher: LiteralString
    # Links between nodes written earlier may run in a second transaction, behind the
    # node steps: they lock those older nodes, which the node steps do not touch.
    background: bool = False
    # Labels of already-written nodes this step adds relationships to (and so locks); a node
    # step first waits for background work on the same labels. A rare deadlock remains
    # possible through relationship-chain locks; execute_query retries it.
    attaches: frozenset[str] = frozenset()
    # Every row is a node that is new in a graph without seeded data, or links such a node:
    # there its MERGEs may be CREATEs (tests/seeding/test_seed_unit.py checks the plan holds
    # each node and link once). The reference steps stay MERGEs: migrations write some of
    # their nodes, and they are small.
    fresh: bool = False

    def statement(self, into_empty: bool) -> LiteralString:
        return self.cypher.replace("MERGE", "CREATE") if into_empty and self.fresh else self.cypher


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
        "SET m += row.props, m.location = point({latitude: row.lat, longitude: row.lon}), "
        "  m.joinedOn = date(row.joinedOn), m.sourceReadOn = date(row.sourceReadOn) "
        "WITH m, row MATCH (p:Province {code: row.province}) "
        "MERGE (m)-[:IN_PROVINCE]->(p)",
    ),
    Step(
        "coalitions",
        "coalitions",
        "UNWIND $rows AS row "
        "MERGE (c:Coalition {id: row.id}) SET c += row.props, c.startedOn = date(row.startedOn), "
        "  c.endedOn = date(row.endedOn), c.sourceReadOn = date(row.sourceReadOn) "
        "WITH c, row "
        "CALL (c, row) { UNWIND row.covers AS code MATCH (m:Municipality {code: code}) "
        "  MERGE (c)-[:COVERS]->(m) } "
        "CALL (c, row) { UNWIND row.focus AS slug MATCH (t:Theme {slug: slug}) "
        "  MERGE (c)-[:FOCUSES_ON]->(t) } "
        "CALL (c, row) { MATCH (n:Coalition {id: row.national}) "
        "  MERGE (c)-[:COUNTERPART_OF]->(n) } "
        # The national coalition comes first in the rows, so its predecessor finds it.
        "CALL (c, row) { MATCH (n:Coalition {id: row.successor}) "
        "  MERGE (c)-[:PREDECESSOR_OF]->(n) }",
    ),
    Step(
        "organisations",
        "organisations",
        "UNWIND $rows AS row "
        "MERGE (o:Organisation {id: row.id}) SET o += row.props, "
        "  o.sourceReadOn = date(row.sourceReadOn) "
        "WITH o, row "
        # A sourced organisation has a home only where its source gives one.
        "CALL (o, row) { MATCH (m:Municipality {code: row.base}) "
        f"  MERGE (o)-[b:BASED_IN]->(m) {set_copies(BASED_IN_ORDERS, 'o', 'b', 'm')} }} "
        "CALL (o, row) { UNWIND row.active AS code MATCH (m:Municipality {code: code}) "
        "  MERGE (o)-[:ACTIVE_IN]->(m) } "
        "CALL (o, row) { UNWIND row.themes AS slug MATCH (t:Theme {slug: slug}) "
        f"  MERGE (o)-[w:WORKS_ON]->(t) {set_copies(WORKS_ON_ORDER, 'o', 'w', 't')} }} "
        "CALL (o, row) { UNWIND row.serves AS slug MATCH (g:TargetGroup {slug: slug}) "
        "  MERGE (o)-[:SERVES]->(g) }",
        fresh=True,
    ),
    Step(
        "coalition_contact",
        "coalition contacts",
        "UNWIND $rows AS row "
        "MERGE (p:Person {id: row.id}) SET p += row.props "
        "WITH p, row MATCH (c:Coalition {id: row.coalition}) "
        "MERGE (p)-[:CONTACT_FOR]->(c)",
    ),
    Step(
        "contact_people",
        "contact persons",
        "UNWIND $rows AS row "
        "MERGE (p:Person {id: row.id}) SET p += row.props "
        "WITH p, row MATCH (o:Organisation {id: row.org}) "
        "MERGE (p)-[:WORKS_FOR]->(o) MERGE (p)-[:CONTACT_FOR]->(o)",
        # Its people are new nodes that nothing in front refers to, and it locks only
        # organisations already written: behind the organisations, the front did 71 s of
        # work at scale 100 instead of 91, and seeding took 137 s instead of 150.
        background=True,
        attaches=ORG,
        fresh=True,
    ),
    Step(
        "branch_of",
        "branches",
        "UNWIND $rows AS row "
        "MATCH (o:Organisation {id: row.id}) MATCH (p:Organisation {id: row.parent}) "
        "MERGE (o)-[:BRANCH_OF]->(p)",
        background=True,
        attaches=ORG,
        fresh=True,
    ),
    Step(
        "member_of",
        "memberships",
        "UNWIND $rows AS row "
        "MATCH (o:Organisation {id: row.id}) MATCH (c:Coalition {id: row.coalition}) "
        "MERGE (o)-[r:MEMBER_OF]->(c) SET r.role = row.role, r.since = date(row.since) "
        f"{set_copies(MEMBER_OF_ORDER, 'o', 'r', 'c').replace('SET', ',', 1)}",
        background=True,
        attaches=ORG,
        fresh=True,
    ),
    Step(
        "was_member_of",
        "former memberships",
        "UNWIND $rows AS row "
        "MATCH (o:Organisation {id: row.id}) MATCH (c:Coalition {id: row.coalition}) "
        "MERGE (o)-[r:WAS_MEMBER_OF]->(c) SET r.role = row.role, r.since = date(row.since)",
        background=True,
        attaches=ORG,
        fresh=True,
    ),
    Step(
        "partners_with",
        "partnerships",
        "UNWIND $rows AS row "
        "MATCH (a:Organisation {id: row.a}) MATCH (b:Organisation {id: row.b}) "
        "MERGE (a)-[r:PARTNERS_WITH]->(b) SET r.since = date(row.since)",
        background=True,
        attaches=ORG,
        fresh=True,
    ),
    Step(
        "people",
        "people",
        "UNWIND $rows AS row "
        "MERGE (p:Person {id: row.id}) SET p += row.props "
        "WITH p, row MATCH (o:Organisation {id: row.org}) "
        "MERGE (p)-[:WORKS_FOR]->(o)",
        attaches=ORG,
        fresh=True,
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
        attaches=ORG,
        fresh=True,
    ),
    Step(
        "activities",
        "activities",
        "UNWIND $rows AS row "
        "MERGE (a:Activity {id: row.id}) "
        "SET a += row.props, a.start = datetime(row.start), a.end = datetime(row.end), "
        # Announced two months ahead: a date from the data, never from the clock.
        "  a.createdAt = datetime(row.start) - duration({days: 60}), "
        "  a.updatedAt = datetime(row.start) - duration({days: 60}) "
        "WITH a, row MATCH (o:Organisation {id: row.by}) "
        "MERGE (a)-[:ORGANISED_BY]->(o) "
        "WITH a, row "
        "CALL (a, row) { UNWIND row.codes AS code MATCH (m:Municipality {code: code}) "
        "  MERGE (a)-[:HELD_IN]->(m) } "
        "CALL (a, row) { UNWIND row.themes AS slug MATCH (t:Theme {slug: slug}) "
        "  MERGE (a)-[:ADDRESSES]->(t) } "
        "CALL (a, row) { UNWIND row.targets AS slug MATCH (g:TargetGroup {slug: slug}) "
        "  MERGE (a)-[:TARGETS]->(g) } "
        "CALL (a, row) { UNWIND row.lines AS number MATCH (l:ActionLine {number: number}) "
        "  MERGE (a)-[:SUPPORTS]->(l) }",
        attaches=ORG,
        fresh=True,
    ),
    Step(
        "authored",
        "authorship",
        "UNWIND $rows AS row "
        "MATCH (person:Person {id: row.person}) MATCH (p:Practice {id: row.practice}) "
        "MERGE (person)-[r:AUTHORED]->(p) SET r.at = datetime(row.at)",
        background=True,
        attaches=frozenset({"Person", "Practice"}),
        fresh=True,
    ),
    Step(
        "practice_contact",
        "practice contacts",
        "UNWIND $rows AS row "
        "MATCH (person:Person {id: row.person}) MATCH (p:Practice {id: row.practice}) "
        "MERGE (person)-[:CONTACT_FOR]->(p)",
        background=True,
        attaches=frozenset({"Person", "Practice"}),
        fresh=True,
    ),
)


def batches(rows: Sequence[Row], size: int = BATCH_SIZE) -> Iterator[list[Row]]:
    for start in range(0, len(rows), size):
        yield list(rows[start : start + size])


_DONE = object()


def write_stream(
    driver: Driver,
    database: str,
    chunks: Iterable[tuple[str, list[Row]]],
    expected: dict[str, int],
    progress: bool,
    into_empty: bool = False,
) -> None:
    """Write the chunks in order, in batches, while a thread keeps generating the next ones.

    Three things overlap: generating rows (a producer thread), writing nodes (this thread)
    and writing the links among nodes already written (one background thread). Generation
    and the driver's packing are Python, the MERGEs are Neo4j; at scale 10 the overlap cut
    the wall time by about a third compared with doing them one after another.
    """
    steps = {step.key: step for step in STEPS}
    queue: Queue[tuple[str, list[Row]] | BaseException | object] = Queue(maxsize=16)
    stop = threading.Event()

    def produce() -> None:
        try:
            for chunk in chunks:
                while not stop.is_set():
                    try:
                        queue.put(chunk, timeout=0.5)
                        break
                    except Full:
                        continue
                if stop.is_set():
                    return
            queue.put(_DONE)
        except BaseException as error:  # handed to the consumer, which re-raises it
            queue.put(error)

    with (
        Progress(
            TextColumn("{task.description:<16}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            disable=not progress,
        ) as bar,
        ThreadPoolExecutor(max_workers=1, thread_name_prefix="seed-links") as links,
    ):
        tasks = {s.key: bar.add_task(s.label, total=expected.get(s.key)) for s in STEPS}
        behind: list[tuple[Step, Future[None]]] = []

        def write(step: Step, rows: list[Row]) -> None:
            for batch in batches(rows):
                # execute_query retries transient errors, should a deadlock happen anyway.
                driver.execute_query(step.statement(into_empty), rows=batch, database_=database)
                bar.advance(tasks[step.key], len(batch))

        def settle(labels: frozenset[str] | None) -> None:
            """Wait for background work on these labels (None: all of it)."""
            pending = []
            for step, future in behind:
                if future.done() or labels is None or step.attaches & labels:
                    future.result()  # re-raises what went wrong in the background
                else:
                    pending.append((step, future))
            behind[:] = pending

        producer = threading.Thread(target=produce, name="seed-plan", daemon=True)
        producer.start()
        try:
            while (item := queue.get()) is not _DONE:
                if isinstance(item, BaseException):
                    raise item
                key, rows = cast(tuple[str, list[Row]], item)
                step = steps[key]
                if step.background:
                    behind.append((step, links.submit(write, step, rows)))
                else:
                    settle(step.attaches)
                    write(step, rows)
            settle(None)
        finally:
            stop.set()
            producer.join()
        for task in bar.tasks:  # relationship totals are only known at the end
            bar.update(task.id, total=task.completed)
