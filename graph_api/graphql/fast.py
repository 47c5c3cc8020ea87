"""An execution fast path for compiled results.

The compiled Cypher already returns every object as a dict shaped like the response, so
walking it field by field through graphql-core's general machinery (a resolve-info object,
a resolver call and several checks per field) costs far more than Neo4j took to produce it.
For dicts of compiled types this context copies plain fields straight across, serializing
leaves and recursing into objects and lists; fields with their own resolvers (cursors,
nested connections, rendered HTML), objects of an interface or union that do not name a
possible type, and anything unexpected (a missing non-null value, say) go through the
standard path, which also reports errors as usual.

What to do with each selected field of a type is worked out once (a plan) and reused for
every object of that type in the response: a list of 342 municipalities costs one plan and
342 cheap copies, not 342 rounds of field lookups. For an operation without directives the
selections do not depend on the variables, so its plans (and graphql-core's collected
subfields) are kept with the parsed operation and reused by every request that sends it.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from graphql import (
    DirectiveNode,
    GraphQLEnumType,
    GraphQLInterfaceType,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLOutputType,
    GraphQLScalarType,
    GraphQLUnionType,
    Node,
    OperationDefinitionNode,
    VariableDefinitionNode,
)
from graphql.pyutils import Path
from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext

from graph_api.graphql.mapping import RowReader, row_reader
from graph_api.graphql.model import TypeMap

_FALLBACK = object()
# Per schema: (type, field) -> how that field is filled in (`_template`).
_TEMPLATES: weakref.WeakKeyDictionary[Any, dict[tuple[str, str], _FieldPlan | None]]
_TEMPLATES = weakref.WeakKeyDictionary()
_PLAIN_SCALARS = {"String": str, "ID": str, "Int": int, "Float": float, "Boolean": bool}
# Per parsed operation, by identity (AST nodes hash and compare by content, all the way
# down): its plans and collected subfields, or None when its selections may depend on the
# variables (directives) and are worked out for each request. An entry goes with its node.
_SHARED: dict[int, tuple[weakref.ref[OperationDefinitionNode], dict[Any, Any] | None]] = {}

# How a field is filled in: its `__typename`; a leaf copied (or serialized) from the row; an
# enum's name looked up; an object, or a list of objects, of a compiled type walked from the
# row; any other value walked from the row; or its resolver through the standard path.
_TYPENAME, _LEAF, _ENUM, _OBJECT, _OBJECTS, _WALK, _RESOLVE = range(7)


@dataclass(slots=True)
class _FieldPlan:
    response_name: str
    mode: int
    details: Any
    key: str = ""  # the row's key for this field (its Python name)
    nonnull: bool = False
    plain: type | None = None  # a leaf already of this type is copied as it is
    serialize: Callable[[Any], Any] | None = None
    return_type: GraphQLOutputType | None = None  # what a walked value is (an item's, _OBJECTS)
    reader: RowReader | None = None  # a resolver's own reading of the row (`reads_row`)
    names: dict[str, str] | None = None  # an enum's names by value (_ENUM)
    # The selection and plan of its objects (_OBJECT, _OBJECTS): this plan lives as long as
    # `details`, in the same cache as `_subplan`'s entry, so it keeps that entry at hand.
    sub: tuple[Any, list[_FieldPlan]] | None = None


class CompiledExecutionContext(StrawberryGraphQLCoreExecutionContext):
    @property
    def _types(self) -> dict[str, TypeMap]:
        # The graph model of the Strawberry schema this GraphQL schema was built from.
        types: dict[str, TypeMap] = self.schema._strawberry_schema.graph_model.types  # type: ignore[attr-defined]
        return types

    def execute_fields(
        self,
        parent_type: GraphQLObjectType,
        source_value: Any,
        path: Path | None,
        grouped_field_set: Any,
        position_context: Any,
    ) -> Any:
        if type(source_value) is not dict or parent_type.name not in self._types:
            return super().execute_fields(
                parent_type, source_value, path, grouped_field_set, position_context
            )
        plan = self._plan(parent_type, grouped_field_set)
        return self._object(
            parent_type, plan, source_value, path, grouped_field_set, position_context
        )

    @property
    def _cache(self) -> dict[Any, Any]:
        """Where plans are kept: with the operation when they hold for every request,
        else with this request."""
        cache = self.__dict__.get("_cache_")
        if cache is None:
            cache = _shared(self.operation, self.fragments)
            if cache is None:
                cache = {}
            self.__dict__["_cache_"] = cache
        return cache

    def collect_subfields(self, return_type: GraphQLObjectType, field_details_list: Any) -> Any:
        # graphql-core memoizes on the list's identity, once per request; the root field's
        # list is new each time, so an operation's own entries go by its field nodes.
        shared = _shared(self.operation, self.fragments)
        if shared is None:
            return super().collect_subfields(return_type, field_details_list)
        nodes = tuple(d.node for d in field_details_list)
        key = ("subfields", return_type.name, *map(id, nodes))
        cached = shared.get(key)
        if cached is None:
            # The nodes are kept in the entry so that their ids cannot be reused meanwhile.
            cached = (nodes, super().collect_subfields(return_type, field_details_list))
            shared[key] = cached
        return cached[1]

    def _plan(self, parent_type: GraphQLObjectType, grouped_field_set: Any) -> list[_FieldPlan]:
        """The plan for `parent_type` under this selection; the grouped field set of a
        selection is one object for the whole request (or operation, `_cache`), so its
        identity is the key."""
        plans: dict[tuple[str, int], tuple[Any, list[_FieldPlan]]] = self._cache
        key = (parent_type.name, id(grouped_field_set))
        cached = plans.get(key)
        if cached is not None and cached[0] is grouped_field_set:
            return cached[1]
        out = []
        for response_name, details in grouped_field_set.items():
            t = self._template(parent_type, details[0].node.name.value)
            if t is not None:
                out.append(
                    _FieldPlan(
                        response_name,
                        t.mode,
                        details,
                        t.key,
                        t.nonnull,
                        t.plain,
                        t.serialize,
                        t.return_type,
                        t.reader,
                        t.names,
                    )
                )
        # The field set is kept in the entry so that its id cannot be reused meanwhile.
        plans[key] = (grouped_field_set, out)
        return out

    def _template(self, parent_type: GraphQLObjectType, field_name: str) -> _FieldPlan | None:
        """What to do with `field_name` of `parent_type`, whatever the request: worked out
        once per schema (None for a field the type does not have)."""
        templates = _TEMPLATES.setdefault(self.schema, {})
        key = (parent_type.name, field_name)
        if key in templates:
            return templates[key]
        templates[key] = t = self._classify(parent_type, field_name)
        return t

    def _classify(self, parent_type: GraphQLObjectType, field_name: str) -> _FieldPlan | None:
        if field_name == "__typename":
            return _FieldPlan("", _TYPENAME, None)
        field_def = parent_type.fields.get(field_name)
        if field_def is None:
            return None
        names = self._types[parent_type.name].python_names
        reader = _row_reader(field_def)
        if reader is None and not (
            getattr(field_def.resolve, "_is_default", False) and field_name in names
        ):
            return _FieldPlan("", _RESOLVE, None)
        return_type = field_def.type
        nonnull = isinstance(return_type, GraphQLNonNull)
        if isinstance(return_type, GraphQLNonNull):
            return_type = return_type.of_type
        plan = _FieldPlan("", _WALK, None, names.get(field_name, ""), nonnull)
        if reader is not None:
            plan.reader, plan.return_type = reader, return_type  # walked, scalar or not
        elif isinstance(return_type, GraphQLScalarType):
            plan.mode, plan.serialize = _LEAF, return_type.serialize
            plan.plain = _PLAIN_SCALARS.get(return_type.name)
        elif isinstance(return_type, GraphQLEnumType):
            plan.mode, plan.serialize = _ENUM, return_type.serialize
            # Rows hold an enum's value as text; anything else is serialized as usual.
            plan.names = {v.value: n for n, v in return_type.values.items() if type(v.value) is str}
        elif self._compiled(return_type):
            plan.mode, plan.return_type = _OBJECT, return_type
        elif isinstance(return_type, GraphQLList) and self._compiled(
            item := _nullable(return_type.of_type)
        ):
            plan.mode, plan.return_type = _OBJECTS, item
        else:
            plan.return_type = return_type
        return plan

    def _compiled(self, t: GraphQLOutputType) -> bool:
        """An object type whose objects compiled statements return as dicts."""
        return isinstance(t, GraphQLObjectType) and t.name in self._types

    def _object(
        self,
        parent_type: GraphQLObjectType,
        plan: list[_FieldPlan],
        source: dict[str, Any],
        path: Any,
        grouped_field_set: Any,
        position_context: Any,
    ) -> Any:
        # `path` is a graphql-core Path or, below the first level, a plain (prev, key, type)
        # tuple: cheaper to build for every object of a page, and made a Path (`_path`) only
        # for a field that takes the standard path.
        results: dict[str, Any] = {}
        for f in plan:
            mode = f.mode
            name = f.response_name
            if mode == _TYPENAME:
                results[name] = parent_type.name
                continue
            if mode == _RESOLVE:
                value = _FALLBACK
            else:
                value = source.get(f.key) if f.reader is None else f.reader(source, name)
                if value is None:
                    if not f.nonnull:
                        results[name] = None
                        continue
                    value = _FALLBACK  # a missing non-null value: the standard path reports it
                elif mode == _LEAF:
                    results[name] = value if type(value) is f.plain else f.serialize(value)  # type: ignore[misc]
                    continue
                elif mode == _ENUM:
                    known = f.names.get(value) if type(value) is str else None  # type: ignore[union-attr]
                    results[name] = f.serialize(value) if known is None else known  # type: ignore[misc]
                    continue
                elif mode == _OBJECT and type(value) is dict:
                    t: GraphQLObjectType = f.return_type  # type: ignore[assignment]
                    sub = f.sub or self._field_subplan(f)
                    value = self._object(
                        t, sub[1], value, (path, name, parent_type.name), sub[0], position_context
                    )
                elif mode == _OBJECTS and type(value) is list:
                    value = self._objects(
                        f.return_type,  # type: ignore[arg-type]
                        f.sub or self._field_subplan(f),
                        value,
                        (path, name, parent_type.name),
                        position_context,
                    )
                elif mode in (_OBJECT, _OBJECTS):
                    value = _FALLBACK  # not the shape compiled rows have
                else:
                    value = self._value(
                        f.return_type,  # type: ignore[arg-type]
                        f.details,
                        value,
                        (path, name, parent_type.name),
                        position_context,
                    )
            if value is _FALLBACK:
                value = self.execute_field(
                    parent_type,
                    source,
                    f.details,
                    Path(_path(path), name, parent_type.name),
                    position_context,
                )
                if self.is_awaitable(value):
                    # Our own resolvers are synchronous; anything else takes the long way.
                    return super().execute_fields(
                        parent_type, source, _path(path), grouped_field_set, position_context
                    )
            results[name] = value
        return results

    def _field_subplan(self, f: _FieldPlan) -> tuple[Any, list[_FieldPlan]]:
        f.sub = self._subplan(f.return_type, f.details)  # type: ignore[arg-type]
        return f.sub

    def _objects(
        self,
        item_type: GraphQLObjectType,
        subplan: tuple[Any, list[_FieldPlan]],
        items: list[Any],
        path: Any,
        position_context: Any,
    ) -> Any:
        """A list of compiled objects: one plan for all of them."""
        grouped, plan = subplan
        out = []
        for index, item in enumerate(items):
            if type(item) is not dict:
                return _FALLBACK
            out.append(
                self._object(item_type, plan, item, (path, index, None), grouped, position_context)
            )
        return out

    def _value(
        self,
        return_type: GraphQLOutputType,
        details: Any,
        value: Any,
        path: Any,
        position_context: Any,
    ) -> Any:
        if isinstance(return_type, GraphQLNonNull):
            if value is None:
                return _FALLBACK  # the standard path raises the proper error
            return_type = return_type.of_type
        if value is None:
            return None
        if isinstance(return_type, GraphQLScalarType):
            plain = _PLAIN_SCALARS.get(return_type.name)
            if plain is not None and type(value) is plain:
                return value
            return return_type.serialize(value)
        if isinstance(return_type, GraphQLEnumType):
            return return_type.serialize(value)
        if isinstance(return_type, GraphQLList):
            if type(value) is not list:
                return _FALLBACK
            item_type = return_type.of_type
            out = []
            inner = _nullable(item_type)
            if self._compiled(inner):
                sub = self._subplan(inner, details)
                return self._objects(inner, sub, value, path, position_context)
            for index, item in enumerate(value):
                done = self._value(item_type, details, item, (path, index, None), position_context)
                if done is _FALLBACK:
                    return _FALLBACK
                out.append(done)
            return out
        if (
            isinstance(return_type, GraphQLObjectType)
            and type(value) is dict
            and return_type.name in self._types
        ):
            grouped, plan = self._subplan(return_type, details)
            return self._object(return_type, plan, value, path, grouped, position_context)
        if isinstance(return_type, GraphQLInterfaceType | GraphQLUnionType) and type(value) is dict:
            # Compiled objects of an interface or union name their type, as the standard
            # path's type resolver reads it; one that names no possible type takes that path.
            concrete = self.schema.get_type(value.get("__typename") or "")
            if (
                isinstance(concrete, GraphQLObjectType)
                and concrete.name in self._types
                and self.schema.is_sub_type(return_type, concrete)
            ):
                grouped, plan = self._subplan(concrete, details)
                return self._object(concrete, plan, value, path, grouped, position_context)
        return _FALLBACK

    def _subplan(
        self, return_type: GraphQLObjectType, details: Any
    ) -> tuple[Any, list[_FieldPlan]]:
        """The selection and plan of a field's objects, worked out once per field and request:
        every edge of a page has a `node`, and they all share the same field nodes."""
        subplans: dict[tuple[str, str, int], tuple[Any, Any, list[_FieldPlan]]] = self._cache
        key = ("subplan", return_type.name, id(details))
        cached = subplans.get(key)
        if cached is not None and cached[0] is details:
            return cached[1], cached[2]
        grouped = self.collect_subfields(return_type, details)[0]
        plan = self._plan(return_type, grouped)
        # The field nodes are kept in the entry so that their id cannot be reused meanwhile.
        subplans[key] = (details, grouped, plan)
        return grouped, plan


def _nullable(t: Any) -> Any:
    return t.of_type if isinstance(t, GraphQLNonNull) else t


def _path(path: Any) -> Path | None:
    """A graphql-core Path for a path of plain tuples (`_object`)."""
    if type(path) is tuple:
        prev, key, typename = path
        return Path(_path(prev), key, typename)
    return path


def _shared(operation: OperationDefinitionNode, fragments: dict[str, Any]) -> dict[Any, Any] | None:
    """The operation's own cache, or None if a directive (`@skip(if: $x)`, say) or a
    fragment's variables can make its selections differ from one request to the next."""
    entry = _SHARED.get(id(operation))
    if entry is not None and entry[0]() is operation:
        return entry[1]
    fixed = not any(
        isinstance(node, DirectiveNode | VariableDefinitionNode)
        for part in (operation.selection_set, *(f.definition for f in fragments.values()))
        for node in _nodes(part)
    )
    cache: dict[Any, Any] | None = {} if fixed else None
    key = id(operation)

    def forget(ref: weakref.ref[OperationDefinitionNode]) -> None:
        if _SHARED.get(key, (None,))[0] is ref:
            del _SHARED[key]

    _SHARED[key] = (weakref.ref(operation, forget), cache)
    return cache


def _nodes(node: Node) -> Iterator[Node]:
    yield node
    for key in node.keys:
        value = getattr(node, key, None)
        if isinstance(value, Node):
            yield from _nodes(value)
        elif isinstance(value, tuple | list):
            for item in value:
                if isinstance(item, Node):
                    yield from _nodes(item)


def _row_reader(field_def: Any) -> RowReader | None:
    definition = field_def.extensions.get("strawberry-definition")
    resolver = getattr(definition, "base_resolver", None)
    return row_reader(getattr(resolver, "wrapped_func", None))
