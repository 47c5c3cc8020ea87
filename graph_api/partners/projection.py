"""Selections of the partner types that carry computed values (scores, distances, paths).

Those types are not views of one node, so their map entries are written by hand here; the
nested organisations, coalitions and the like still go through the compiler.
"""

from __future__ import annotations

from collections.abc import Iterable

from graph_api.graphql.compiler import Compiler, Selection


def selected(
    c: Compiler, type_name: str, selections: Iterable[Selection]
) -> dict[str, list[Selection]]:
    """Python field name -> merged sub-selections, fragments flattened, @skip/@include honoured.

    These fields take no arguments, so every alias of one reads the same value: merge them,
    as the compiler does.
    """
    names = c.model.types[type_name].python_names
    out: dict[str, list[Selection]] = {}
    for sel in c.fields_of(type_name, selections):
        if sel.name != "__typename":
            out.setdefault(names[sel.name], []).extend(sel.selections)
    return out


def cypher_map(entries: dict[str, str]) -> str:
    return "{" + ", ".join(f"`{k}`: {v}" for k, v in entries.items()) + "}"
