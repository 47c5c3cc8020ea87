"""Checks that the themes, target groups, municipalities and organisations an input names
exist, in one statement inside the caller's write transaction."""

from __future__ import annotations

from typing import LiteralString

from neo4j import AsyncManagedTransaction

from graph_api.graph_names import Label
from graph_api.graphql.mutation_errors import ErrorCode, MutationRefused, Problem

UNKNOWN: LiteralString = f"""
RETURN [s IN $themes WHERE NOT EXISTS {{ MATCH (t:{Label.THEME}) WHERE t.slug = s }}] AS themes,
       [s IN $target_groups WHERE NOT EXISTS {{ MATCH (g:{Label.TARGET_GROUP}) WHERE g.slug = s }}]
         AS target_groups,
       [c IN $municipalities WHERE NOT EXISTS {{ MATCH (m:{Label.MUNICIPALITY}) WHERE m.code = c }}]
         AS municipalities,
       [i IN $organisations WHERE NOT EXISTS {{ MATCH (o:{Label.ORGANISATION}) WHERE o.id = i }}]
         AS organisations
"""


async def check_known(
    tx: AsyncManagedTransaction,
    themes: list[str] | None = None,
    target_groups: list[str] | None = None,
    municipalities: list[str] | None = None,
    organisations: list[str] | None = None,
    organisation_field: str = "organisation",
) -> None:
    """Raises VALIDATION problems naming every unknown value (and the input field)."""
    result = await tx.run(
        UNKNOWN,
        themes=themes or [],
        target_groups=target_groups or [],
        municipalities=municipalities or [],
        organisations=organisations or [],
    )
    row = await result.single(strict=True)
    fields = {
        "themes": "themes",
        "target_groups": "targetGroups",
        "municipalities": "municipalities",
        "organisations": organisation_field,
    }
    problems = [
        Problem(ErrorCode.VALIDATION, f"Unknown {key.replace('_', ' ')}: {row[key][:5]}.", field)
        for key, field in fields.items()
        if row[key]
    ]
    if problems:
        raise MutationRefused(*problems)
