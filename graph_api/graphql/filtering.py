"""Filters declared once, rendered to Cypher and to Meilisearch filter syntax.

A domain declares each filterable field once, as one of the frozen declarations below, in
a `Filters` mapping from the filter input's field name to its declaration. The same
declaration gives

- a Cypher condition over `{m}` (the listed node), with every value a parameter; values
  that must name existing nodes go through `Params.existing`, so unknown ones become
  UNKNOWN_VALUE errors checked in the statement that runs (graph reads, the search
  fallback, or the one read before a Meilisearch search);
- a Meilisearch filter expression over the indexed document's attribute, with every value
  quoted (`quote`).

Shapes (slug and code patterns, enums, numbers, counts) are checked in Python by the
declaration's `parse`, before anything runs, for both engines alike. Across fields the
conditions are ANDed; within a list field, any value matches (OR).
"""

from __future__ import annotations

import dataclasses
import re
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from enum import Enum
from typing import Any, Protocol

from graph_api.graph_names import RelOrder
from graph_api.graphql.errors import InvalidArgumentError
from graph_api.graphql.relay import decode_id

MAX_VALUES = 100
# Every subquery binds its own `flt`: the name is private to the EXISTS { } or COLLECT { }
# around it, and no statement the compiler or the search fallback writes binds it outside.
VAR = "flt"
CENTRE = "fltc"
ANCHOR = "flta"  # bound only inside the COUNT { } a `Condition.anchor` is used in


class Params(Protocol):
    """What a declaration needs of the compiler (`graph_api.graphql.compiler.Compiler`)."""

    def param(self, value: Any) -> str: ...

    def existing(self, label: str, prop: str, values: list[Any], what: str) -> str: ...


class Condition(str):
    """A Cypher condition over `{m}` that can also be read the other way round: `anchor` is a
    MATCH binding `{m}` from the filter's own nodes, found through their key's index. A count
    over a whole label starts there and visits only the nodes the filter reaches, instead of
    testing every node of the label (at scale 100 that is the difference between reading
    the organisations of one theme and reading all organisations).

    `size`, where it is cheap to know, is a Cypher expression (from the filter nodes'
    degrees, without walking their relationships) for how many nodes the anchor reaches at
    most; a page uses it to choose between the two readings (`Compiler.connection`).

    `sole` names the label whose nodes the anchor reaches each exactly once, when that is so
    (one filter node, one relationship, see `Reaches.sole`): then `size` is the count itself,
    and a count over that label needs neither DISTINCT nor the label test."""

    anchor: str
    size: str | None
    sole: str | None
    in_order: InOrder | None
    counts: Counts | None

    def __new__(
        cls,
        condition: str,
        anchor: str,
        size: str | None = None,
        sole: str | None = None,
        in_order: InOrder | None = None,
        counts: Counts | None = None,
    ) -> Condition:
        made = super().__new__(cls, condition)
        made.anchor = anchor
        made.size = size
        made.sole = sole
        made.in_order = in_order
        made.counts = counts
        return made

    def bound(self, m: str) -> Condition:
        """The same condition over the variable `m` instead of `{m}`."""
        return Condition(
            self.replace("{m}", m),
            self.anchor.replace("{m}", m),
            self.size,
            self.sole,
            self.in_order,
            self.counts,
        )


@dataclass(frozen=True)
class InOrder:
    """One filter node's listed nodes, readable in sort order from a relationship index
    (`RelOrder`): `value` is the parameter holding the filter node's key, `arrow` the
    relationship's direction from the listed node (`("-", "->")`)."""

    order: RelOrder
    value: str
    arrow: tuple[str, str]


@dataclass(frozen=True)
class Counts:
    """The filter node (`found`: a MATCH binding it as `flta`) keeps, per value of the listed
    nodes' property `prop`, how many of its listed nodes have it: `counter(value)` names the
    filter node's property (maintained by `partners.aggregates`)."""

    found: str
    prop: str
    counter: Callable[[str], str]


class PropertyIn(str):
    """`{m}.prop IN $values`, knowing its property and values (a count can use `Counts`)."""

    prop: str
    values: list[Any]

    def __new__(cls, condition: str, prop: str, values: list[Any]) -> PropertyIn:
        made = super().__new__(cls, condition)
        made.prop = prop
        made.values = values
        return made

    def bound(self, m: str) -> PropertyIn:
        return PropertyIn(self.replace("{m}", m), self.prop, self.values)


# Checks an input value's shape and gives the values to match (raises INVALID_ARGUMENT).
Parse = Callable[[Any], list[Any]]


