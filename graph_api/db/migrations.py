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
    "CREATE CONSTRAINT outbox_seq IF NOT EXISTS FOR (n:OutboxEntry) REQUIRE n.seq IS UNIQUE",
    "CREATE CONSTRAINT outbox_counter IF NOT EXISTS FOR (n:OutboxCounter) REQUIRE n.name IS UNIQUE",
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


def migrate(driver: Driver, database: str) -> int:
    for statement in STATEMENTS:
        driver.execute_query(statement, database_=database)
    driver.execute_query("CALL db.awaitIndexes(300)", database_=database)
    return len(STATEMENTS)
