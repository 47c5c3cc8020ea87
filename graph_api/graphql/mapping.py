"""How a Strawberry type declares what it is in the graph: once, on the type and its fields.

A node type is decorated with `@node(label=..., key=...)`; its fields say how they are read:

    @node(label="Organisation", sorts=ORGANISATION_SORTS)
    @strawberry.type
    class Organisation(Node):
        name: str                                        # {n}.name, by default
        is_demo: bool = prop("coalesce({n}.demo, false)")
        themes: list[Theme] = link("WORKS_ON", order="{m}.name", size=5)
        partners = connection("PartnerConnection", rel="PARTNERS_WITH", direction="both")

Everything else (the compiler's registry, Python names, node keys for `node(id:)`, cost
estimates, argument defaults) is derived from these declarations when the schema is built,
in `graph_api.graphql.model`.

Expressions are templates: `{n}` is the current node, `{m}` the node a link leads to, `{r}`
the relationship on the way (for fields of edges); literal Cypher braces are doubled
(`COUNT {{ ... }}`), as in `str.format`. Every value from a request goes into a parameter;
templates hold only the project's own Cypher.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from enum import Enum
from typing import Any, Literal, TypeVar

import strawberry
from strawberry.types import Info

from graph_api.auth.viewer import Viewer
from graph_api.graph_names import RelOrder

GRAPH = "graph_api.graph"  # field metadata key: how the field is read
SIZE = "graph_api.size"  # field metadata key: how long the list is, for the query cost
GUARD = "graph_api.guard"  # field metadata key: who may not select the field
NODE = "__graph_node__"  # class attribute set by @node

Direction = Literal["out", "in", "both"]
# A visibility rule: (viewer, parameter maker) -> a condition over `{m}`, or None for all.
Visibility = Callable[[Viewer, Callable[[Any], str]], str | None]
# A field guard: viewer -> why it may not select the field, or None.
Guard = Callable[[Viewer], str | None]
F = TypeVar("F", bound=Callable[..., Any])


@dataclass(frozen=True)
class Sort:
    """A keyset sort: expressions over `{m}`/`{r}` ending in a unique key; descending flags.

    `indexed`: the keys are properties every node has, covered in this order by an index
    (`graph_api/db/migrations.py`). A root list then says so in Cypher (`IS NOT NULL`), which
    lets Neo4j read the nodes in index order and stop after the page instead of sorting all.
    """

    keys: tuple[str, ...]
    descending: tuple[bool, ...]
    indexed: bool = False
    # Positions of keys that are datetimes: cursors carry them as ISO text (JSON has no
    # datetime) and the keyset reads them back with `datetime()`, so the key stays the
    # property itself and the index still gives the order.
    datetimes: tuple[int, ...] = ()


def by_name(key: str = "id") -> Sort:
    """Alphabetical, ties broken by the unique key (every type with names has that index)."""
    return Sort(("{m}.name", "{m}." + key), (False, False), indexed=True)


@dataclass(frozen=True)
class NodeDecl:
    label: str
    key: str = "id"
    numeric_key: bool = False
    sorts: Mapping[Any, Sort] = field(default_factory=dict)
    visibility: Visibility | None = None


@dataclass(frozen=True)
class Prop:
    """A scalar computed from the current node (or edge): e.g. `{n}.name`."""

    expr: str


@dataclass(frozen=True)
class Same:
    """The current node seen as another type (the `coalition` of a membership edge)."""


@dataclass(frozen=True)
class Link:
    """An object or list of objects one relationship away; the far label is the target
    type's, or `label` when the target is a view (a membership, say) rather than a node."""

    rel: str
    direction: Direction = "out"
    order: str = ""
    where: str = ""
    label: str | None = None


@dataclass(frozen=True)
class Conn:
    """A paginated Relay connection over one relationship, or (`rel` None) over every node
    of the target's label, for root lists. Arguments narrow it: name -> condition with a
    `{value}` parameter."""

    rel: str | None = None
    direction: Direction = "out"
    sorts: Mapping[Any, Sort] | None = None  # the node type's sorts when None
    where: str = ""
    arg_filters: Mapping[str, str] = field(default_factory=dict)
    in_order: RelOrder | None = None  # the relationship carries the sort keys: `RelOrder`


Decl = Prop | Same | Link | Conn


def _field(
    decl: Decl | None,
    size: int | FromParent | None,
    guard: Guard | None,
    kwargs: dict[str, Any],
) -> Any:
    metadata: dict[str, Any] = dict(kwargs.pop("metadata", None) or {})
    if decl is not None:
        metadata[GRAPH] = decl
    if size is not None:
        metadata[SIZE] = size
    if guard is not None:
        metadata[GUARD] = guard
    return strawberry.field(metadata=metadata, **kwargs)


