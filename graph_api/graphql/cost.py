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
from typing import Any, Protocol

import orjson
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
    ListValueNode,
    ObjectValueNode,
    OperationDefinitionNode,
    OperationType,
    SelectionSetNode,
    Undefined,
    ValueNode,
    VariableNode,
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
    return _cost_and_reads(schema, document, variables, operation_name, default_page, max_page)[0]


def _cost_and_reads(
    schema: GraphQLSchema,
    document: DocumentNode,
    variables: Mapping[str, Any] | None,
    operation_name: str | None,
    default_page: int,
    max_page: int,
) -> tuple[int, frozenset[str]]:
    """The cost, and the names of the variables the walk read to work it out."""
    operations = [
        d
        for d in document.definitions
        if isinstance(d, OperationDefinitionNode)
        and (operation_name is None or (d.name is not None and d.name.value == operation_name))
    ]
    walks = [_Walk(schema, document, op, variables, default_page, max_page) for op in operations]
    cost = max((walk.operation() for walk in walks), default=1)
    return cost, frozenset().union(*(walk.read for walk in walks))


class CostMemo:
    """The costs of one document's operation, kept by the values of the variables the walk
    read: page sizes and `@skip`/`@include` conditions, not the IDs and filters that make
    most of a frontend's variables. The walk only ever looks at variables through those
    values, so a request that agrees with an earlier one on them costs the same."""

    MAX_READ_SETS = 2  # different `@skip`/`@include` outcomes can read different variables
    MAX_ENTRIES = 64  # per set
    MAX_KEY_BYTES = 200
    BYTES = MAX_READ_SETS * MAX_ENTRIES * (MAX_KEY_BYTES + 100)  # at most, for cache weights

    def __init__(
        self,
        schema: GraphQLSchema,
        document: DocumentNode,
        operation_name: str | None,
        default_page: int,
        max_page: int,
    ) -> None:
        self._walk = (schema, document, operation_name, default_page, max_page)
        self._costs: dict[tuple[str, ...], dict[bytes, int]] = {}

    def cost(self, variables: Mapping[str, Any] | None) -> int:
        given = variables or {}
        for names, costs in self._costs.items():
            known = costs.get(_values_of(names, given) or b"")
            if known is not None:
                return known
        schema, document, operation_name, default_page, max_page = self._walk
        cost, read = _cost_and_reads(
            schema, document, variables, operation_name, default_page, max_page
        )
        names = tuple(sorted(read))
        key = _values_of(names, given)
        if key is not None and len(key) <= self.MAX_KEY_BYTES:
            if names not in self._costs and len(self._costs) >= self.MAX_READ_SETS:
                self._costs.clear()
            costs = self._costs.setdefault(names, {})
            if len(costs) >= self.MAX_ENTRIES:
                costs.clear()
            costs[key] = cost
        return cost


def _values_of(names: tuple[str, ...], variables: Mapping[str, Any]) -> bytes | None:
    """The values of `names` (missing told apart from null), as bytes; None when a value
    is not plain JSON."""
    try:
        return orjson.dumps(
            [[name in variables, variables.get(name)] for name in names],
            option=orjson.OPT_SORT_KEYS,
        )
    except TypeError:
        return None


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
        self.read: set[str] = set()  # the variables looked at (`CostMemo` keys on them)
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
        parent_args: ArgumentValues,
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
        parent_args: ArgumentValues,
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
        args: ArgumentValues,
        parent_args: ArgumentValues,
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
        first = args.get("first", Undefined)
        if first is not Undefined:
            return self.bounded(first, self.max_page, self.default_page)
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

    def arguments(self, node: FieldNode, definition: GraphQLField) -> _Arguments:
        return _Arguments(self, node, definition)

    def value(self, node: ValueNode) -> Any:
        """A literal's value, or a variable's (noting which variables it took)."""
        self.read.update(_variables_in(node))
        return value_from_ast_untyped(node, self.variables)

    def included(self, directives: tuple[DirectiveNode, ...] | None) -> bool:
        for directive in directives or ():
            name = directive.name.value
            if name not in ("skip", "include"):
                continue
            condition = next(
                (a.value for a in directive.arguments or () if a.name.value == "if"), None
            )
            value = Undefined if condition is None else self.value(condition)
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


class ArgumentValues(Protocol):
    def get(self, name: str, default: Any = None) -> Any: ...


class _Arguments:
    """A field's argument values as the resolver would see them, defaults included; each
    read only when the walk asks for it, so that only the variables that matter are read."""

    __slots__ = ("definition", "node", "walk")

    def __init__(self, walk: _Walk, node: FieldNode, definition: GraphQLField) -> None:
        self.walk, self.node, self.definition = walk, node, definition

    def _value(self, name: str) -> Any:
        for arg in self.node.arguments or ():
            if arg.name.value == name:
                value = self.walk.value(arg.value)
                if value is not Undefined:
                    return value
                break
        declared = self.definition.args.get(name)
        return declared.default_value if declared is not None else Undefined

    def get(self, name: str, default: Any = None) -> Any:
        value = self._value(name)
        return default if value is Undefined else value


def _variables_in(node: ValueNode) -> Iterator[str]:
    if isinstance(node, VariableNode):
        yield node.name.value
    elif isinstance(node, ListValueNode):
        for item in node.values:
            yield from _variables_in(item)
    elif isinstance(node, ObjectValueNode):
        for entry in node.fields:
            yield from _variables_in(entry.value)


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