# -- parsers ---------------------------------------------------------------------------------
def _count(values: list[Any], what: str = "values") -> list[Any]:
    if len(values) > MAX_VALUES:
        raise InvalidArgumentError(f"At most {MAX_VALUES} {what} per filter.", argument="filter")
    return values


def matching(pattern: re.Pattern[str], what: str) -> Callable[[list[str]], list[str]]:
    """Strings that each match `pattern`; `what` names one in errors."""

    def parse(values: list[str]) -> list[str]:
        for value in _count(values, what):
            if not pattern.match(value):
                raise InvalidArgumentError(
                    f"{value[:60]!r} is not a valid {what}.", argument="filter"
                )
        return values

    return parse


def enum_values(values: Enum | list[Enum]) -> list[Any]:
    """The values of one enum member or of a list of them (GraphQL has checked membership)."""
    members = values if isinstance(values, list) else [values]
    return [m.value for m in _count(members)]


def numbers(allowed: Iterable[int], message: str) -> Callable[[list[int]], list[int]]:
    """Integers from a closed set; `message` says which ones are allowed."""
    allowed = frozenset(allowed)

    def parse(values: list[int]) -> list[int]:
        if any(n not in allowed for n in _count(values)):
            raise InvalidArgumentError(message, argument="filter")
        return values

    return parse


def global_ids(type_name: str) -> Callable[[str | list[str]], list[str]]:
    """The keys of one global ID or a list of them, all of `type_name`."""

    def parse(ids: str | list[str]) -> list[str]:
        listed = ids if isinstance(ids, list) else [ids]
        return [decode_id(i, type_name)[1] for i in _count(listed)]

    return parse


# -- Meilisearch syntax ----------------------------------------------------------------------
def quote(value: str | int) -> str:
    """A value as a Meilisearch filter literal: inside double quotes only a backslash and a
    double quote are special, and both are escaped, so no value can change the expression."""
    if isinstance(value, bool):  # bool is an int; never meant here
        raise TypeError("boolean filter values are not supported")
    if isinstance(value, int):
        return str(value)
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def any_of(attribute: str, values: Iterable[str | int]) -> str:
    """`attribute IN ["a", "b"]`: true when the attribute (or any element of it) is one of them.

    Attribute names are the project's own constants, never input."""
    return f"{attribute} IN [{', '.join(quote(v) for v in values)}]"


def all_of(conditions: Iterable[str]) -> str | None:
    parts = [f"({c})" for c in conditions]
    return " AND ".join(parts) if parts else None


# -- declarations ----------------------------------------------------------------------------
@dataclass(frozen=True, kw_only=True)
class Field(ABC):
    """One filterable field. `attribute` is the search document's attribute it filters on
    (None: not searchable); `default` applies when the input leaves the field out."""

    attribute: str | None = None
    default: Any = None

    @abstractmethod
    def cypher(self, c: Params, value: Any) -> str:
        """A condition over `{m}`; unknown values are registered with `c.existing`."""

    def lookup(self, c: Params, value: Any) -> str | None:
        """A Cypher expression (over parameters only) whose value `meili` needs, read in the
        same statement as the existence checks; None when it needs none."""
        return None

    def meili(self, value: Any, looked_up: Any) -> str:
        """The Meilisearch condition; `looked_up` is the value of `lookup`, if any."""
        raise NotImplementedError(f"{type(self).__name__} has no Meilisearch form")

    def _attribute(self) -> str:
        if self.attribute is None:
            raise NotImplementedError(f"{self!r} is not searchable")
        return self.attribute


_ONE_HOP = re.compile(r"^(?P<into><?)-\[:(?P<type>\w+)\]-(?P<out>>?)$")
_FIRST_HOP = re.compile(r"^(?P<into><?)-\[:(?P<type>\w+)\]-(?P<out>>?)")


