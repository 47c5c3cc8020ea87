"""Constraints and indexes, applied idempotently (`graph-api migrate`)."""

from __future__ import annotations

from typing import LiteralString

from neo4j import Driver

# Every node key is unique; the extra indexes serve the filters and orderings the API uses.
STATEMENTS: list[LiteralString] = [
    "CREATE CONSTRAINT province_code IF NOT EXISTS FOR (n:Province) REQUIRE n.code IS UNIQUE",
    "CREATE CONSTRAINT municipality_code IF NOT EXISTS "
    "FOR (n:Municipality) REQUIRE n.code IS UNIQUE",
    "CREATE CONSTRAINT coalition_id IF NOT EXISTS FOR (n:Coalition) REQUIRE n.id IS UNIQUE",
    "CREATE CONSTRAINT organisation_id IF NOT EXISTS FOR (n:Organisation) REQUIRE n.id IS UNIQUE",
    "CREATE CONSTRAINT theme_slug IF NOT EXISTS FOR (n:Theme) REQUIRE n.slug IS UNIQUE",
    "CREATE CONSTRAINT target_group_slug IF NOT EXISTS "
    "FOR (n:TargetGroup) REQUIRE n.slug IS UNIQUE",
    "CREATE CONSTRAINT action_line_number IF NOT EXISTS "
    "FOR (n:ActionLine) REQUIRE n.number IS UNIQUE",
    "CREATE CONSTRAINT practice_id IF NOT EXISTS FOR (n:Practice) REQUIRE n.id IS UNIQUE",
    "CREATE CONSTRAINT practice_slug IF NOT EXISTS FOR (n:Practice) REQUIRE n.slug IS UNIQUE",
    "CREATE CONSTRAINT person_id IF NOT EXISTS FOR (n:Person) REQUIRE n.id IS UNIQUE",
    # The person behind a token (an editor or partner), made on first use by MERGE.
    "CREATE CONSTRAINT person_subject IF NOT EXISTS FOR (n:Person) REQUIRE n.subject IS UNIQUE",
    "CREATE CONSTRAINT review_comment_id IF NOT EXISTS "
    "FOR (n:ReviewComment) REQUIRE n.id IS UNIQUE",
    # The outbox once numbered entries from one counter node, which serialised every writer;
    # now there is one entry per dirty document (graph_api.search.outbox).
    "DROP CONSTRAINT outbox_seq IF EXISTS",
    "DROP CONSTRAINT outbox_counter IF EXISTS",
    "CREATE CONSTRAINT outbox_ref IF NOT EXISTS FOR (n:OutboxEntry) REQUIRE n.ref IS UNIQUE",
    "CREATE INDEX outbox_at IF NOT EXISTS FOR (n:OutboxEntry) ON (n.at)",
    "CREATE CONSTRAINT outbox_tally_name IF NOT EXISTS "
    "FOR (n:OutboxTally) REQUIRE n.name IS UNIQUE",
    "CREATE CONSTRAINT search_lease_name IF NOT EXISTS "
    "FOR (n:SearchLease) REQUIRE n.name IS UNIQUE",
    "CREATE CONSTRAINT revision_id IF NOT EXISTS FOR (n:Revision) REQUIRE n.id IS UNIQUE",
    "CREATE INDEX municipality_name IF NOT EXISTS FOR (n:Municipality) ON (n.name, n.code)",
    "CREATE POINT INDEX municipality_point IF NOT EXISTS FOR (n:Municipality) ON (n.location)",
    "CREATE INDEX coalition_kind IF NOT EXISTS FOR (n:Coalition) ON (n.kind)",
    "CREATE INDEX coalition_name IF NOT EXISTS FOR (n:Coalition) ON (n.name, n.id)",
    "CREATE INDEX organisation_name IF NOT EXISTS FOR (n:Organisation) ON (n.name, n.id)",
    "CREATE INDEX organisation_name_key IF NOT EXISTS FOR (n:Organisation) ON (n.nameKey)",
    "CREATE INDEX organisation_kind IF NOT EXISTS FOR (n:Organisation) ON (n.kind)",
    "CREATE INDEX organisation_scope IF NOT EXISTS FOR (n:Organisation) ON (n.scope)",
    "CREATE INDEX practice_status IF NOT EXISTS FOR (n:Practice) ON (n.status)",
    "CREATE INDEX practice_title IF NOT EXISTS FOR (n:Practice) ON (n.title, n.id)",
    # Search when Meilisearch is down: Neo4j's Lucene indexes with the Dutch analyzer.
    "CREATE FULLTEXT INDEX practice_text IF NOT EXISTS FOR (n:Practice) "
    "ON EACH [n.title, n.summary, n.body, n.results] "
    "OPTIONS {indexConfig: {`fulltext.analyzer`: 'dutch'}}",
    "CREATE FULLTEXT INDEX organisation_text IF NOT EXISTS FOR (n:Organisation) "
    "ON EACH [n.name, n.description] OPTIONS {indexConfig: {`fulltext.analyzer`: 'dutch'}}",
]


# Data of older versions, brought to the current shape; each finds nothing the second time.
DATA: list[LiteralString] = [
    # Numbered outbox entries become per-document ones (several of one document merge,
    # keeping the oldest time and counting each as a change); none is dropped.
    """
    MATCH (old:OutboxEntry) WHERE old.ref IS NULL
    WITH old.entity AS entity, old.key AS key, collect(old) AS olds, min(old.at) AS at
    MERGE (e:OutboxEntry {ref: entity + ':' + key})
    ON CREATE SET e.entity = entity, e.key = key, e.version = size(olds),
                  e.at = coalesce(at, datetime())
    ON MATCH SET e.version = coalesce(e.version, 1) + size(olds),
                 e.at = CASE WHEN at < e.at THEN at ELSE e.at END
    FOREACH (o IN olds | DELETE o)
    """,
    # The counter and the lease that lived beside it (the lease is a SearchLease now).
    "MATCH (c:OutboxCounter) DELETE c",
]


def migrate(driver: Driver, database: str) -> int:
    for statement in STATEMENTS:
        driver.execute_query(statement, database_=database)
    driver.execute_query("CALL db.awaitIndexes(300)", database_=database)
    for statement in DATA:
        driver.execute_query(statement, database_=database)
    return len(STATEMENTS) + len(DATA)
