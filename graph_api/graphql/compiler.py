"""Compile a GraphQL selection into one parameterized Cypher statement.

The root resolver hands over the selected fields; the compiler walks them with the graph
model derived from the types' declarations (`graph_api.graphql.model`),
emitting nested map projections, COLLECT subqueries for lists and
paginated connections, and COUNT subqueries only where `totalCount` is selected. The rows
come back shaped like the response, keyed by the Python names of the Strawberry fields, so
the GraphQL layer only reads attributes.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from strawberry.types.nodes import FragmentSpread, InlineFragment, SelectedField

from graph_api.auth.viewer import Viewer
from graph_api.graph_names import RelOrder
from graph_api.graphql.errors import ForbiddenError, InvalidArgumentError, InvalidCursorError
from graph_api.graphql.filtering import ANCHOR as ANCHOR_VAR
from graph_api.graphql.filtering import Condition, InOrder, PropertyIn
from graph_api.graphql.mapping import Prop
from graph_api.graphql.model import ConnSpec, GraphModel, LinkSpec, SameSpec, ViewerRules
from graph_api.graphql.relay import check_page, decode_cursor

Selection = SelectedField | FragmentSpread | InlineFragment

# A filtered root list's page (`Compiler._walk_or_anchor`) starts from the filter's nodes
# when they reach fewer than 1/ANCHOR_SHARE of the label, and otherwise walks at most
# WALK_BUDGET index entries before doing so. Measured at scale 100 (the bench's deep nest:
# organisations in a local coalition, on one of 12 themes): walking costs about 20 database
# hits per entry and needed 11 to 27,000 entries; starting from a theme, about 7 per
# organisation on it. With 1/8, the statement's hits for the rarest themes went from
# 1.19 million to 62,000, and the others' stayed within 30 of what they were.
ANCHOR_SHARE = 8
_IDENTIFIER = re.compile(r"^[A-Za-z][A-Za-z0-9_]*$")
WALK_BUDGET = 10_000
MAX_VIEWER_RULES = 4096


@dataclass
class ConnectionArgs:
    """A connection's page, read once from the request with the declared defaults."""

    size: int
    backward: bool  # `last`: the page ends at `before` (or the end of the list)
    sort: str
    after_key: list[Any] | None
    before_key: list[Any] | None


