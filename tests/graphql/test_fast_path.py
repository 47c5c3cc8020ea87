"""The execution fast path gives exactly what graphql-core's standard walk gives."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext

from graph_api.db.driver import Database, async_driver
from graph_api.graphql.context import Context
from graph_api.graphql.fast import CompiledExecutionContext
from graph_api.schema import build_schema
from graph_api.settings import Settings

DOCUMENTS = [
    """{ organisations(first: 30, filter: {inLocalCoalition: true}) { totalCount
         pageInfo { hasNextPage endCursor }
         edges { cursor node { __typename id name kind scope isDemo website
           a: homeMunicipality { name location { latitude longitude } }
           b: homeMunicipality { code province { name } }
           themes { slug } coalitions { role since coalition { name startedOn kind } }
           partners(first: 3) { totalCount edges { since cursor node { name } } }
           branchOf { name } } } } }""",
    """{ nationalCoalition { name members(first: 25, sort: JOINED) {
         edges { role since node { name ...F } } } } }
       fragment F on Organisation { kind targetGroups { name } }""",
    """{ practices(first: 10) { edges { node { title bodyHtml status publishedAt revision
         evidenceLevel organisation { name } actionLines { number name }
         authors { name } } } } }""",
    """{ node(id: "Coalition:nationale-coalitie") { id ... on Coalition { name } } }""",
    """{ organisation(id: "bad") { id } provinces { code name } }""",
]


@pytest.mark.parametrize("document", DOCUMENTS)
def test_fast_and_standard_execution_agree(settings: Settings, document: str) -> None:
    agree(settings, document)


def test_objects_of_an_interface_agree(settings: Settings, run_cypher: Any) -> None:
    """A path's steps are `Node`s: organisations and coalitions, each named by its type."""
    [ends] = run_cypher("""MATCH (a:Organisation)-[:MEMBER_OF]->(:Coalition)<-[:MEMBER_OF]-(b)
                           WHERE NOT (a)-[:PARTNERS_WITH]-(b)
                           MATCH (b)-[:PARTNERS_WITH]-(c:Organisation)
                           WHERE NOT EXISTS { (a)-[:MEMBER_OF|PARTNERS_WITH*0..2]-(c) }
                           RETURN a.id AS a, c.id AS c ORDER BY a, c LIMIT 1""")
    path = f"""{{ connectionPath(fromId: "Organisation:{ends["a"]}",
                                  toId: "Organisation:{ends["c"]}") {{
        hops steps {{ relationship node {{ __typename id ... on Organisation {{ name kind }}
          ... on Coalition {{ name coalitionKind: kind }} }} }} }} }}"""
    data = agree(settings, path)
    kinds = [step["node"]["__typename"] for step in data["connectionPath"]["steps"]]
    assert kinds[0] == "Coalition" and kinds[-1] == "Organisation", kinds


def agree(settings: Settings, document: str) -> Any:
    """The data of `document` (with errors, if any), checked to be the same both ways."""
    fast = build_schema(settings)
    standard = build_schema(settings)
    standard.execution_context_class = StrawberryGraphQLCoreExecutionContext
    assert fast.execution_context_class is CompiledExecutionContext

    async def run(schema: Any) -> Any:
        db = Database(async_driver(settings), settings.neo4j_database, settings.neo4j_tx_timeout_s)
        try:
            result = await schema.execute(document, context_value=Context(db=db, settings=settings))
        finally:
            await db.close()
        return result.data, [e.formatted for e in result.errors or []]

    answer = asyncio.run(run(fast))
    assert answer == asyncio.run(run(standard))
    return answer[0]
