"""The graph model, derived once from the types' declarations when the schema is built.

For each GraphQL type the compiler may meet: its fields' Cypher (patterns written out from
relationship and label), Python attribute names, interfaces, and for node types the label
and key that `node(id:)` reads. Nothing here is filled by import side effects: the model
belongs to one schema and is reached through it (`model_of(info)`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from graphql import GraphQLObjectType, GraphQLSchema, get_named_type
from strawberry.types import Info
from strawberry.types.base import StrawberryObjectDefinition
from strawberry.types.field import StrawberryField

from graph_api.graph_names import SOLE_ENDS, Rel, RelOrder
from graph_api.graphql.mapping import (
    GRAPH,
    GUARD,
    NODE,
    Conn,
    Direction,
    Guard,
    Link,
    NodeDecl,
    Prop,
    Same,
    Sort,
)
from graph_api.graphql.projections import Projections

_TEXT_SCALARS = {"Date", "DateTime"}  # temporal values leave Cypher as ISO 8601 text


@dataclass(frozen=True)
class LinkSpec:
    pattern: str
    target: str
    many: bool
    order: str = ""
    where: str = ""


@dataclass(frozen=True)
class SameSpec:
    target: str


@dataclass(frozen=True)
class ConnSpec:
    pattern: str
    node_type: str
    connection_type: str
    edge_type: str
    sorts: Mapping[str, Sort]
    defaults: Mapping[str, Any]  # GraphQL argument name -> declared default
    edge_props: Mapping[str, str] = field(default_factory=dict)
    where: str = ""
    arg_filters: Mapping[str, str] = field(default_factory=dict)
    in_order: RelOrder | None = None
    # `{n}`'s relationships of the connection without the far node's label, when the type's
    # far end always has the node's label (`graph_names.SOLE_ENDS`): what an unfiltered
    # `totalCount` counts, from the degree store.
    degree: str = ""


FieldSpec = Prop | LinkSpec | SameSpec | ConnSpec


@dataclass
class TypeMap:
    name: str
    python_names: dict[str, str]
    interfaces: frozenset[str] = frozenset()
    fields: dict[str, FieldSpec] = field(default_factory=dict)
    node: NodeDecl | None = None
    guards: dict[str, Guard] = field(default_factory=dict)


@dataclass
class ViewerRules:
    """The visibility conditions and forbidden fields for one kind of viewer, with the
    parameters the conditions use (the first ones of every statement)."""

    visibility: dict[str, str]
    forbidden: dict[tuple[str, str], str]
    params: dict[str, Any]


@dataclass
class GraphModel:
    types: dict[str, TypeMap]
    # `Type.field` -> the spec of a root connection (a field of Query).
    roots: dict[str, ConnSpec]
    # What each kind of viewer may see, worked out once (`Compiler.apply_viewer`).
    viewer_rules: dict[Any, ViewerRules] = field(default_factory=dict, repr=False)
    # Projections of single-object root fields kept between requests.
    projections: Projections = field(default_factory=Projections, repr=False)

    @property
    def node_types(self) -> dict[str, NodeDecl]:
        """Types `node(id:)` can fetch: declared nodes that implement the Node interface."""
        return {
            name: t.node
            for name, t in self.types.items()
            if t.node is not None and "Node" in t.interfaces
        }


def model_of(info: Info) -> GraphModel:
    model: GraphModel = info.schema.graph_model  # type: ignore[attr-defined]
    return model


def pattern(n: str, rel: str, direction: Direction, label: str, with_r: bool) -> str:
    """A one-step pattern template from `n` to `{m}` (to any node, unbound, without a
    `label`), the relationship bound to `{r}` if asked."""
    inner = f"{{r}}:{rel}" if with_r else f":{rel}"
    left, right = ("<-", "-") if direction == "in" else ("-", "->" if direction == "out" else "-")
    far = f"{{m}}:{label}" if label else ""  # no label: any node, as a degree counts them
    return f"({n}){left}[{inner}]{right}({far})"


class _Builder:
    def __init__(self, converter: Any, graphql_schema: GraphQLSchema, name_of: Any) -> None:
        self.definitions: dict[str, StrawberryObjectDefinition] = {}
        for type_def in converter.type_map.values():
            definition = type_def.definition
            if isinstance(definition, StrawberryObjectDefinition) and not definition.is_interface:
                self.definitions[definition.name] = definition
        self.graphql = graphql_schema
        self.name_of = name_of  # StrawberryField -> GraphQL name

    def build(self) -> GraphModel:
        types: dict[str, TypeMap] = {}
        for name, definition in self.definitions.items():
            gql = self.graphql.type_map.get(name)
            interfaces = (
                frozenset(i.name for i in gql.interfaces)
                if isinstance(gql, GraphQLObjectType)
                else frozenset()
            )
            types[name] = TypeMap(
                name,
                {self.name_of(f): f.python_name for f in definition.fields},
                interfaces,
                node=getattr(definition.origin, NODE, None),
            )
        roots: dict[str, ConnSpec] = {}
        structural: set[str] = set()  # connection and edge types: the compiler shapes them
        for name, definition in self.definitions.items():
            t = types[name]
            for f in definition.fields:
                decl = f.metadata.get(GRAPH)
                if not isinstance(decl, Conn):
                    continue
                gql_name = self.name_of(f)
                spec = self.connection(types, t, gql_name, f, decl)
                structural |= {spec.connection_type, spec.edge_type}
                if decl.rel is None:
                    roots[f"{name}.{gql_name}"] = spec
                else:
                    t.fields[gql_name] = spec
        for name, definition in self.definitions.items():
            t = types[name]
            declared = {self.name_of(f): f for f in definition.fields}
            for gql_name, f in declared.items():
                if GUARD in f.metadata:
                    t.guards[gql_name] = f.metadata[GUARD]
            # Types with declarations are compiled; root types only carry root connections.
            compiled = t.node is not None or any(
                GRAPH in f.metadata and not _is_root(f.metadata[GRAPH]) for f in declared.values()
            )
            if not compiled or name in structural:
                continue
            for gql_name, f in declared.items():
                if gql_name not in t.fields:
                    t.fields[gql_name] = self.spec(types, t, gql_name, f, f.metadata.get(GRAPH))
        return GraphModel(types, roots)

    def spec(
        self, types: dict[str, TypeMap], t: TypeMap, gql_name: str, f: StrawberryField, decl: Any
    ) -> FieldSpec:
        target = self.target_name(t.name, gql_name)
        if decl is None:
            if gql_name == "id" and t.node is not None:
                key = f"{{n}}.{t.node.key}"
                key = f"toString({key})" if t.node.numeric_key else key
                return Prop(f"'{t.name}:' + {key}")
            if target in self.definitions:
                raise TypeError(f"{t.name}.{gql_name}: declare how it is read (link or same)")
            read = f"{{n}}.{gql_name}"
            if target == "DateTime":
                # RFC 3339: a value stored with a named zone prints "...+02:00[Europe/..]";
                # the offset says it all.
                return Prop(f"split(toString({read}), '[')[0]")
            return Prop(f"toString({read})" if target in _TEXT_SCALARS else read)
        if isinstance(decl, Prop):
            return decl
        if isinstance(decl, Same):
            return SameSpec(target)
        if isinstance(decl, Link):
            label = decl.label or self.label_of(types, target, t.name, gql_name)
            with_r = "{r}" in decl.order or "{r}" in decl.where or types[target].node is None
            return LinkSpec(
                pattern("{n}", decl.rel, decl.direction, label, with_r),
                target,
                self.is_list(t.name, gql_name),
                decl.order,
                decl.where,
            )
        raise TypeError(f"{t.name}.{gql_name}: unknown declaration {decl!r}")

    def connection(
        self, types: dict[str, TypeMap], t: TypeMap, gql_name: str, f: StrawberryField, decl: Conn
    ) -> ConnSpec:
        connection_type = self.target_name(t.name, gql_name)
        edge_type = self.target_name(connection_type, "edges")
        node_type = self.target_name(edge_type, "node")
        node = types[node_type].node
        if node is None:
            raise TypeError(f"{t.name}.{gql_name}: a connection's node must be a @node type")
        sorts = decl.sorts if decl.sorts is not None else node.sorts
        edge_props = {
            name: spec.expr
            for name, spec in (
                (self.name_of(ef), ef.metadata.get(GRAPH))
                for ef in self.definitions[edge_type].fields
            )
            if isinstance(spec, Prop)
        }
        if decl.rel is None:
            path = f"({{m}}:{node.label})"
        else:
            path = pattern("{n}", decl.rel, decl.direction, node.label, True)
        defaults = {self.name_of(a): a.default for a in f.arguments}
        degree = ""
        ends = SOLE_ENDS.get(Rel(decl.rel)) if decl.rel in SOLE_ENDS else None
        if (
            decl.rel is not None
            and ends is not None
            and decl.direction != "both"
            and ends[0 if decl.direction == "in" else 1] == node.label
        ):
            degree = pattern("{n}", decl.rel, decl.direction, "", False)
        return ConnSpec(
            path,
            node_type,
            connection_type,
            edge_type,
            {_value(k): v for k, v in sorts.items()},
            {k: _value(v) for k, v in defaults.items()},
            edge_props,
            decl.where,
            decl.arg_filters,
            decl.in_order,
            degree,
        )

    def target_name(self, type_name: str, gql_name: str) -> str:
        gql = self.graphql.type_map[type_name]
        assert isinstance(gql, GraphQLObjectType)
        return get_named_type(gql.fields[gql_name].type).name

    def is_list(self, type_name: str, gql_name: str) -> bool:
        gql = self.graphql.type_map[type_name]
        assert isinstance(gql, GraphQLObjectType)
        return "[" in str(gql.fields[gql_name].type)

    def label_of(self, types: dict[str, TypeMap], target: str, owner: str, field: str) -> str:
        node = types[target].node
        if node is None:
            raise TypeError(f"{owner}.{field}: {target} is no @node type; give the link a label")
        return node.label


def _is_root(decl: Any) -> bool:
    return isinstance(decl, Conn) and decl.rel is None


def _value(v: Any) -> Any:
    return getattr(v, "value", v)


def build_model(schema: Any) -> GraphModel:
    """Derive the model from a built Strawberry schema."""
    converter = schema.config.name_converter

    def name_of(f: Any) -> str:
        if f.graphql_name:
            return str(f.graphql_name)
        return str(converter.apply_naming_config(f.python_name))

    return _Builder(schema.schema_converter, schema._schema, name_of).build()