@dataclass
class Compiler:
    model: GraphModel
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

    def apply_viewer(self, viewer: Viewer) -> None:
        """The declared visibility rules and field guards, for this viewer. They depend on
        its role and organisation only, so they are worked out once for each such pair."""
        assert not self.params, "the viewer's rules come first"
        key = (viewer.role, viewer.organisation_id)
        rules = self.model.viewer_rules.get(key)
        if rules is None:
            fresh = Compiler(self.model, self.max_page_size, self.default_page_size)
            fresh._rules_for(viewer)
            rules = ViewerRules(fresh.visibility, fresh.forbidden, fresh.params)
            if len(self.model.viewer_rules) >= MAX_VIEWER_RULES:
                self.model.viewer_rules.clear()  # partners' organisations: bounded, not kept
            self.model.viewer_rules[key] = rules
        self.visibility = dict(rules.visibility)
        self.forbidden = dict(rules.forbidden)
        self.params = dict(rules.params)

    def _rules_for(self, viewer: Viewer) -> None:
        for name, t in self.model.types.items():
            if t.node is not None and t.node.visibility is not None:
                rule = t.node.visibility(viewer, self.param)
                if rule is not None:
                    self.visibility[name] = rule
            for field_name, guard in t.guards.items():
                reason = guard(viewer)
                if reason is not None:
                    self.forbidden[(name, field_name)] = reason

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
        t = self.model.types.get(type_name)
        interfaces = t.interfaces if t is not None else frozenset()
        for sel in selections:
            if not _included(sel.directives):
                continue
            if isinstance(sel, SelectedField):
                out.append(sel)
            elif (
                sel.type_condition is None
                or sel.type_condition == type_name
                or sel.type_condition in interfaces
            ):
                out.extend(self.fields_of(type_name, sel.selections))
        return out

    # -- projections -----------------------------------------------------------------------
    def project(self, type_name: str, n: str, selections: Iterable[Selection], r: str = "") -> str:
        """A Cypher map literal with one entry per selected field of `type_name`."""
        t = self.model.types[type_name]
        specs, names = t.fields, t.python_names
        entries: dict[str, str] = {}
        merged: dict[str, list[Selection]] = {}
        for sel in self.fields_of(type_name, selections):
            if sel.name == "__typename":
                continue
            if (type_name, sel.name) in self.forbidden:
                raise ForbiddenError(self.forbidden[(type_name, sel.name)])
            spec = specs[sel.name]
            if isinstance(spec, ConnSpec):
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
            elif isinstance(spec, SameSpec):
                entries[key] = self.project(spec.target, n, subs, r)
            elif isinstance(spec, LinkSpec):
                entries[key] = self.link(spec, n, subs)
        if t.interfaces:
            entries["__typename"] = f"'{type_name}'"
        return "{" + ", ".join(f"`{k}`: {v}" for k, v in entries.items()) + "}"

    def link(self, spec: LinkSpec, n: str, selections: Sequence[Selection]) -> str:
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

    def connection_args(self, spec: ConnSpec, arguments: Mapping[str, Any]) -> ConnectionArgs:
        """Validate the paging arguments whatever else is selected; absent ones take the
        defaults declared on the field, and no `first`/`last` the server's page size."""
        values = {**spec.defaults, **{k: v for k, v in arguments.items() if v is not None}}
        first, last = values.get("first"), values.get("last")
        if first is not None and last is not None:
            raise InvalidArgumentError("Pass `first` or `last`, not both.", argument="last")
        backward = last is not None
        asked = last if backward else first
        size = check_page(
            "last" if backward else "first",
            self.default_page_size if asked is None else int(asked),
            self.max_page_size,
        )
        # A connection without a `sort` argument has one order: the first declared.
        sort = values.get("sort") or next(iter(spec.sorts))
        sort = getattr(sort, "value", sort)
        if sort not in spec.sorts:
            raise InvalidArgumentError(f"Unknown sort {sort!r}.", argument="sort")
        arity = len(spec.sorts[sort].keys)
        after, before = values.get("after"), values.get("before")
        return ConnectionArgs(
            size=size,
            backward=backward,
            sort=sort,
            after_key=None if after is None else decode_cursor(after, sort, arity),
            before_key=None if before is None else decode_cursor(before, sort, arity),
        )

    def connection(
        self,
        spec: ConnSpec,
        n: str,
        sel: SelectedField,
        extra_where: Sequence[str] = (),
    ) -> str:
        """One page of a connection, shaped in Cypher: `edges`, `nodes`, `page_info` and (only
        when selected) `total_count`. The page is read one row past its size to learn
        whether more follow; a backward page is read in reverse order and turned round."""
        args = self.connection_args(spec, sel.arguments)
        m, r = self.var("m"), self.var("r")
        pattern = spec.pattern.format(n=n, m=m, r=r)
        conditions = [spec.where.format(n=n, m=m, r=r)] if spec.where else []
        # Filter conditions hold literal Cypher braces (EXISTS { ... }): substitute, not format.
        conditions += [_bind(c, m) for c in extra_where]
        conditions += self.visible(spec.node_type, m)
        for arg, template in spec.arg_filters.items():
            value = sel.arguments.get(arg)
            if value is not None:
                value = self.param(getattr(value, "value", value))
                conditions.append(template.format(n=n, m=m, r=r, value=value))
        sort = spec.sorts[args.sort]
        keys = [k.format(n=n, m=m, r=r) for k in sort.keys]
        parts: dict[str, str] = {}
        conn_fields = self.fields_of(spec.connection_type, sel.selections)
        if any(f.name == "totalCount" for f in conn_fields):
            if spec.degree and not conditions:
                parts["total_count"] = f"COUNT {{ {spec.degree.format(n=n)} }}"
            else:
                parts["total_count"] = _count(pattern, conditions, m)
        edge_sels = [s for f in conn_fields if f.name == "edges" for s in f.selections]
        node_sels = [s for f in conn_fields if f.name == "nodes" for s in f.selections]
        wants_page_info = any(f.name == "pageInfo" for f in conn_fields)
        if not (edge_sels or node_sels or wants_page_info):
            return _map(parts)
        page_where = list(conditions)
        if sort.indexed and "{n}" not in spec.pattern:
            # A root list: in index order, the page costs about the page (see `Sort`).
            page_where += [f"{k} IS NOT NULL" for k in keys]
        if args.after_key is not None:
            page_where.append(self.keyset(keys, sort.descending, args.after_key, sort.datetimes))
        if args.before_key is not None:
            flipped = [not d for d in sort.descending]
            page_where.append(self.keyset(keys, flipped, args.before_key, sort.datetimes))
        where = f" WHERE {' AND '.join(page_where)}" if page_where else ""
        # Read backwards for `last`: the rows nearest `before` come first.
        reading = [d != args.backward for d in sort.descending]
        order = ", ".join(f"{k} DESC" if d else k for k, d in zip(keys, reading, strict=True))
        written = [f"toString({k})" if i in sort.datetimes else k for i, k in enumerate(keys)]
        sort_name = self.param(args.sort)
        row = {"_k": "[" + ", ".join([sort_name, *written]) + "]"}
        for ef in self.fields_of(spec.edge_type, edge_sels):
            if ef.name == "node":
                row["node"] = self.project(spec.node_type, m, [*ef.selections], r)
            elif ef.name in spec.edge_props:
                python_name = self.model.types[spec.edge_type].python_names[ef.name]
                row[python_name] = spec.edge_props[ef.name].format(n=n, m=m, r=r)
        if node_sels:
            row["_n"] = self.project(spec.node_type, m, node_sels, r)
        size = self.param(args.size)
        carried = f"{m}, {r}" if "{r}" in spec.pattern else m
        anchored = next((c for c in conditions if isinstance(c, Condition)), None)
        root_list = "{n}" not in spec.pattern and "{r}" not in spec.pattern
        if sort.indexed and anchored is not None and root_list:
            chosen = self._in_order(pattern, m, conditions, anchored, keys, sort, args, size)
            if chosen is None:
                chosen = self._walk_or_anchor(
                    pattern, m, conditions, anchored, page_where[len(conditions) :], order, size
                )
            rows = f"COLLECT {{ {chosen} RETURN {_map(row)} }}"
        else:
            nested = self._members_in_order(spec, n, m, r, conditions, keys, sort, args, size)
            if nested is not None and spec.in_order is not None:
                # The keys as the index holds them (the copies on the relationship): what the
                # next page's keyset compares, and no read of the node's own properties.
                copies = dict(spec.in_order.copies)
                held = [f"{r}.{copies[k.removeprefix(f'{m}.')]}" for k in keys]
                row["_k"] = "[" + ", ".join([sort_name, *held]) + "]"
            rows = (
                f"COLLECT {{ MATCH {pattern}{where} WITH {carried} ORDER BY {order} "
                f"LIMIT {size} + 1 RETURN {_map(row)} }}"
                if nested is None
                else f"COLLECT {{ {nested} RETURN {_map(row)} }}"
            )
        x = self.var("x")
        page = f"reverse({x}[0..{size}])" if args.backward else f"{x}[0..{size}]"
        more = f"size({x}) > {size}"
        # Forward, a page reached with `after` has rows before it; backward, likewise.
        came_from = "true" if (args.before_key if args.backward else args.after_key) else "false"
        page_info = {
            "has_next_page": came_from if args.backward else more,
            "has_previous_page": more if args.backward else came_from,
            "start_cursor": f"{page}[0]._k",
            "end_cursor": f"{page}[-1]._k",
        }
        parts["edges"] = page
        parts["page_info"] = _map(page_info)
        if node_sels:
            parts["nodes"] = f"[{x}_e IN {page} | {x}_e._n]"
        return f"[{x} IN [{rows}] | {_map(parts)}][0]"

    def _in_order(
        self,
        pattern: str,
        m: str,
        conditions: list[str],
        anchored: Condition,
        keys: list[str],
        sort: Any,
        args: ConnectionArgs,
        size: str,
    ) -> str | None:
        """A root list filtered on one node whose relationships carry the sort keys
        (`filtering.InOrder`): the page is read from the relationship index in sort order,
        testing the other conditions until it is full, so it costs about the page whatever
        the filter node's size (at scale 100, a theme's first 50 local organisations: 103
        database hits, against 45,000 read and sorted from the theme). None when the sort
        is not the index's."""
        reach: InOrder | None = anchored.in_order
        if reach is None:
            return None
        rest = [c for c in conditions if c is not anchored]
        step = f"{pattern}{reach.arrow[0]}[{{rel}}:{reach.order.rel}]{reach.arrow[1]}()"
        return self._read_in_order(
            reach.order, step, self.var("w"), reach.value, m, rest, keys, sort, args, size, "()"
        )

    def _members_in_order(
        self,
        spec: ConnSpec,
        n: str,
        m: str,
        r: str,
        conditions: list[str],
        keys: list[str],
        sort: Any,
        args: ConnectionArgs,
        size: str,
    ) -> str | None:
        """A nested connection over relationships that carry the sort keys (`RelOrder`, e.g.
        a coalition's members): read from the relationship index in sort order, about the
        page, instead of all of the parent's relationships sorted (at scale 100, five
        members of each of 20 coalitions of about 400: 375 database hits against 24,950)."""
        order = spec.in_order
        if order is None or spec.pattern != (f"({{n}})<-[{{r}}:{order.rel}]-({{m}}:{order.start})"):
            return None
        step = f"({m}:{order.start})-[{{rel}}:{order.rel}]->()"
        value = f"{n}.{order.end_key}"
        return self._read_in_order(
            order, step, r, value, m, conditions, keys, sort, args, size, f"({n})"
        )

    def _read_in_order(
        self,
        order: RelOrder,
        step: str,
        w: str,
        value: str,
        m: str,
        conditions: list[str],
        keys: list[str],
        sort: Any,
        args: ConnectionArgs,
        size: str,
        imports: str,
    ) -> str | None:
        """`step` (a pattern with `{rel}` for the relationship) read from `order`'s index
        where the relationship's key is `value`, in the sort's order, one row past the page;
        None when the sort's keys are not the copies the relationship carries."""
        if sort.datetimes or len(set(sort.descending)) != 1:
            return None
        copies = dict(order.copies)
        props = [copies.get(k.removeprefix(f"{m}.")) for k in keys]
        if any(not k.startswith(f"{m}.") for k in keys) or tuple(props) != order.props[1:]:
            return None
        held = [f"{w}.{p}" for p in props]
        where = [f"{w}.{order.key} = {value}"]
        for cursor, flipped in ((args.after_key, False), (args.before_key, True)):
            if cursor is None:
                continue
            # The first key's range lets the index seek; the list comparison is the keyset
            # (written as ORs, Neo4j reads each as its own seek and sorts their union).
            op = "<" if sort.descending[0] != flipped else ">"
            values = [self.param(v) for v in cursor]
            where.append(f"{held[0]} {op}= {values[0]}")
            where.append(f"[{', '.join(held)}] {op} [{', '.join(values)}]")
        where += [f"{k} IS NOT NULL" for k in held]
        where += conditions
        descending = sort.descending[0] != args.backward
        by = ", ".join(f"{k} DESC" if descending else k for k in [f"{w}.{order.key}", *held])
        # The hint keeps the plan on the index whatever the statistics say. Inside CALL:
        # written straight into the COLLECT, Neo4j planned it (hint and all) as a scan of the
        # label when the statement also had the existence checks (10,468 database hits for
        # a 45-organisation theme at scale 1, against 644).
        return (
            f"CALL {imports} {{ MATCH {step.replace('{rel}', w)} "
            f"USING INDEX {w}:{order.rel}({', '.join(order.props)}) "
            f"WHERE {' AND '.join(where)} WITH {m}, {w} ORDER BY {by} LIMIT {size} + 1 "
            f"RETURN {m}, {w} }}"
        )

    def _walk_or_anchor(
        self,
        pattern: str,
        m: str,
        conditions: list[str],
        anchored: Condition,
        in_order: list[str],
        order: str,
        size: str,
    ) -> str:
        """A filtered root list's page, read the cheaper of two ways. Walking the sort's
        index and testing each node stops after the page, which is cheap when many nodes
        match and reads most of the label when few do (at scale 100, ten organisations on a
        rare theme took 1.1 million database hits). Starting from the filter's own nodes
        (`Condition.anchor`) reads everything the filter reaches and sorts it: about the
        page's cost when few match. So the page starts from the anchor when its size is
        known to be small against the label, and otherwise walks at most WALK_BUDGET index
        entries; a walk that has not filled the page by then starts from the anchor."""
        rest = [c for c in conditions if c is not anchored]
        w, a, reach = self.var("w"), self.var("a"), self.var("s")
        guard = ""
        if anchored.size is not None:
            share = self.param(ANCHOR_SHARE)
            guard = (
                f"WITH {anchored.size} AS {reach} WHERE {reach} * {share} > COUNT {{ {pattern} }} "
            )
        walk_where = " AND ".join(in_order) if in_order else "true"
        walked = (
            f"CALL () {{ {guard}MATCH {pattern} WHERE {walk_where} "
            f"WITH {m} ORDER BY {order} LIMIT {self.param(WALK_BUDGET)} "
            f"WITH {m} WHERE {' AND '.join(conditions)} WITH {m} LIMIT {size} + 1 "
            f"RETURN collect({m}) AS {w} }}"
        )
        from_anchor = (
            f"CALL ({w}) {{ WITH {w} WHERE size({w}) <= {size} "
            # DISTINCT and the MATCH after it let Neo4j sort first and test the other
            # conditions only until the page is full (the plain form tested all of a rare
            # theme's 15,000 organisations: 66,000 -> 298,000 database hits at scale 100).
            f"{anchored.anchor} WITH DISTINCT {m} MATCH {pattern} "
            f"WHERE {' AND '.join([*rest, *in_order]) or 'true'} "
            f"WITH {m} ORDER BY {order} LIMIT {size} + 1 RETURN collect({m}) AS {a} }}"
        )
        return (
            f"{walked} {from_anchor} "
            f"UNWIND CASE WHEN size({w}) > {size} THEN {w} ELSE {a} END AS {m} "
            f"WITH {m} ORDER BY {order}"
        )

    def visible(self, type_name: str, var: str) -> list[str]:
        """The visibility condition for nodes of `type_name` bound to `var`, if any."""
        rule = self.visibility.get(type_name)
        return [rule.replace("{m}", var)] if rule else []

    def keyset(
        self,
        keys: list[str],
        descending: Sequence[bool],
        values: list[Any],
        datetimes: Sequence[int] = (),
    ) -> str:
        """Rows strictly after the cursor in (k1, k2, ...) order: a lexicographic comparison.
        Keys at `datetimes` come as ISO text and are compared as datetimes."""
        for i in datetimes:
            if not _iso_datetime(values[i]):
                raise InvalidCursorError("The cursor is malformed; pass a cursor from this API.")

        def value(i: int) -> str:
            p = self.param(values[i])
            return f"datetime({p})" if i in datetimes else p

        clauses = []
        for i, key in enumerate(keys):
            op = "<" if descending[i] else ">"
            equal = [f"{keys[j]} = {value(j)}" for j in range(i)]
            clauses.append("(" + " AND ".join([*equal, f"{key} {op} {value(i)}"]) + ")")
        return "(" + " OR ".join(clauses) + ")"


