"""Helpers for root resolvers: compile the selection, run it in one round trip, shape it.

They return the compiled dicts, typed `Any` because resolvers hand them to GraphQL in place
of the Strawberry types they are declared with.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from strawberry.types import Info
from strawberry.types.nodes import SelectedField

from graph_api.graphql.compiler import Compiler, Selection
from graph_api.graphql.context import Context
from graph_api.graphql.errors import UnknownValueError
from graph_api.graphql.model import ConnSpec, model_of
from graph_api.graphql.projections import project_root

ROOT = "n0"


def compiler(info: Info) -> Compiler:
    """A compiler that knows the page limits and what this caller may see."""
    ctx: Context = info.context
    c = Compiler(model_of(info), ctx.settings.max_page_size, ctx.settings.default_page_size)
    c.apply_viewer(ctx.viewer)
    return c


def selections(info: Info) -> list[Selection]:
    return list(info.selected_fields[0].selections)


async def _run(info: Info, cypher: str, params: dict[str, Any]) -> Any:
    ctx: Context = info.context
    rows = await ctx.db.read(cypher, params, ctx.trips)
    return rows[0]["result"] if rows else None


async def one(info: Info, type_name: str, match: str, c: Compiler | None = None) -> Any:
    """`match` binds `n0`; its values are already parameters of `c`."""
    c = c or compiler(info)
    projection = project_root(info, c, type_name, ROOT)
    return await _run(info, f"MATCH {match} RETURN {projection} AS result LIMIT 1", c.params)


async def many(info: Info, type_name: str, match: str, order: str) -> Any:
    c = compiler(info)
    projection = c.project(type_name, ROOT, selections(info))
    cypher = (
        f"RETURN COLLECT {{ MATCH {match} WITH {ROOT} ORDER BY {order} "
        f"RETURN {projection} }} AS result"
    )
    return await _run(info, cypher, c.params) or []


async def run(info: Info, c: Compiler, cypher: str) -> Any:
    """Run a statement ending in `AS result`; None when it returns no row.

    Filter values that must exist (theme slugs, province codes) are checked in the same
    statement and become UNKNOWN_VALUE errors.
    """
    checks = [
        f"[v IN {param} WHERE NOT EXISTS {{ MATCH (x:{label}) WHERE x.{prop} = v }}]"
        for label, prop, param, _ in c.checks
    ]
    if checks:
        cypher = f"{cypher.rstrip()}, [{', '.join(checks)}] AS missing"
    ctx: Context = info.context
    rows = await ctx.db.read(cypher, c.params, ctx.trips)
    if not rows:
        return None
    for (_, _, _, what), missing in zip(c.checks, rows[0].get("missing", []), strict=True):
        if missing:
            shown = ", ".join(repr(v) for v in missing[:5])
            raise UnknownValueError(f"Unknown {what}: {shown}.", values=missing[:20])
    return rows[0]["result"]


def root_spec(info: Info) -> ConnSpec:
    """The declared connection of the root field being resolved."""
    return model_of(info).roots[f"{info.path.typename}.{info.field_name}"]


async def connection(info: Info, c: Compiler, conditions: Sequence[str] = ()) -> Any:
    """A root list as a connection; `conditions` (over `{m}`) come from the filter."""
    sel = info.selected_fields[0]
    assert isinstance(sel, SelectedField)
    expr = c.connection(root_spec(info), ROOT, sel, extra_where=conditions)
    return await run(info, c, f"RETURN {expr} AS result")
