"""A shorter path for queries this server has already answered without an error.

Strawberry sets up every request the same way: it makes an instance of each schema extension
(nine here), wraps their parse, validate, operation and execute hooks in context managers,
looks the document up in the parse cache and its validation outcome in the validation cache,
and only then executes. Frontends send the same few documents over and over, and for a
document that already parsed, validated and ran cleanly that set-up is most of the server's
own time on a small page (profiled: about a third of it on a municipality page, whose
statement takes a millisecond).

A query is remembered once it ran through the full path with no error; from then on the same
text and operation name run straight through graphql-core's execution, with the same
execution context class, after the one check that depends on the variables, the cost budget
(its cost is kept by the values of the few variables it depends on: `CostMemo`).
Anything else goes the full way: mutations, a document not seen yet, a cost over the budget.
Errors the caller's request caused (a `UserError`: an unknown filter value, a bad cursor,
the database too busy to take it) are shown as they are on the full path; a query that fails
any other way is run again on the full path, which logs, masks and codes its errors as usual
(a read can be run twice; nothing it did is kept). With trusted documents the full path
always runs, so that the list is consulted on every request.
"""

from __future__ import annotations

import inspect
from typing import Any

import structlog
from graphql import DocumentNode, GraphQLError, OperationType, get_operation_ast
from graphql import ExecutionResult as CoreResult
from strawberry.types import ExecutionResult

from graph_api import metrics
from graph_api.graphql.context import Context
from graph_api.graphql.cost import CostMemo
from graph_api.graphql.errors import UserError
from graph_api.graphql.parse_cache import ByteBoundedCache, document_weight, parsed, text_key
from graph_api.settings import Settings

KNOWN_QUERIES_BYTES = 16 * 1024 * 1024

log = structlog.get_logger("graph_api.graphql")


class KnownQueries:
    def __init__(self, schema: Any, settings: Settings) -> None:
        self.schema = schema
        self.settings = settings
        self.enabled = settings.trusted_documents is None
        self._execute = schema._get_execute_function()  # graphql-core's, as Strawberry calls it
        # The parse cache's key for a text: the token limit is a parse option.
        self._max_tokens = settings.max_tokens
        self._known: ByteBoundedCache[tuple[DocumentNode, CostMemo]]
        self._known = ByteBoundedCache(KNOWN_QUERIES_BYTES)

    async def run(
        self,
        query: str | None,
        variables: dict[str, Any] | None,
        operation_name: str | None,
        context: Context,
    ) -> ExecutionResult | None:
        """The result of a known query, or None when it has to take the full path."""
        if not self.enabled or not query:
            return None
        known = self._known.get((text_key(query), operation_name))
        if known is None:
            return None
        document, costs = known
        s = self.settings
        try:
            cost = costs.cost(variables)
        except Exception:  # variables the walk cannot read: the full path reports them
            return None
        if cost > s.cost_budget:
            return None
        try:
            outcome = self._execute(
                self.schema._schema,
                document,
                variable_values=variables,
                operation_name=operation_name,
                context_value=context,
                executor_class=self.schema.execution_context_class,
                operation_extensions=None,
            )
            result: CoreResult = await outcome if inspect.isawaitable(outcome) else outcome
        except Exception:  # not a field's error: the full path answers (and logs) it
            log.warning("known query failed outside its fields", exc_info=True)
            metrics.KNOWN_QUERIES.labels("full").inc()
            return None
        if not all(_coded(e) for e in result.errors or ()):
            metrics.KNOWN_QUERIES.labels("full").inc()
            return None
        metrics.KNOWN_QUERIES.labels("known").inc()
        extensions: dict[str, Any] = {"cost": {"requestedQueryCost": cost, "budget": s.cost_budget}}
        if s.development:
            extensions["cypherRoundTrips"] = context.trips.count
        return ExecutionResult(data=result.data, errors=result.errors, extensions=extensions)

    def learn(self, query: str | None, operation_name: str | None, result: ExecutionResult) -> None:
        """Remembers `query` if it is a query that just ran through the full path cleanly."""
        if not self.enabled or not query or result.errors or result.data is None:
            return
        try:
            document = parsed(query, self._max_tokens)
        except Exception:  # it parsed a moment ago; if not, it is simply not remembered
            return
        operation = get_operation_ast(document, operation_name)
        if operation is None or operation.operation is not OperationType.QUERY:
            return
        s = self.settings
        costs = CostMemo(
            self.schema._schema, document, operation_name, s.default_page_size, s.max_page_size
        )
        self._known.put(
            (text_key(query), operation_name),
            (document, costs),
            document_weight(query) + CostMemo.BYTES,
        )


def _coded(error: GraphQLError) -> bool:
    """An error of a field that the full path would show unchanged."""
    return error.path is not None and isinstance(error.original_error, UserError)
