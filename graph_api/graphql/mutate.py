"""Runs a mutation: the domain's write and the read-back of the payload, in one transaction."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from neo4j import AsyncManagedTransaction
from neo4j.exceptions import ConstraintError
from strawberry.types import Info

from graph_api.auth.viewer import Viewer
from graph_api.graphql import root
from graph_api.graphql.context import Context
from graph_api.graphql.mutation_errors import ErrorCode, MutationRefused, Problem, failed

Write = Callable[[AsyncManagedTransaction], Awaitable[str]]
ViewerWrite = Callable[[AsyncManagedTransaction, Viewer], Awaitable[str]]


async def run(
    info: Info, payload_type: str, key: str, node: tuple[str, str, str], write: Write
) -> Any:
    """`node` is (GraphQL type, label, key property) of what `write` returns the key of.

    The payload's `key` field is compiled like any query and read inside the same
    transaction, so the caller sees exactly what was committed.
    """
    ctx: Context = info.context
    c = root.compiler(info)
    type_name, label, prop = node
    wanted = [
        s
        for f in c.fields_of(payload_type, info.selected_fields[0].selections)
        if f.name == key
        for s in f.selections
    ]
    projection = c.project(type_name, root.ROOT, wanted) if wanted else None
    n = root.ROOT
    read_back = f"MATCH ({n}:{label}) WHERE {n}.{prop} = $mutated_key RETURN {projection} AS result"

    async def work(tx: AsyncManagedTransaction) -> Any:
        mutated = await write(tx)
        if projection is None:
            return None
        result = await tx.run(read_back, {**c.params, "mutated_key": mutated})
        record = await result.single()
        return record["result"] if record else None

    try:
        value = await ctx.db.write(work)
    except MutationRefused as exc:
        return failed(exc, key)
    except ConstraintError:
        # Two writers raced for the same unique value (a slug, say): the loser is told so.
        return failed(
            MutationRefused(Problem(ErrorCode.CONFLICT, "A concurrent change got there first.")),
            key,
        )
    return {key: value, "errors": []}


@dataclass(frozen=True)
class Target:
    """What a mutation's payload holds: its type, the field of the written node, and that
    node as (GraphQL type, label, key property)."""

    payload_type: str
    key: str
    node: tuple[str, str, str]


async def run_for_viewer(info: Info, target: Target, work: ViewerWrite) -> Any:
    """`run` for a domain write that acts on behalf of the request's viewer."""
    viewer = info.context.viewer

    async def write(tx: AsyncManagedTransaction) -> str:
        return await work(tx, viewer)

    return await run(info, target.payload_type, target.key, target.node, write)
