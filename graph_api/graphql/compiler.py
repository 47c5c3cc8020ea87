"""Compile a GraphQL selection into one parameterized Cypher statement.

The root resolver hands over the selected fields; the compiler walks them with the specs in
`graph_api.graphql.specs`, emitting nested map projections, COLLECT subqueries for lists and
paginated connections, and COUNT subqueries only where `totalCount` is selected. The rows
come back shaped like the response, keyed by the Python names of the Strawberry fields, so
the GraphQL layer only reads attributes.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from strawberry.types.nodes import FragmentSpread, InlineFragment, SelectedField

from graph_api.graphql.errors import ForbiddenError, InvalidArgumentError
from graph_api.graphql.relay import check_first, decode_cursor
from graph_api.graphql.specs import REGISTRY, Conn, Link, Prop, Same

Selection = SelectedField | FragmentSpread | InlineFragment

# GraphQL type name -> GraphQL field name -> Python attribute name (from the Strawberry schema).
PYTHON_NAMES: dict[str, dict[str, str]] = {}
# Interfaces each type implements, so `... on Node` fragments apply.
INTERFACES: dict[str, set[str]] = {}


@dataclass
class ConnectionArgs:
    first: int
    after: str | None
    sort: str
    after_key: list[Any] | None


@dataclass
class Compiler:
    max_page_size: int
    default_page_size: int
    params: dict[str, Any] = field(default_factory=dict)
    # Values that must exist: (label, key property, parameter, what to call them in errors).
    checks: list[tuple[str, str, str, str]] = field(default_factory=list)
    # Who may see what: type -> condition over `{m}` ANDed wherever that type is reached,
    # and (type, field) -> why the caller may not select that field.
    visibility: dict[str, str] = field(default_factory=dict)
    forbidden: dict[tuple[str, str], str] = field(default_factory=dict)
    _counter: int = 0

    # -- names -----------------------------------------------------------------------------
    def var(self, prefix: str = "n") -> str:
        self._counter += 1
        return f"{prefix}{self._counter}"

    def param(self, value: Any) -> str:
        name = f"p{len(self.params)}"
        self.params[name] = value
        return f"${name}"

    def existing(self, label: str, prop: str, values: list[Any], what: str) -> str:
        """A parameter for `values`, each of which must name an existing node."""
        param = self.param(values)
        self.checks.append((label, prop, param, what))
        return param

    # -- selections ------------------------------------------------------------------------
    def fields_of(self, type_name: str, selections: Iterable[Selection]) -> list[SelectedField]:
        """Flatten fragments that apply to `type_name`; honour @skip and @include."""
        out: list[SelectedField] = []
        for sel in selections:
            if not _included(sel.directives):
                continue
            if isinstance(sel, SelectedField):
                out.append(sel)
            elif (
                sel.type_condition is None
                or sel.type_condition == type_name
                or (sel.type_condition in INTERFACES.get(type_name, ()))
            ):
                out.extend(self.fields_of(type_name, sel.selections))
        return out

    # -- projections -----------------------------------------------------------------------
    def project(self, type_name: str, n: str, selections: Iterable[Selection], r: str = "") -> str:
        """A Cypher map literal with one entry per selected field of `type_name`."""
        specs = REGISTRY[type_name]
        names = PYTHON_NAMES[type_name]
        entries: dict[str, str] = {}
        merged: dict[str, list[Selection]] = {}
        for sel in self.fields_of(type_name, selections):
            if sel.name == "__typename":
                continue
            if (type_name, sel.name) in self.forbidden:
                raise ForbiddenError(self.forbidden[(type_name, sel.name)])
            spec = specs[sel.name]
            if isinstance(spec, Conn):
                key = sel.alias or sel.name
                entries[key] = self.connection(spec, n, sel)
            else:
                # Fields without arguments give the same value under any alias: merge them.
                merged.setdefault(sel.name, []).extend(sel.selections)
        for name, subs in merged.items():
            spec = specs[name]
            key = names[name]
            if isinstance(spec, Prop):
                entries[key] = spec.expr.format(n=n, r=r)
            elif isinstance(spec, Same):
                entries[key] = self.project(spec.target, n, subs, r)
            elif isinstance(spec, Link):
                entries[key] = self.link(spec, n, subs)
        if type_name in INTERFACES:
            entries["__typename"] = f"'{type_name}'"
        return "{" + ", ".join(f"`{k}`: {v}" for k, v in entries.items()) + "}"

    def link(self, spec: Link, n: str, selections: Sequence[Selection]) -> str:
        m, r = self.var("m"), self.var("r")
        pattern = spec.pattern.format(n=n, m=m, r=r)
        conditions = [spec.where.format(n=n, m=m, r=r)] if spec.where else []
        conditions += self.visible(spec.target, m)
        where = f" WHERE {' AND '.join(conditions)}" if conditions else ""
        body = self.project(spec.target, m, selections, r)
        if not spec.many:
            return f"COLLECT {{ MATCH {pattern}{where} RETURN {body} LIMIT 1 }}[0]"
        order = f" ORDER BY {spec.order.format(n=n, m=m, r=r)}" if spec.order else ""
        carried = f"{m}, {r}" if "{r}" in spec.pattern else m
        return f"COLLECT {{ MATCH {pattern}{where} WITH {carried}{order} RETURN {body} }}"

    def connection_args(self, spec: Conn, arguments: dict[str, Any]) -> ConnectionArgs:
        """Validate `first`, `sort` and `after` whatever else is selected."""
        first = arguments.get("first")
        first = check_first(
            self.default_page_size if first is None else int(first), self.max_page_size
        )
        sort = arguments.get("sort") or spec.default_sort
        sort = getattr(sort, "value", sort)
        if sort not in spec.sorts:
            raise InvalidArgumentError(f"Unknown sort {sort!r}.", argument="sort")
        after = arguments.get("after")
        key = None if after is None else decode_cursor(after, sort, len(spec.sorts[sort].keys))
        return ConnectionArgs(first=first, after=after, sort=sort, after_key=key)

    def connection(
        self,
        spec: Conn,
        n: str,
        sel: SelectedField,
        extra_where: Sequence[str] = (),
    ) -> str:
        """`{edges: COLLECT {...}, totalCount: COUNT {...}}` for one page of a connection."""
        args = self.connection_args(spec, sel.arguments)
        m, r = self.var("m"), self.var("r")
        pattern = spec.pattern.format(n=n, m=m, r=r)
        conditions = [spec.where.format(n=n, m=m, r=r)] if spec.where else []
        # Filter conditions hold literal Cypher braces (EXISTS { ... }): substitute, not format.
        conditions += [c.replace("{m}", m) for c in extra_where]
        conditions += self.visible(spec.node_type, m)
        for arg, template in spec.arg_filters.items():
            value = sel.arguments.get(arg)
            if value is not None:
                value = self.param(getattr(value, "value", value))
                conditions.append(template.format(n=n, m=m, r=r, value=value))
        sort = spec.sorts[args.sort]
        keys = [k.format(n=n, m=m, r=r) for k in sort.keys]
        parts: dict[str, str] = {}
        node_type, edge_type = spec.node_type, spec.edge_type
        conn_fields = self.fields_of(spec.connection_type, sel.selections)
        if any(f.name == "totalCount" for f in conn_fields):
            where = f" WHERE {' AND '.join(conditions)}" if conditions else ""
            parts["total_count"] = f"COUNT {{ MATCH {pattern}{where} }}"
        edge_sels = [s for f in conn_fields if f.name == "edges" for s in f.selections]
        wants_page_info = any(f.name == "pageInfo" for f in conn_fields)
        if edge_sels or wants_page_info:
            page_where = list(conditions)
            if args.after_key is not None:
                page_where.append(self.keyset(keys, sort.descending, args.after_key))
            where = f" WHERE {' AND '.join(page_where)}" if page_where else ""
            order = ", ".join(
                f"{k} DESC" if desc else k for k, desc in zip(keys, sort.descending, strict=True)
            )
            edge = {"_k": "[" + ", ".join([self.param(args.sort), *keys]) + "]"}
            for ef in self.fields_of(edge_type, edge_sels):
                if ef.name == "node":
                    edge["node"] = self.project(node_type, m, [*ef.selections], r)
                elif ef.name in spec.edge_props:
                    edge[PYTHON_NAMES[edge_type][ef.name]] = spec.edge_props[ef.name].format(
                        n=n, m=m, r=r
                    )
            body = "{" + ", ".join(f"`{k}`: {v}" for k, v in edge.items()) + "}"
            limit = self.param(args.first + 1)
            carried = f"{m}, {r}" if "{r}" in spec.pattern else m
            parts["edges"] = (
                f"COLLECT {{ MATCH {pattern}{where} WITH {carried} ORDER BY {order} "
                f"LIMIT {limit} RETURN {body} }}"
            )
        return "{" + ", ".join(f"`{k}`: {v}" for k, v in parts.items()) + "}"

    def visible(self, type_name: str, var: str) -> list[str]:
        """The visibility condition for nodes of `type_name` bound to `var`, if any."""
        rule = self.visibility.get(type_name)
        return [rule.replace("{m}", var)] if rule else []

    def keyset(self, keys: list[str], descending: Sequence[bool], values: list[Any]) -> str:
        """Rows strictly after the cursor in (k1, k2, ...) order: a lexicographic comparison."""
        clauses = []
        for i, key in enumerate(keys):
            op = "<" if descending[i] else ">"
            equal = [f"{keys[j]} = {self.param(values[j])}" for j in range(i)]
            clauses.append(
                "(" + " AND ".join([*equal, f"{key} {op} {self.param(values[i])}"]) + ")"
            )
        return "(" + " OR ".join(clauses) + ")"


def _included(directives: dict[str, Any]) -> bool:
    skip = directives.get("skip")
    if skip and skip.get("if"):
        return False
    include = directives.get("include")
    return not (include is not None and not include.get("if"))
