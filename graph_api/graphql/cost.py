"""Query cost, computed from the document before it runs, in the manner of GitHub's API.

The cost is the number of nodes a query could return. The `edges` (and `nodes`) of a
connection (a field returning a `...Connection` type) hold `first` or `last` nodes for each
parent (default 20; a size outside 1..100 counts as 100: the resolvers refuse it anyway,
the calculator must not trip).
Any other list of objects holds the estimate declared on its field, or its own `first`, or
`DEFAULT_LIST_SIZE`. Each list's nodes are multiplied by the nodes of every list above it,
and all lists are added up. Single objects and scalars are free; a query costs at least 1.
A mutation costs, per root field, 1 plus `WRITE_SURCHARGE` plus its payload selection.
Introspection fields are free. Literal or variable `@skip`/`@include` are honoured. It is an
upper bound: selections GraphQL would merge (the same field twice) count twice.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from graphql import (
    DirectiveNode,
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLField,
    GraphQLInterfaceType,
    GraphQLNamedType,
    GraphQLObjectType,
    GraphQLOutputType,
    GraphQLSchema,
    InlineFragmentNode,
    OperationDefinitionNode,
    OperationType,
    SelectionSetNode,
    Undefined,
    get_named_type,
    is_composite_type,
    is_list_type,
    is_non_null_type,
    value_from_ast_untyped,
)
from strawberry.extensions import SchemaExtension

from graph_api.graphql.errors import QueryTooCostlyError
from graph_api.graphql.mapping import SIZE, FromParent
from graph_api.graphql.parse_cache import validated

DEFINITION = "strawberry-definition"  # where Strawberry keeps a GraphQL field's own field


# How many items a list holds at most, in practice, is declared on its field (`link(size=)`,
# `sized()`, or `metadata=size(...)` on a resolver) and read from there.
DEFAULT_LIST_SIZE = 20
WRITE_SURCHARGE = 10


def query_cost(
    schema: GraphQLSchema,
    document: DocumentNode,
    variables: Mapping[str, Any] | None = None,
    operation_name: str | None = None,
    *,
    default_page: int = 20,
    max_page: int = 100,
) -> int:
    """The cost of the operation that would run (of the dearest one, if that is unclear)."""
    operations = [
        d
        for d in document.definitions
        if isinstance(d, OperationDefinitionNode)
        and (operation_name is None or (d.name is not None and d.name.value == operation_name))
    ]
    return max(
        (
            _Walk(schema, document, op, variables, default_page, max_page).operation()
            for op in operations
        ),
        default=1,
    )


class _Walk:
    def __init__(
        self,
        schema: GraphQLSchema,
        document: DocumentNode,
        operation: OperationDefinitionNode,
        variables: Mapping[str, Any] | None,
        default_page: int,
        max_page: int,
    ) -> None:
        self.schema = schema
        self.op = operation
        self.default_page = default_page
        self.max_page = max_page
        self.fragments = {
            d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)
        }
        self.variables = dict(variables or {})
        # Variables the request leaves out take the defaults the operation declares.
        for definition in operation.variable_definitions or ():
            name = definition.variable.name.value
            if name not in self.variables and definition.default_value is not None:
                self.variables[name] = value_from_ast_untyped(definition.default_value)

    def operation(self) -> int:
        root = self.schema.get_root_type(self.op.operation)
        if root is None:
            return 1
        if self.op.operation is OperationType.MUTATION:
            writes = [f for f in self.fields(self.op.selection_set) if not _free(f)]
            payloads = sum(self.field(f, root, 1, None, {}, frozenset()) for f in writes)
            return max(1, len(writes) * (1 + WRITE_SURCHARGE) + payloads)
        return max(1, self.selections(self.op.selection_set, root, 1, None, {}, frozenset()))

    def fields(
        self, selection_set: SelectionSetNode, seen: frozenset[str] = frozenset()
    ) -> Iterator[FieldNode]:
        """The fields of a selection set, with its fragments spread out."""
        for selection in selection_set.selections:
            if not self.included(selection.directives):
                continue
            if isinstance(selection, FieldNode):
                yield selection
            elif isinstance(selection, InlineFragmentNode):
                yield from self.fields(selection.selection_set, seen)
            elif isinstance(selection, FragmentSpreadNode):
                name = selection.name.value
                fragment = self.fragments.get(name)
                if fragment is not None and name not in seen:
                    yield from self.fields(fragment.selection_set, seen | {name})

    def selections(
        self,
        selection_set: SelectionSetNode,
        parent: GraphQLNamedType,
        multiplier: int,
        page: int | None,
        parent_args: Mapping[str, Any],
        seen: frozenset[str],
    ) -> int:
        """The cost of a selection set on `multiplier` objects of type `parent`; `page` is
        set when `parent` is a connection (its edges hold that many)."""
        total = 0
        for selection in selection_set.selections:
            if not self.included(selection.directives):
                continue
            if isinstance(selection, FieldNode):
                total += self.field(selection, parent, multiplier, page, parent_args, seen)
                continue
            target: GraphQLNamedType | None = parent
            inner_seen = seen
            if isinstance(selection, InlineFragmentNode):
                if selection.type_condition is not None:
                    target = self.schema.get_type(selection.type_condition.name.value)
                inner = selection.selection_set
            elif isinstance(selection, FragmentSpreadNode):
                name = selection.name.value
                fragment = self.fragments.get(name)
                if fragment is None or name in seen:
                    continue  # unknown or cyclic: validation refuses such documents
                target = self.schema.get_type(fragment.type_condition.name.value)
                inner, inner_seen = fragment.selection_set, seen | {name}
            else:
                continue
            if target is not None:
                total += self.selections(inner, target, multiplier, page, parent_args, inner_seen)
        return total

    def field(
        self,
        node: FieldNode,
        parent: GraphQLNamedType,
        multiplier: int,
        page: int | None,
        parent_args: Mapping[str, Any],
        seen: frozenset[str],
    ) -> int:
        if _free(node) or not isinstance(parent, GraphQLObjectType | GraphQLInterfaceType):
            return 0
        definition = parent.fields.get(node.name.value)
        if definition is None:
            return 0
        named = get_named_type(definition.type)
        if not is_composite_type(named):
            return 0  # scalars and enums, lists of them too, are part of their object
        args = self.arguments(node, definition)
        nodes, cost, inner_page = multiplier, 0, None
        if _is_connection(named):
            asked = args.get("first")
            asked = args.get("last") if asked is None else asked
            inner_page = self.bounded(asked, self.max_page, self.default_page)
        elif _is_list(definition.type):
            nodes = multiplier * self.list_size(parent.name, node, args, parent_args, page)
            cost = nodes
        if node.selection_set is not None:
            cost += self.selections(node.selection_set, named, nodes, inner_page, args, seen)
        return cost

    def list_size(
        self,
        parent: str,
        node: FieldNode,
        args: Mapping[str, Any],
        parent_args: Mapping[str, Any],
        page: int | None,
    ) -> int:
        name = node.name.value
        if page is not None and name in ("edges", "nodes"):
            return page
        estimate = self.declared_size(parent, name)
        if isinstance(estimate, int):
            return estimate
        if isinstance(estimate, FromParent):
            value = parent_args.get(estimate.argument)
            return self.bounded(value, estimate.maximum, estimate.maximum)
        if "first" in args:
            return self.bounded(args["first"], self.max_page, self.default_page)
        return DEFAULT_LIST_SIZE

    def declared_size(self, parent: str, name: str) -> int | FromParent | None:
        parent_type = self.schema.get_type(parent)
        if not isinstance(parent_type, GraphQLObjectType | GraphQLInterfaceType):
            return None
        field = parent_type.fields.get(name)
        definition = field.extensions.get(DEFINITION) if field is not None else None
        metadata = getattr(definition, "metadata", None) or {}
        size: int | FromParent | None = metadata.get(SIZE)
        return size

    def arguments(self, node: FieldNode, definition: GraphQLField) -> dict[str, Any]:
        """Argument values as the resolver would see them, defaults included."""
        values = {
            name: arg.default_value
            for name, arg in definition.args.items()
            if arg.default_value is not Undefined
        }
        for arg in node.arguments or ():
            value = value_from_ast_untyped(arg.value, self.variables)
            if value is not Undefined:
                values[arg.name.value] = value
        return values

    def included(self, directives: tuple[DirectiveNode, ...] | None) -> bool:
        for directive in directives or ():
            name = directive.name.value
            if name not in ("skip", "include"):
                continue
            condition = next(
                (a.value for a in directive.arguments or () if a.name.value == "if"), None
            )
            value = (
                Undefined
                if condition is None
                else value_from_ast_untyped(condition, self.variables)
            )
            # An unknown condition counts the selection: the cost is an upper bound.
            if isinstance(value, bool) and (name == "skip") == value:
                return False
        return True

    @staticmethod
    def bounded(value: Any, maximum: int, default: int) -> int:
        if value is None or value is Undefined:
            return default
        if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= maximum:
            return maximum
        return value


def _free(node: FieldNode) -> bool:
    return node.name.value.startswith("__")  # __typename and introspection


def _is_list(type_: GraphQLOutputType) -> bool:
    return is_list_type(type_.of_type if is_non_null_type(type_) else type_)


def _is_connection(named: GraphQLNamedType) -> bool:
    return (
        isinstance(named, GraphQLObjectType)
        and named.name.endswith("Connection")
        and "edges" in named.fields
    )


class QueryCost(SchemaExtension):
    """Refuses a query over the budget after validation and before execution, and reports
    `extensions.cost = {requestedQueryCost, budget}` on every validated request."""

    def __init__(self, budget: int, default_page: int = 20, max_page: int = 100) -> None:
        super().__init__()
        self.budget = budget
        self.default_page = default_page
        self.max_page = max_page
        self.cost: int | None = None

    def on_validate(self) -> Iterator[None]:
        ec = self.execution_context
        if ec.pre_execution_errors is None and ec.graphql_document is not None:
            # Validate here, as Strawberry's ValidationCache does, so that a refusal joins
            # the validation errors: Strawberry then answers without executing anything.
            errors = validated(
                ec.schema._schema, ec.query or "", ec.graphql_document, ec.validation_rules
            )
            if not errors:
                self.cost = query_cost(
                    ec.schema._schema,
                    ec.graphql_document,
                    ec.variables,
                    ec.operation_name,
                    default_page=self.default_page,
                    max_page=self.max_page,
                )
                if self.cost > self.budget:
                    errors = [
                        QueryTooCostlyError(
                            f"This query could return up to {self.cost:,} nodes; the budget "
                            f"is {self.budget:,}. Ask for fewer (a smaller `first`, fewer "
                            "nested lists) or split it.",
                            cost=self.cost,
                            budget=self.budget,
                        )
                    ]
            ec.pre_execution_errors = errors
        yield

    def get_results(self) -> dict[str, Any]:
        if self.cost is None:
            return {}
        return {"cost": {"requestedQueryCost": self.cost, "budget": self.budget}}