@dataclass(frozen=True, kw_only=True)
class Reaches(Field):
    """Some node reached from `{m}` by `path` has its `key` among the values. With `what`,
    each value must name an existing node (UNKNOWN_VALUE, calling them `what`); without,
    the values are a closed set that `parse` has checked."""

    path: str  # from `({m})` up to the node, e.g. "-[:BASED_IN]->(:Municipality)-[:IN_PROVINCE]->"
    label: str
    key: str
    parse: Parse
    what: str | None = None
    # The label of every node with a relationship of the path's (one) type into a `label`
    # node, at most one per pair, where that holds (`tests/network/test_list_costs.py`
    # checks it on the graph): a count on one value is then the filter node's degree.
    sole: str | None = None
    # The path's first relationship carries the value's key and the sort keys (`RelOrder`),
    # at most one per listed node and value, so one value's nodes are read in sort order
    # from its index (`tests/network/test_list_costs.py` checks that on the graph).
    in_order: RelOrder | None = None
    # With `sole`: the filter node's maintained counts per value of the listed node's
    # property (`Counts`): (property, the counter's name for a value).
    counts: tuple[str, Callable[[str], str]] | None = None

    def cypher(self, c: Params, value: Any) -> Condition:
        keys = self.parse(value)
        p = (
            c.param(keys)
            if self.what is None
            else c.existing(self.label, self.key, keys, self.what)
        )
        node = f"({VAR}:{self.label})"
        found = f"MATCH ({ANCHOR}:{self.label}) WHERE {ANCHOR}.{self.key} IN {p}"
        size = sole = in_order = counts = None
        if hop := _ONE_HOP.match(self.path):
            sole = self.sole if len(set(keys)) == 1 else None
            # One relationship: each filter node's degree, which Neo4j keeps, bounds the count.
            ends = {(False, True): ("<-", "-"), (True, False): ("-", "->")}
            left, right = ends.get((bool(hop["into"]), bool(hop["out"])), ("-", "-"))
            back = f"{left}[:{hop['type']}]{right}"
            size = (
                f"reduce(s = 0, d IN COLLECT {{ {found} RETURN COUNT {{ ({ANCHOR}){back}() }} }}"
                " | s + d)"
            )
            if sole and self.counts:
                counts = Counts(found, *self.counts)
        first = _FIRST_HOP.match(self.path)
        if first and self.in_order and self.in_order.rel == first["type"] and len(set(keys)) == 1:
            arrow = (first["into"] + "-", "-" + first["out"])
            in_order = InOrder(self.in_order, c.param(keys[0]), arrow)
        return Condition(
            f"EXISTS {{ MATCH ({{m}}){self.path}{node} WHERE {VAR}.{self.key} IN {p} }}",
            f"{found} MATCH ({{m}}){self.path}({ANCHOR})",
            size,
            sole,
            in_order,
            counts,
        )

    def meili(self, value: Any, looked_up: Any) -> str:
        return any_of(self._attribute(), self.parse(value))


@dataclass(frozen=True, kw_only=True)
class OneOf(Field):
    """The node's property `prop` is one of the values."""

    prop: str
    parse: Parse

    def cypher(self, c: Params, value: Any) -> PropertyIn:
        values = self.parse(value)
        return PropertyIn(f"{{m}}.{self.prop} IN {c.param(values)}", self.prop, values)

    def meili(self, value: Any, looked_up: Any) -> str:
        return any_of(self._attribute(), self.parse(value))


@dataclass(frozen=True, kw_only=True)
class Contains(Field):
    """The node's property `prop` (a normalized key) contains the normalized text, or one
    of the other names `aliases` gives for it (e.g. the official name of a place people
    call otherwise)."""

    prop: str
    normalize: Callable[[str], str]
    max_length: int
    what: str  # names the filter in errors
    aliases: Callable[[str], list[str]] | None = None

    def cypher(self, c: Params, value: str) -> str:
        if len(value) > self.max_length:
            raise InvalidArgumentError(
                f"A {self.what} filter has at most {self.max_length} characters."
            )
        texts = [self.normalize(value)]
        if self.aliases is not None:
            texts += [self.normalize(a) for a in self.aliases(value)]
        if len(texts) == 1:
            return f"{{m}}.{self.prop} CONTAINS {c.param(texts[0])}"
        return f"any(text IN {c.param(texts)} WHERE {{m}}.{self.prop} CONTAINS text)"


@dataclass(frozen=True, kw_only=True)
class Has(Field):
    """True: some node reached from `{m}` by `path` matches `where`; false: none does.
    `where` is a constant over `flt`, never input."""

    path: str
    label: str
    where: str

    def cypher(self, c: Params, value: bool) -> str:
        negate = "" if value else "NOT "
        return (
            f"{negate}EXISTS {{ MATCH ({{m}}){self.path}({VAR}:{self.label}) WHERE {self.where} }}"
        )


class NearValue(Protocol):
    """The input of a `Near` filter."""

    @property
    def municipality_code(self) -> str: ...

    @property
    def radius_km(self) -> float: ...


