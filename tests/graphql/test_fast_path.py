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
def test_fast_and_standard_execution_agree(schemas: Any, settings: Settings, document: str) -> None:
    agree(schemas, settings, document)


def test_objects_of_an_interface_agree(schemas: Any, settings: Settings, run_cypher: Any) -> None:
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
    data = agree(schemas, settings, path)
    kinds = [step["node"]["__typename"] for step in data["connectionPath"]["steps"]]
    assert kinds[0] == "Coalition" and kinds[-1] == "Organisation", kinds


def test_a_value_missing_deep_in_a_page_is_reported_at_its_path(
    schemas: Any, settings: Settings, run_cypher: Any
) -> None:
    """A member without the kind the schema promises: the fast path hands that field to the
    standard path, which reports it at the same place in the page (the fast path builds the
    path of an object only then)."""
    [row] = run_cypher("""MATCH (c:Coalition)<-[:MEMBER_OF]-(o:Organisation)
                          WITH c, o ORDER BY c.id, o.id
                          WITH c, collect(o) AS members WHERE size(members) >= 3
                          WITH c, members[1] AS o LIMIT 1
                          SET o.kindBefore = o.kind REMOVE o.kind
                          RETURN c.id AS coalition, o.id AS organisation""")
    try:
        document = f"""{{ coalition(id: "Coalition:{row["coalition"]}") {{ name
            members(first: 100) {{ edges {{ role node {{ id kind }} }} }} }} }}"""
        fast, standard = schemas

        async def errors(schema: Any) -> list[dict[str, Any]]:
            db = Database(
                async_driver(settings), settings.neo4j_database, settings.neo4j_tx_timeout_s
            )
            try:
                context = Context(db=db, settings=settings)
                result = await schema.execute(document, context_value=context)
            finally:
                await db.close()
            return [e.formatted for e in result.errors or []]

        agree(schemas, settings, document)
        [error] = asyncio.run(errors(fast))
        path = error["path"]
        assert path[:3] == ["coalition", "members", "edges"] and path[4:] == ["node", "kind"]
        assert isinstance(path[3], int) and path[3] >= 0, path
    finally:
        run_cypher(
            "MATCH (o:Organisation {id: $id}) SET o.kind = o.kindBefore REMOVE o.kindBefore",
            id=row["organisation"],
        )


SWITCHED = """query Switched($themes: Boolean!, $first: Int!) {
  organisations(first: $first, filter: {inLocalCoalition: true}) { edges { node { name
    themes @include(if: $themes) { slug }
    homeMunicipality @skip(if: $themes) { name } } } } }"""
PLAIN = """query Plain($first: Int!) {
  organisations(first: $first) { edges { node { name themes { slug } } } } }"""


@pytest.mark.parametrize(
    ("document", "runs"),
    [
        (SWITCHED, [{"themes": True, "first": 3}, {"themes": False, "first": 3}]),
        (PLAIN, [{"first": 2}, {"first": 4}]),
    ],
)
def test_requests_that_send_one_document_agree(
    schemas: Any, settings: Settings, document: str, runs: list[dict[str, Any]]
) -> None:
    """A parsed document is reused by later requests, and with it the plans of an operation
    without directives; one whose directives read the variables is planned each time."""
    for variables in [*runs, *runs]:
        data = agree(schemas, settings, document, variables)
        node = data["organisations"]["edges"][0]["node"]
        if "themes" in variables:
            assert ("themes" in node) is variables["themes"], node
            assert ("homeMunicipality" in node) is not variables["themes"], node
        else:
            assert len(data["organisations"]["edges"]) == variables["first"]


def agree(
    schemas: Any, settings: Settings, document: str, variables: dict[str, Any] | None = None
) -> Any:
    """The data of `document` (with errors, if any), checked to be the same both ways."""
    fast, standard = schemas

    async def run(schema: Any) -> Any:
        db = Database(async_driver(settings), settings.neo4j_database, settings.neo4j_tx_timeout_s)
        try:
            result = await schema.execute(
                document, variable_values=variables, context_value=Context(db=db, settings=settings)
            )
        finally:
            await db.close()
        return result.data, [e.formatted for e in result.errors or []]

    answer = asyncio.run(run(fast))
    assert answer == asyncio.run(run(standard))
    return answer[0]


@pytest.fixture(scope="module")
def schemas(settings: Settings) -> tuple[Any, Any]:
    """A fast and a standard schema for the module: later requests reuse what earlier ones
    parsed, as in a server."""
    fast = build_schema(settings)
    standard = build_schema(settings)
    standard.execution_context_class = StrawberryGraphQLCoreExecutionContext
    assert fast.execution_context_class is CompiledExecutionContext
    return fast, standard
