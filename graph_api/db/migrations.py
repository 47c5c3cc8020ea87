"""Constraints and indexes, applied idempotently (`graph-api migrate`)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import LiteralString

from neo4j import Driver

from graph_api.graph_names import MEMBER_OF_ORDER, REL_ORDERS, Label, Rel
from graph_api.partners.aggregates import recompute
from graph_api.text import display_name

INDEX_WAIT_S = 300

# Every node key is unique; the extra indexes serve the filters and orderings the API uses.
STATEMENTS: list[LiteralString] = [
    "CREATE CONSTRAINT province_code IF NOT EXISTS "
    f"FOR (n:{Label.PROVINCE}) REQUIRE n.code IS UNIQUE",
    "CREATE CONSTRAINT municipality_code IF NOT EXISTS "
    f"FOR (n:{Label.MUNICIPALITY}) REQUIRE n.code IS UNIQUE",
    "CREATE CONSTRAINT coalition_id IF NOT EXISTS "
    f"FOR (n:{Label.COALITION}) REQUIRE n.id IS UNIQUE",
    "CREATE CONSTRAINT organisation_id IF NOT EXISTS "
    f"FOR (n:{Label.ORGANISATION}) REQUIRE n.id IS UNIQUE",
    f"CREATE CONSTRAINT theme_slug IF NOT EXISTS FOR (n:{Label.THEME}) REQUIRE n.slug IS UNIQUE",
    "CREATE CONSTRAINT target_group_slug IF NOT EXISTS "
    f"FOR (n:{Label.TARGET_GROUP}) REQUIRE n.slug IS UNIQUE",
    "CREATE CONSTRAINT action_line_number IF NOT EXISTS "
    f"FOR (n:{Label.ACTION_LINE}) REQUIRE n.number IS UNIQUE",
    f"CREATE CONSTRAINT practice_id IF NOT EXISTS FOR (n:{Label.PRACTICE}) REQUIRE n.id IS UNIQUE",
    "CREATE CONSTRAINT practice_slug IF NOT EXISTS "
    f"FOR (n:{Label.PRACTICE}) REQUIRE n.slug IS UNIQUE",
    f"CREATE CONSTRAINT person_id IF NOT EXISTS FOR (n:{Label.PERSON}) REQUIRE n.id IS UNIQUE",
    # The person behind a token (an editor or partner), made on first use by MERGE.
    "CREATE CONSTRAINT person_subject IF NOT EXISTS "
    f"FOR (n:{Label.PERSON}) REQUIRE n.subject IS UNIQUE",
    "CREATE CONSTRAINT review_comment_id IF NOT EXISTS "
    f"FOR (n:{Label.REVIEW_COMMENT}) REQUIRE n.id IS UNIQUE",
    # The outbox once numbered entries from one counter node, which serialised every writer;
    # now there is one entry per dirty document (graph_api.search.outbox).
    "DROP CONSTRAINT outbox_seq IF EXISTS",
    "DROP CONSTRAINT outbox_counter IF EXISTS",
    "CREATE CONSTRAINT outbox_ref IF NOT EXISTS "
    f"FOR (n:{Label.OUTBOX_ENTRY}) REQUIRE n.ref IS UNIQUE",
    f"CREATE INDEX outbox_at IF NOT EXISTS FOR (n:{Label.OUTBOX_ENTRY}) ON (n.at)",
    "CREATE CONSTRAINT outbox_tally_name IF NOT EXISTS "
    f"FOR (n:{Label.OUTBOX_TALLY}) REQUIRE n.name IS UNIQUE",
    "CREATE CONSTRAINT search_lease_name IF NOT EXISTS "
    f"FOR (n:{Label.SEARCH_LEASE}) REQUIRE n.name IS UNIQUE",
    f"CREATE CONSTRAINT revision_id IF NOT EXISTS FOR (n:{Label.REVISION}) REQUIRE n.id IS UNIQUE",
    # Erasing a person finds the revisions and review comments of their account.
    f"CREATE INDEX revision_by IF NOT EXISTS FOR (n:{Label.REVISION}) ON (n.by)",
    f"CREATE INDEX review_comment_by IF NOT EXISTS FOR (n:{Label.REVIEW_COMMENT}) ON (n.by)",
    "CREATE INDEX municipality_name IF NOT EXISTS "
    f"FOR (n:{Label.MUNICIPALITY}) ON (n.name, n.code)",
    # Lists of municipalities are alphabetical by the name people use (`displayName`).
    "CREATE INDEX municipality_display_name IF NOT EXISTS "
    f"FOR (n:{Label.MUNICIPALITY}) ON (n.displayName, n.code)",
    "CREATE POINT INDEX municipality_point IF NOT EXISTS "
    f"FOR (n:{Label.MUNICIPALITY}) ON (n.location)",
    f"CREATE INDEX coalition_kind IF NOT EXISTS FOR (n:{Label.COALITION}) ON (n.kind)",
    f"CREATE INDEX coalition_name IF NOT EXISTS FOR (n:{Label.COALITION}) ON (n.name, n.id)",
    f"CREATE INDEX organisation_name IF NOT EXISTS FOR (n:{Label.ORGANISATION}) ON (n.name, n.id)",
    f"CREATE INDEX organisation_name_key IF NOT EXISTS FOR (n:{Label.ORGANISATION}) ON (n.nameKey)",
    f"CREATE INDEX organisation_kind IF NOT EXISTS FOR (n:{Label.ORGANISATION}) ON (n.kind)",
    # bestConnected reads organisations in the order of their maintained degree.
    f"CREATE INDEX organisation_degree IF NOT EXISTS FOR (n:{Label.ORGANISATION}) ON (n.degree)",
    "CREATE INDEX organisation_kind_degree IF NOT EXISTS "
    f"FOR (n:{Label.ORGANISATION}) ON (n.kind, n.degree)",
    f"CREATE INDEX organisation_scope IF NOT EXISTS FOR (n:{Label.ORGANISATION}) ON (n.scope)",
    # An organisation's themes, memberships and home carry its name and id (kept by
    # `partners.aggregates`), so a list on one theme or one province, and a coalition's
    # members, are read in name order from these indexes: a first page costs about the page
    # (`graph_names.RelOrder`).
    *(
        f"CREATE INDEX {order.index} IF NOT EXISTS FOR ()-[r:{order.rel}]-() "
        f"ON ({', '.join(f'r.{p}' for p in order.props)})"
        for order in REL_ORDERS
    ),
    # A coalition's members by role (its kartrekker among some 400 members at scale 100).
    f"CREATE INDEX member_of_role IF NOT EXISTS FOR ()-[r:{Rel.MEMBER_OF}]-() "
    f"ON (r.{MEMBER_OF_ORDER.key}, r.role)",
    f"CREATE INDEX practice_status IF NOT EXISTS FOR (n:{Label.PRACTICE}) ON (n.status)",
    f"CREATE INDEX practice_title IF NOT EXISTS FOR (n:{Label.PRACTICE}) ON (n.title, n.id)",
    f"CREATE CONSTRAINT activity_id IF NOT EXISTS FOR (n:{Label.ACTIVITY}) REQUIRE n.id IS UNIQUE",
    # The activity list's order (ActivitySort.START, `indexed`): read in index order, a
    # first page costs about the page; `from`/`to` filters seek on the same index.
    f"CREATE INDEX activity_start IF NOT EXISTS FOR (n:{Label.ACTIVITY}) ON (n.start, n.id)",
    f"CREATE INDEX activity_week IF NOT EXISTS FOR (n:{Label.ACTIVITY}) ON (n.week)",
    # Search when Meilisearch is down: Neo4j's Lucene indexes with the Dutch analyzer.
    f"CREATE FULLTEXT INDEX practice_text IF NOT EXISTS FOR (n:{Label.PRACTICE}) "
    "ON EACH [n.title, n.summary, n.body, n.results] "
    "OPTIONS {indexConfig: {`fulltext.analyzer`: 'dutch'}}",
    f"CREATE FULLTEXT INDEX organisation_text IF NOT EXISTS FOR (n:{Label.ORGANISATION}) "
    "ON EACH [n.name, n.description] OPTIONS {indexConfig: {`fulltext.analyzer`: 'dutch'}}",
    f"CREATE FULLTEXT INDEX activity_text IF NOT EXISTS FOR (n:{Label.ACTIVITY}) "
    "ON EACH [n.title, n.description] OPTIONS {indexConfig: {`fulltext.analyzer`: 'dutch'}}",
    # Theme and target group names: Meilisearch searches them on each document.
    f"CREATE FULLTEXT INDEX topic_text IF NOT EXISTS FOR (n:{Label.THEME}|{Label.TARGET_GROUP}) "
    "ON EACH [n.name] OPTIONS {indexConfig: {`fulltext.analyzer`: 'dutch'}}",
]


# The indexes no constraint owns. Seeding an empty graph drops them first and builds them
# once at the end (`deferred_indexes`): keeping each up to date through every MERGE of a
# scale-100 seed cost Neo4j far more than one bulk population. The constraints stay, since
# every MERGE and every link's MATCH looks its nodes up through them.
SECONDARY_INDEXES: dict[str, LiteralString] = {
    m.group(1): statement
    for statement in STATEMENTS
    if (m := re.match(r"CREATE (?:POINT |FULLTEXT )?INDEX (\w+) IF NOT EXISTS", statement))
}


def drop_secondary_indexes(driver: Driver, database: str) -> None:
    for name in SECONDARY_INDEXES:
        # The name is one of the fixed statements' own (matched above as \w+): no value ever
        # reaches the text, and index names cannot be parameters.
        driver.execute_query(f"DROP INDEX {name} IF EXISTS", database_=database)


def create_secondary_indexes(driver: Driver, database: str) -> None:
    """Create the secondary indexes (those present are left as they are) and wait until
    they are online, so that the first query after seeding has them."""
    for statement in SECONDARY_INDEXES.values():
        driver.execute_query(statement, database_=database)
    driver.execute_query(f"CALL db.awaitIndexes({INDEX_WAIT_S})", database_=database)


@contextmanager
def deferred_indexes(driver: Driver, database: str, defer: bool) -> Iterator[None]:
    """Without the secondary indexes inside (when `defer`), with them all online after,
    also when the body fails (`graph-api migrate` would create them again anyway)."""
    if defer:
        drop_secondary_indexes(driver, database)
    try:
        yield
    finally:
        if defer:
            create_secondary_indexes(driver, database)


# Data of older versions, brought to the current shape; each finds nothing the second time.
DATA: list[LiteralString] = [
    # Numbered outbox entries become per-document ones (several of one document merge,
    # keeping the oldest time and counting each as a change); none is dropped.
    f"""
    MATCH (old:{Label.OUTBOX_ENTRY}) WHERE old.ref IS NULL
    WITH old.entity AS entity, old.key AS key, collect(old) AS olds, min(old.at) AS at
    MERGE (e:{Label.OUTBOX_ENTRY} {{ref: entity + ':' + key}})
    ON CREATE SET e.entity = entity, e.key = key, e.version = size(olds),
                  e.at = coalesce(at, datetime())
    ON MATCH SET e.version = coalesce(e.version, 1) + size(olds),
                 e.at = CASE WHEN e.at IS NULL OR at < e.at THEN coalesce(at, datetime())
                        ELSE e.at END
    FOREACH (o IN olds | DELETE o)
    """,
    # The counter and the lease that lived beside it (the lease is a SearchLease now).
    "MATCH (c:OutboxCounter) DELETE c",
    # A person's job title was stored as `role`; it is `function` now (as in the API).
    f"""
    MATCH (p:{Label.PERSON}) WHERE p.role IS NOT NULL AND p.function IS NULL
    SET p.function = p.role REMOVE p.role
    """,
]


_WITHOUT_DISPLAY_NAME: LiteralString = (
    f"MATCH (m:{Label.MUNICIPALITY}) WHERE m.displayName IS NULL "
    "RETURN m.code AS code, m.name AS name"
)
_SET_DISPLAY_NAME: LiteralString = (
    f"UNWIND $rows AS row MATCH (m:{Label.MUNICIPALITY} {{code: row.code}}) "
    "SET m.displayName = row.displayName"
)


def backfill_display_names(driver: Driver, database: str) -> int:
    """Municipalities seeded before `displayName` existed get it, by the seeder's own rule
    (`graph_api.text.display_name`, in Python, so it is written once); 0 the second time."""
    records, _, _ = driver.execute_query(_WITHOUT_DISPLAY_NAME, database_=database)
    rows = [{"code": r["code"], "displayName": display_name(r["name"])} for r in records]
    if rows:
        driver.execute_query(_SET_DISPLAY_NAME, rows=rows, database_=database)
    return len(rows)


def migrate(driver: Driver, database: str) -> int:
    for statement in STATEMENTS:
        driver.execute_query(statement, database_=database)
    driver.execute_query(f"CALL db.awaitIndexes({INDEX_WAIT_S})", database_=database)
    for statement in DATA:
        driver.execute_query(statement, database_=database)
    backfill_display_names(driver, database)
    # The maintained aggregates, from scratch: a store written before they existed (or by
    # hand) gets them right; on an up-to-date store this rewrites the same values.
    recompute(driver, database)
    return len(STATEMENTS) + len(DATA) + 1
