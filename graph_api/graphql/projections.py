"""Projections of single-object root fields, and whole root statements, kept between requests.

An organisation, municipality or coalition page is one statement: `MATCH` the object by its
key, `RETURN` a map of what the document selects. The map (the projection) depends only on
the selection, the type, the caller's visibility rules and the page-size settings, yet
working it out, with Strawberry's conversion of the selection before it, was about a sixth
of a worker's CPU per organisation page (py-spy under load). The key's value is a parameter
bound before the projection, so the same document for another organisation reuses it.

Kept per field node of a parsed document (the known-queries and parse caches hand back the
same document for the same text), only when nothing below the root field reads a variable:
a variable below the root (an argument, an `@include`, a fragment's) could change the
projection, and such a selection is compiled every time. Both caches are bounded by bytes,
weighed as the parse cache weighs a document: an entry pins its field's syntax tree.

A root field whose arguments only become parameters (`connectionPath`'s two IDs and bound)
keeps its whole statement the same way (`statement`): it is worked out once with a slot in
place of each argument's value, and a later request fills its own values into the slots.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from graphql import FieldNode, GraphQLResolveInfo, Node, VariableNode
from strawberry.types import Info

from graph_api.graphql.parse_cache import AST_BYTES_PER_CHAR, ENTRY_OVERHEAD, ByteBoundedCache

if TYPE_CHECKING:  # the compiler's model holds these caches
    from graph_api.graphql.compiler import Compiler
    from graph_api.graphql.context import Context

CACHE_BYTES = 16 * 1024 * 1024


class Projections:
    """The caches of one schema (on its graph model, like the viewer rules)."""

    def __init__(self) -> None:
        self.kept: ByteBoundedCache[_Projection] = ByteBoundedCache(CACHE_BYTES)
        # Field node id -> (the node, whether its selection reads variables).
        self.variable_use: ByteBoundedCache[tuple[FieldNode, bool]] = ByteBoundedCache(CACHE_BYTES)
        self.statements: ByteBoundedCache[_Statement] = ByteBoundedCache(CACHE_BYTES)


@dataclass(frozen=True, slots=True)
class _Projection:
    node: FieldNode  # held so that its id is not reused while the entry lives
    params_before: int  # the compiler's parameters when it was worked out
    counter_before: int
    text: str
    params: dict[str, Any]  # the parameters it added
    counter_after: int


def project_root(info: Info, c: Compiler, type_name: str, root: str) -> str:
    """`c.project(type_name, root, <the root field's selections>)`, from the memo when this
    field of this document was projected before for the same kind of caller."""
    raw: GraphQLResolveInfo[Any] = info._raw_info
    caches: Projections = c.model.projections
    if len(raw.field_nodes) != 1 or _reads_variables(raw, caches.variable_use):
        return c.project(type_name, root, list(info.selected_fields[0].selections))
    node = raw.field_nodes[0]
    ctx: Context = info.context
    viewer = ctx.viewer
    key = (
        id(node),
        type_name,
        root,
        viewer.role,
        viewer.organisation_id,
        c.max_page_size,
        c.default_page_size,
    )
    kept = caches.kept.get(key)
    if (
        kept is not None
        and kept.node is node
        and kept.params_before == len(c.params)
        and kept.counter_before == c._counter
    ):
        c.params.update(kept.params)
        c._counter = kept.counter_after
        return kept.text
    before, counter = set(c.params), c._counter
    text = c.project(type_name, root, list(info.selected_fields[0].selections))
    added = {k: v for k, v in c.params.items() if k not in before}
    kept = _Projection(node, len(before), counter, text, added, c._counter)
    caches.kept.put(key, kept, _weight(node) + 2 * len(text))
    return text


@dataclass(frozen=True, slots=True)
class _Statement:
    node: FieldNode
    before: tuple[int, int, int]  # the compiler's parameters, checks and counter before it
    text: str | None  # None: the text depends on the values, compiled every time
    params: dict[str, Any]  # with a _Slot where an argument's value goes
    checks: list[tuple[str, str, str, str]]
    counter: int


class _Slot:
    """Stands for the value of argument `index` while a statement is worked out. Anything but
    passing it to `Compiler.param` (printing it, comparing it, testing it) raises, so a
    statement whose text depends on a value is never kept."""

    __slots__ = ("index",)

    def __init__(self, index: int) -> None:
        self.index = index

    def _refuse(self, *_: Any) -> Any:
        raise _NotKeepable

    __str__ = __repr__ = __format__ = __bool__ = __eq__ = __ne__ = __lt__ = __len__ = _refuse
    __iter__ = __contains__ = __getitem__ = __getattr__ = __hash__ = __add__ = _refuse


class _NotKeepable(Exception):
    pass


def statement(
    info: Info, c: Compiler, name: str, values: tuple[Any, ...], build: Callable[..., str]
) -> str:
    """`build(c, *values)`, from the memo when this field of this document was compiled before
    by `name` for the same kind of caller. `build` may only hand the values to `c.param`; one
    that does anything else with them is compiled every time."""
    raw: GraphQLResolveInfo[Any] = info._raw_info
    caches: Projections = c.model.projections
    if len(raw.field_nodes) != 1 or _reads_variables(raw, caches.variable_use):
        return build(c, *values)
    node = raw.field_nodes[0]
    viewer = info.context.viewer
    before = (len(c.params), len(c.checks), c._counter)
    pages = (c.max_page_size, c.default_page_size)
    key = (id(node), name, viewer.role, viewer.organisation_id, pages)
    kept = caches.statements.get(key)
    if kept is not None and kept.node is node and kept.before == before:
        if kept.text is None:  # its text depends on the values
            return build(c, *values)
        c.params.update(_filled(kept.params, values))
        c.checks.extend(kept.checks)
        c._counter = kept.counter
        return kept.text
    params, checks = dict(c.params), list(c.checks)
    try:
        text = build(c, *(_Slot(i) for i in range(len(values))))
        added = {k: v for k, v in c.params.items() if k not in params}
        if any(_nested_slot(v) for v in added.values()):
            raise _NotKeepable
    except Exception:  # a slot refused, or lacks the operation (a TypeError): no memo
        c.params, c.checks, c._counter = params, checks, before[2]
        caches.statements.put(key, _Statement(node, before, None, {}, [], 0), _weight(node))
        return build(c, *values)
    kept = _Statement(node, before, text, added, c.checks[before[1] :], c._counter)
    caches.statements.put(key, kept, _weight(node) + 2 * len(text))
    c.params.update(_filled(added, values))
    return text


def _filled(params: dict[str, Any], values: tuple[Any, ...]) -> dict[str, Any]:
    return {k: values[v.index] if type(v) is _Slot else v for k, v in params.items()}


def _nested_slot(value: Any) -> bool:
    """A slot inside a parameter's list or map, where `_filled` would not find it."""
    if isinstance(value, list | tuple):
        return any(type(v) is _Slot or _nested_slot(v) for v in value)
    if isinstance(value, dict):
        return any(type(v) is _Slot or _nested_slot(v) for v in value.values())
    return False


def _weight(node: FieldNode) -> int:
    """What an entry pins: the field's syntax tree, by the length of its text."""
    span = node.loc.end - node.loc.start if node.loc is not None else 0
    return ENTRY_OVERHEAD + AST_BYTES_PER_CHAR * span


def _reads_variables(
    raw: GraphQLResolveInfo[Any], flags: ByteBoundedCache[tuple[FieldNode, bool]]
) -> bool:
    """Whether a variable occurs below the root field or in any fragment of the document
    (worked out once per field node)."""
    node = raw.field_nodes[0]
    kept = flags.get(id(node))
    if kept is not None and kept[0] is node:
        return kept[1]
    reads = _has_variable(node.selection_set) or any(
        _has_variable(f) for f in raw.fragments.values()
    )
    flags.put(id(node), (node, reads), _weight(node))
    return reads


def _has_variable(node: Node | None) -> bool:
    if node is None:
        return False
    if isinstance(node, VariableNode):
        return True
    for name in node.keys:
        value = getattr(node, name, None)
        values = value if isinstance(value, tuple | list) else (value,)
        if any(isinstance(v, Node) and _has_variable(v) for v in values):
            return True
    return False
