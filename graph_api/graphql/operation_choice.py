"""Which operation of a document to run: the one `operationName` names, or the only one.

Strawberry runs the first operation when a document holds several and the request names
none; the specification (and graphql-core) call that an error, and so do we.
"""

from __future__ import annotations

from collections.abc import Iterator

from graphql import OperationDefinitionNode
from strawberry.extensions import SchemaExtension

from graph_api.graphql.errors import OperationNameRequiredError


class OperationChoice(SchemaExtension):
    def on_parse(self) -> Iterator[None]:
        yield
        ec = self.execution_context
        # What the request sent: `ec.operation_name` falls back to the first operation.
        if ec.graphql_document is None or ec._provided_operation_name is not None:
            return
        operations = [
            d for d in ec.graphql_document.definitions if isinstance(d, OperationDefinitionNode)
        ]
        if len(operations) > 1:
            # Raised, not returned: Strawberry answers it as a request error, before it
            # picks (the first) operation's type or validates anything.
            raise OperationNameRequiredError(
                f"The document holds {len(operations)} operations: "
                "name the one to run in `operationName`.",
                operations,
            )