@dataclass(frozen=True, kw_only=True)
class Near(Field):
    """Some place reached from `{m}` by `path` lies within the radius of a centre place
    (which must exist). Meilisearch filters on the codes of the places within the radius,
    looked up in the graph: a document has one `_geo` point, but a practice may be applied
    in several places."""

    path: str  # from `({m})` up to the place
    label: str
    key: str
    location: str  # the property holding the place's point
    code: Callable[[list[str]], list[str]]  # checks the shape of the centre's key
    max_radius_km: float
    what: str

    def parse(self, value: NearValue) -> tuple[str, float]:
        code = self.code([value.municipality_code.strip().upper()])[0]
        if not 0 < value.radius_km <= self.max_radius_km:
            raise InvalidArgumentError(
                f"`radiusKm` must be more than 0 and at most {self.max_radius_km:.0f}.",
                argument="filter",
            )
        return code, value.radius_km * 1000

    def cypher(self, c: Params, value: NearValue) -> str:
        code, meters = self.parse(value)
        centre = c.existing(self.label, self.key, [code], self.what)
        return (
            f"EXISTS {{ MATCH ({CENTRE}:{self.label}) WHERE {CENTRE}.{self.key} IN {centre} "
            f"MATCH ({{m}}){self.path}({VAR}:{self.label}) {self._within(c, meters)} }}"
        )

    def lookup(self, c: Params, value: NearValue) -> str:
        # No existence check here: `cypher` registers it for the same value.
        code, meters = self.parse(value)
        centre = c.param(code)
        return (
            f"COLLECT {{ MATCH ({CENTRE}:{self.label} {{{self.key}: {centre}}}) "
            f"MATCH ({VAR}:{self.label}) {self._within(c, meters)} "
            f"RETURN {VAR}.{self.key} ORDER BY {VAR}.{self.key} }}"
        )

    def _within(self, c: Params, meters: float) -> str:
        """The place `flt` lies within `meters` of the centre `fltc` (both bound before)."""
        return (
            f"WHERE point.distance({VAR}.{self.location}, {CENTRE}.{self.location}) "
            f"<= {c.param(meters)}"
        )

    def meili(self, value: NearValue, looked_up: Any) -> str:
        return any_of(self._attribute(), list(looked_up or []))


# -- a filter input --------------------------------------------------------------------------
def _absent(value: Any) -> bool:
    # False is a value (`inLocalCoalition: false`); an empty list or text is not.
    return value is None or (isinstance(value, (list, str)) and not value)


@dataclass(frozen=True)
class Filters:
    """The declarations of a domain's filterable fields, by the Python name of the input
    field; `for_input` and `for_search` pick those of one filter input."""

    fields: Mapping[str, Field]

    def for_input(self, input_type: type) -> Filters:
        """The declarations of `input_type`'s fields, in declaration order; every field of
        the input must be declared."""
        names = {f.name for f in dataclasses.fields(input_type)}
        missing = names - set(self.fields)
        if missing:
            raise TypeError(f"{input_type.__name__} has undeclared filters: {sorted(missing)}")
        return Filters({n: f for n, f in self.fields.items() if n in names})

    def for_search(self, input_type: type) -> Filters:
        """As `for_input`, and every field must be searchable."""
        picked = self.for_input(input_type)
        unsearchable = [n for n, f in picked.fields.items() if f.attribute is None]
        if unsearchable:
            raise TypeError(f"{input_type.__name__} has unsearchable filters: {unsearchable}")
        return picked

    def given(self, f: object | None) -> Iterator[tuple[str, Field, Any]]:
        """(name, declaration, value) for each field `f` sets or that has a default."""
        for name, field in self.fields.items():
            value = None if f is None else getattr(f, name)
            if _absent(value):
                value = field.default
            if not _absent(value):
                yield name, field, value

    def cypher(self, c: Params, f: object | None) -> list[str]:
        """The Cypher conditions over `{m}`, ANDed by the caller."""
        return [field.cypher(c, value) for _, field, value in self.given(f)]

    def lookups(self, c: Params, f: object | None) -> dict[str, str]:
        """Cypher expressions to read (with the checks `cypher` registered) before `meili`."""
        out: dict[str, str] = {}
        for name, field, value in self.given(f):
            expression = field.lookup(c, value)
            if expression is not None:
                out[name] = expression
        return out

    def meili(self, f: object | None, looked_up: Mapping[str, Any]) -> dict[str, str]:
        """The Meilisearch condition of each field given, by field name (ANDed by the
        caller: `all_of`; a facet's counts leave out its own field's condition)."""
        return {
            name: field.meili(value, looked_up.get(name)) for name, field, value in self.given(f)
        }
