"""Projections of single-object root fields, kept between requests.

An organisation, municipality or coalition page is one statement: `MATCH` the object by its
key, `RETURN` a map of what the document selects. The map (the projection) depends only on
the selection, the type, the caller's visibility rules and the page-size settings, yet
working it out, with Strawberry's conversion of the selection before it, was about a sixth
of a worker's CPU per organisation page (py-spy under load). The key's value is a parameter
bound before the projection, so the same document for another organisation reuses it.

Kept per field node of a parsed document (the known-queries and parse caches hand back the
same document for the same text), only when nothing below the root field reads a variable:
a variable below the root (an argument, an `@include`, a fragment's) could change the
projection, and such a selection is compiled every time.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from graphql import FieldNode, GraphQLResolveInfo, Node, VariableNode
from strawberry.types import Info

from graph_api.graphql.compiler import Compiler
from graph_api.graphql.context import Context

MAX_ENTRIES = 4096


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
    if len(raw.field_nodes) != 1 or _reads_variables(raw, c.model.variable_use):
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
    memo = _memo(c)
    kept = memo.get(key)
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
    if len(memo) >= MAX_ENTRIES:
        memo.clear()  # documents come and go; the frequent ones are back in one request
    memo[key] = _Projection(
        node,
        len(before),
        counter,
        text,
        {k: v for k, v in c.params.items() if k not in before},
        c._counter,
    )
    return text


def _memo(c: Compiler) -> dict[Any, _Projection]:
    # On the schema's graph model, like the viewer rules: one per schema, whatever the app.
    memo: dict[Any, _Projection] = c.model.projections
    return memo


def _reads_variables(raw: GraphQLResolveInfo[Any], flags: dict[int, Any]) -> bool:
    """Whether a variable occurs below the root field or in any fragment of the document
    (worked out once per field node)."""
    node = raw.field_nodes[0]
    kept = flags.get(id(node))
    if kept is not None and kept[0] is node:
        return kept[1]
    reads = _has_variable(node.selection_set) or any(
        _has_variable(f) for f in raw.fragments.values()
    )
    if len(flags) >= MAX_ENTRIES:
        flags.clear()
    flags[id(node)] = (node, reads)
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