def node(
    label: str,
    *,
    key: str = "id",
    numeric_key: bool = False,
    sorts: Mapping[Any, Sort] | None = None,
    visibility: Visibility | None = None,
) -> Callable[[type], type]:
    """Declare a Strawberry type as a node of the graph (apply above `@strawberry.type`)."""
    decl = NodeDecl(label, key, numeric_key, sorts or {}, visibility)

    def apply(cls: type) -> type:
        setattr(cls, NODE, decl)
        return cls

    return apply


def prop(expr: str, *, size: int | None = None, guard: Guard | None = None, **kwargs: Any) -> Any:
    return _field(Prop(expr), size, guard, kwargs)


def same(**kwargs: Any) -> Any:
    return _field(Same(), None, None, kwargs)


def link(
    rel: str,
    direction: Direction = "out",
    *,
    order: str = "",
    where: str = "",
    label: str | None = None,
    size: int | None = None,
    guard: Guard | None = None,
    **kwargs: Any,
) -> Any:
    return _field(Link(rel, direction, order, where, label), size, guard, kwargs)


def size(estimate: int | FromParent) -> dict[str, Any]:
    """Field metadata for a resolver's list: `@strawberry.field(metadata=size(12))`."""
    return {SIZE: estimate}


def sized(size: int | FromParent, **kwargs: Any) -> Any:
    """A list that is not read from the graph by the compiler, with its length estimate."""
    return _field(None, size, None, kwargs)


@dataclass(frozen=True)
class FromParent:
    """A list as long as an argument of the field above it says (at most `maximum`)."""

    argument: str
    maximum: int


RowReader = Callable[[dict[str, Any], str], Any]
_ROW_READER = "_graph_api_row_reader"


def reads_row(resolver: F, reader: RowReader) -> F:
    """Declares that `resolver` only reads its parent's compiled row (a nested connection's
    page, a cursor): `reader(row, response_name)` gives the same value. The execution fast
    path (`graph_api.graphql.fast`) calls it instead of the resolver, which would cost
    Strawberry's argument conversion and an info object for every edge of a page."""
    setattr(resolver, _ROW_READER, reader)
    return resolver


def row_reader(resolver: Any) -> RowReader | None:
    reader: RowReader | None = getattr(resolver, _ROW_READER, None)
    return reader


def connection(
    returns: Any,
    *,
    rel: str,
    direction: Direction = "out",
    sort: Enum | None = None,
    sorts: Mapping[Any, Sort] | None = None,
    where: str = "",
    filters: Mapping[str, tuple[Any, str]] | None = None,
    in_order: RelOrder | None = None,
    module: str,
    description: str | None = None,
) -> Any:
    """A connection field inside a node type, with its arguments declared here, once.

    `returns` is the connection type (or a lazy reference to it); `sort` the default sort,
    whose enum becomes the `sort` argument; `filters` maps extra argument names to their
    annotation and condition. The resolver only reads the page the compiled Cypher put in
    the parent; the compiler reads the same arguments, with these defaults, to build it.
    """
    params = [
        inspect.Parameter("self", inspect.Parameter.POSITIONAL_OR_KEYWORD),
        inspect.Parameter("info", inspect.Parameter.KEYWORD_ONLY, annotation=Info),
        *paging_parameters(),
    ]
    if sort is not None:
        params.append(_keyword("sort", type(sort), sort))
    for name, (annotation, _) in (filters or {}).items():
        params.append(_keyword(name, annotation | None, None))

    def resolve(self: Any, info: Info, **_: Any) -> Any:
        return self.get(info.path.key) if type(self) is dict else None

    reads_row(resolve, lambda row, name: row.get(name))

    resolve.__signature__ = inspect.Signature(params, return_annotation=returns)  # type: ignore[attr-defined]
    resolve.__annotations__ = {p.name: p.annotation for p in params[1:]} | {"return": returns}
    resolve.__module__ = module  # string annotations resolve in the declaring module
    decl = Conn(
        rel,
        direction,
        sorts,
        where,
        {name: condition for name, (_, condition) in (filters or {}).items()},
        in_order,
    )
    return strawberry.field(resolver=resolve, description=description, metadata={GRAPH: decl})


def root_connection(**kwargs: Any) -> Any:
    """A root field listing every node of its type as a connection (decorates the resolver,
    which declares the paging arguments and turns its filter into conditions)."""
    return strawberry.field(metadata={GRAPH: Conn()}, **kwargs)


def _keyword(name: str, annotation: Any, default: Any) -> inspect.Parameter:
    return inspect.Parameter(
        name, inspect.Parameter.KEYWORD_ONLY, annotation=annotation, default=default
    )


def paging_parameters() -> list[inspect.Parameter]:
    """`first`/`after`/`last`/`before`: nullable, the server applies the default page size."""
    return [
        _keyword("first", int | None, None),
        _keyword("after", str | None, None),
        _keyword("last", int | None, None),
        _keyword("before", str | None, None),
    ]