def _iso_datetime(value: Any) -> bool:
    if not isinstance(value, str) or len(value) > 64:
        return False
    try:
        return dt.datetime.fromisoformat(value).tzinfo is not None
    except ValueError:
        return False


def _bind(condition: str, m: str) -> str:
    if isinstance(condition, Condition | PropertyIn):
        return condition.bound(m)
    return condition.replace("{m}", m)


def _count(pattern: str, conditions: Sequence[str], m: str) -> str:
    """COUNT of the matches. With an anchored filter condition (`Condition`), counting starts
    from the filter's nodes; otherwise each node of the pattern is tested."""
    anchored = next((c for c in conditions if isinstance(c, Condition)), None)
    if anchored is None:
        where = f" WHERE {' AND '.join(conditions)}" if conditions else ""
        return f"COUNT {{ MATCH {pattern}{where} }}"
    rest = [c for c in conditions if c is not anchored]
    where = f" WHERE {' AND '.join(rest)}" if rest else ""
    if anchored.sole is not None and pattern == f"({m}:{anchored.sole})":
        # Each match is reached once, and only matches are reached: at scale 100 a theme's
        # 95,000 organisations are counted from its degree (3 database hits, not 190,000),
        # or tested without DISTINCT and the label (194,000, not 277,000). The WITH keeps
        # the count starting at the anchor rather than at an index of the other conditions.
        if not rest and anchored.size is not None:
            return anchored.size
        counts = anchored.counts
        if (
            counts is not None
            and len(rest) == 1
            and isinstance(rest[0], PropertyIn)
            and rest[0].prop == counts.prop
        ):
            # The filter node's maintained count per value (at scale 100, a theme's 87,000
            # local organisations: 190,000 database hits tested one by one). The values are
            # an enum's, checked by GraphQL, so they can name properties.
            names = sorted({counts.counter(str(v)) for v in rest[0].values})
            if all(_IDENTIFIER.match(n) for n in names):
                total = " + ".join(f"coalesce({ANCHOR_VAR}.{n}, 0)" for n in names) or "0"
                return f"reduce(s = 0, d IN COLLECT {{ {counts.found} RETURN {total} }} | s + d)"
        return f"COUNT {{ {anchored.anchor} WITH {m}{where} RETURN {m} }}"
    return f"COUNT {{ {anchored.anchor} WITH DISTINCT {m} MATCH {pattern}{where} RETURN {m} }}"


def _included(directives: dict[str, Any]) -> bool:
    skip = directives.get("skip")
    if skip and skip.get("if"):
        return False
    include = directives.get("include")
    return not (include is not None and not include.get("if"))


def _map(entries: Mapping[str, str]) -> str:
    return "{" + ", ".join(f"`{k}`: {v}" for k, v in entries.items()) + "}"
