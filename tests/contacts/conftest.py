"""Fixtures for contacts: a demo practice with its organisation, coalition and people, tokens
for every role (partners of that organisation and of another), and the search documents."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest
from neo4j import Driver

from graph_api.auth.tokens import mint
from graph_api.auth.viewer import Role
from graph_api.search.check import search_differences
from graph_api.search.client import client, organisation_index_name, practice_index_name
from graph_api.search.indexer import OutboxIndexer
from graph_api.search.reindex import reindex_all
from graph_api.settings import Settings

ROLES = ("public", "other_partner", "partner", "staff", "admin")


@dataclass(frozen=True)
class Subject:
    """A published demo practice whose organisation, coalition and practice all have a
    contact person, with the tokens of every role."""

    practice: str
    title: str
    organisation: str
    organisation_name: str
    coalition: str
    municipality: str
    tokens: dict[str, str | None]


@pytest.fixture(scope="session")
def subject(settings: Settings, run_cypher: Any) -> Subject:
    row = run_cypher(
        """MATCH (pr:Practice {status: 'PUBLISHED', demo: true})-[:BY]->(o:Organisation)
                 -[:MEMBER_OF]->(c:Coalition {kind: 'LOCAL', demo: true})-[:COVERS]->(m)
           WHERE o.demo AND EXISTS { (o)<-[:CONTACT_FOR]-(:Person) }
             AND EXISTS { (c)<-[:CONTACT_FOR]-(:Person) }
             AND EXISTS { (pr)<-[:CONTACT_FOR]-(:Person) }
           RETURN pr.id AS practice, pr.title AS title, o.id AS organisation,
                  o.name AS name, c.id AS coalition, m.code AS municipality
           ORDER BY pr.id LIMIT 1"""
    )[0]
    other = run_cypher(
        "MATCH (o:Organisation) WHERE o.id <> $id RETURN o.id AS id ORDER BY o.id LIMIT 1",
        id=row["organisation"],
    )[0]["id"]
    tokens: dict[str, str | None] = {
        "public": None,
        "other_partner": mint(settings, Role.PARTNER, other, subject="privacy-other-partner"),
        "partner": mint(settings, Role.PARTNER, row["organisation"], subject="privacy-partner"),
        "staff": mint(settings, Role.STAFF, subject="privacy-staff"),
        "admin": mint(settings, Role.ADMIN, subject="privacy-admin"),
    }
    return Subject(
        row["practice"],
        row["title"],
        row["organisation"],
        row["name"],
        row["coalition"],
        row["municipality"],
        tokens,
    )


@pytest.fixture(scope="session")
def search_documents(neo4j: Driver, settings: Settings) -> Any:
    """`documents()`: every document of both indexes, once the indexes match the graph."""

    def documents() -> list[dict[str, Any]]:
        indexer = OutboxIndexer(neo4j, settings)
        try:
            indexer.drain()
        finally:
            indexer.close()
        if search_differences(neo4j, settings):
            reindex_all(neo4j, settings, progress=False)
        meili = client(settings)
        found: list[dict[str, Any]] = []
        for name in (practice_index_name(settings), organisation_index_name(settings)):
            index = meili.index(name)
            offset = 0
            while True:
                page = index.get_documents({"offset": offset, "limit": 1000})
                found.extend(dict(d) for d in page.results)
                if len(page.results) < 1000:
                    break
                offset += 1000
        return found

    return documents
