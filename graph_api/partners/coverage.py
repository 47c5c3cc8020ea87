"""`coverage`: how far the local approach reaches, nationally or in one province.

Counts a map can colour directly: per province and per municipality (those two are
declared in partners.types and also serve as the per-province network figures).
"""

from __future__ import annotations

from collections.abc import Iterable

from graph_api.graph_names import Label, Rel
from graph_api.graphql.compiler import Compiler, Selection
from graph_api.partners.projection import cypher_map, selected

NEEDS_MUNICIPALITIES = ("municipalities", "joined", "without_local_coalition", "per_municipality")


def coverage_cypher(c: Compiler, province_code: str | None, selections: Iterable[Selection]) -> str:
    """One row; an unknown province code is reported through `c.checks` (UNKNOWN_VALUE)."""
    sel = selected(c, "Coverage", selections)
    national = province_code is None
    # Nationally this reads the 12 provinces by label: all of them are wanted.
    scope = f"MATCH (pv:{Label.PROVINCE})"
    if province_code is not None:
        scope += (
            f" WHERE pv.code IN {c.existing(Label.PROVINCE, 'code', [province_code], 'province')}"
        )
    # Aggregating keeps the one row even when no province matched, so the check can report.
    head = [scope, "WITH pv ORDER BY pv.code", "WITH collect(pv) AS provinces"]
    if any(k in sel for k in NEEDS_MUNICIPALITIES):
        head.append(
            "WITH provinces, COLLECT { UNWIND provinces AS pv "
            f"MATCH (pv)<-[:{Rel.IN_PROVINCE}]-(mu:{Label.MUNICIPALITY}) RETURN mu }} AS munis"
        )
    entries: dict[str, str] = {}
    if "municipalities" in sel:
        entries["municipalities"] = "size(munis)"
    if "joined" in sel:
        entries["joined"] = "size([mu IN munis WHERE mu.participation = 'JOINED'])"
    if "without_local_coalition" in sel:
        body = c.project("Municipality", "mu", sel["without_local_coalition"])
        entries["without_local_coalition"] = (
            "COLLECT { UNWIND munis AS mu WITH mu WHERE NOT EXISTS { "
            f"MATCH (mu)<-[:{Rel.COVERS}]-(lc:{Label.COALITION}) WHERE lc.kind = 'LOCAL' }} "
            f"WITH mu ORDER BY mu.name, mu.code RETURN {body} }}"
        )
    if "themes_without_published_practice" in sel:
        body = c.project("Theme", "t", sel["themes_without_published_practice"])
        # Maintained counts (partners.aggregates) say it: nationally the theme's own, in a
        # province the one per province and theme.
        if national:
            without = "t.publishedPractices = 0"
        else:
            without = (
                f"NOT EXISTS {{ MATCH (t)<-[tr:{Rel.PUBLISHED_ON}]-(tpv:{Label.PROVINCE}) "
                "WHERE tr.practices > 0 AND tpv IN provinces }"
            )
        entries["themes_without_published_practice"] = (
            f"COLLECT {{ MATCH (t:{Label.THEME}) WHERE {without} "
            f"WITH t ORDER BY t.name RETURN {body} }}"
        )
    if "per_province" in sel:
        body = c.project("ProvinceCoverage", "pv", sel["per_province"])
        entries["per_province"] = (
            f"COLLECT {{ UNWIND provinces AS pv WITH pv ORDER BY pv.code RETURN {body} }}"
        )
    if "per_municipality" in sel:
        body = c.project("MunicipalityCoverage", "mu", sel["per_municipality"])
        entries["per_municipality"] = (
            f"COLLECT {{ UNWIND munis AS mu WITH mu ORDER BY mu.name, mu.code RETURN {body} }}"
        )
    return "\n".join([*head, f"RETURN {cypher_map(entries)} AS result"])
