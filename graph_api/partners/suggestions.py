"""`suggestCollaborators`: organisations worth meeting, ranked, with the reasons why.

Candidates come only from the organisation's neighbourhood, never from the whole graph:
co-members of its coalitions, partners of its partners, and organisations based within
CANDIDATE_RADIUS_KM (found through the point index on Municipality.location). Each is scored

    2.0 x shared themes + 1.5 x shared target groups + 3.0 x shared coalitions
    + 1.5 x partners in common + 3.0 x (1 - km / 50) for home municipalities under 50 km apart

rounded to 4 decimals, ties broken by organisation id, so the same graph gives the same list.
Existing partners, the organisation itself and its own branches or parent are left out.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from graph_api.graph_names import Label, Rel
from graph_api.graphql.compiler import Compiler, Selection
from graph_api.partners.projection import cypher_map, selected

CANDIDATE_RADIUS_KM = 15.0
NEARNESS_SCALE_KM = 50.0
WEIGHTS = {"theme": 2.0, "group": 1.5, "coalition": 3.0, "mutual": 1.5, "near": 3.0}


def suggestions_cypher(
    c: Compiler,
    org_id: str,
    first: int,
    conditions: Sequence[str],
    selections: Iterable[Selection],
) -> str:
    """One row whose `result` is the ranked list, or no row if the organisation is unknown.

    `conditions` are filter conditions over `{m}` (from network.filters); they narrow the
    candidates before scoring.
    """
    w = {k: c.param(v) for k, v in WEIGHTS.items()}
    scale = c.param(NEARNESS_SCALE_KM)
    narrowed = " AND ".join(["excluded = 0", *(x.replace("{m}", "cand") for x in conditions)])
    item = cypher_map(_entries(c, selected(c, "CollaboratorSuggestion", selections)))
    # Each candidate source tags its rows, so counting the tags per candidate gives the shared
    # coalitions and the partners in common without expanding each candidate again; the
    # organisation itself, its partners and its family come in tagged as excluded.
    return f"""
MATCH (src:{Label.ORGANISATION} {{id: {c.param(org_id)}}})
WITH src,
  COLLECT {{ MATCH (src)-[:{Rel.BASED_IN}]->(sh:{Label.MUNICIPALITY}) RETURN sh LIMIT 1 }}[0]
    AS home,
  COLLECT {{ MATCH (src)-[:{Rel.WORKS_ON}]->(st:{Label.THEME}) RETURN st }} AS srcThemes,
  COLLECT {{ MATCH (src)-[:{Rel.SERVES}]->(sg:{Label.TARGET_GROUP}) RETURN sg }} AS srcGroups,
  COLLECT {{ MATCH (src)-[:{Rel.MEMBER_OF}]->(sc:{Label.COALITION}) RETURN sc }} AS srcCoalitions,
  COLLECT {{ MATCH (src)-[:{Rel.PARTNERS_WITH}]-(sp:{Label.ORGANISATION}) RETURN DISTINCT sp }}
    AS srcPartners,
  COLLECT {{ MATCH (src)-[:{Rel.BRANCH_OF}]-(sf:{Label.ORGANISATION}) RETURN sf }} AS srcFamily
RETURN COLLECT {{
  CALL (src, home, srcCoalitions, srcPartners, srcFamily) {{
      UNWIND srcCoalitions AS sc MATCH (sc)<-[:{Rel.MEMBER_OF}]-(cand:{Label.ORGANISATION})
      RETURN cand, sc AS viaCoalition, null AS viaPartner, null AS ex
    UNION ALL
      UNWIND srcPartners AS sp MATCH (sp)-[:{Rel.PARTNERS_WITH}]-(cand:{Label.ORGANISATION})
      RETURN cand, null AS viaCoalition, sp AS viaPartner, null AS ex
    UNION ALL
      MATCH (near:{Label.MUNICIPALITY})
      WHERE point.distance(near.location, home.location) <= {c.param(CANDIDATE_RADIUS_KM * 1000)}
      MATCH (cand:{Label.ORGANISATION})-[:{Rel.BASED_IN}]->(near)
      RETURN cand, null AS viaCoalition, null AS viaPartner, null AS ex
    UNION ALL
      UNWIND [src] + srcPartners + srcFamily AS cand
      RETURN cand, null AS viaCoalition, null AS viaPartner, 1 AS ex
  }}
  WITH cand, count(DISTINCT viaCoalition) AS nCoalitions,
       count(DISTINCT viaPartner) AS nMutual, count(ex) AS excluded
  WHERE {narrowed}
  // One pass over the candidate's own relationships for themes, groups and home.
  CALL (cand, srcThemes, srcGroups) {{
    MATCH (cand)-[r:{Rel.WORKS_ON}|{Rel.SERVES}|{Rel.BASED_IN}]->(x)
    RETURN count(CASE WHEN x IN srcThemes THEN 1 END) AS nThemes,
           count(CASE WHEN x IN srcGroups THEN 1 END) AS nGroups,
           collect(CASE WHEN type(r) = '{Rel.BASED_IN}' THEN x END)[0] AS candHome
  }}
  WITH cand, nMutual, candHome,
    point.distance(candHome.location, home.location) / 1000.0 AS km,
    {w["theme"]} * nThemes + {w["group"]} * nGroups + {w["coalition"]} * nCoalitions
      + {w["mutual"]} * nMutual AS shared
  WITH cand, nMutual, candHome, km,
    round(shared + CASE WHEN km IS NULL OR km >= {scale} THEN 0.0
                        ELSE {w["near"]} * (1.0 - km / {scale}) END, 4) AS score
  ORDER BY score DESC, cand.id
  LIMIT {c.param(first)}
  RETURN {item}
}} AS result
"""


def _entries(c: Compiler, sel: dict[str, list[Selection]]) -> dict[str, str]:
    # The facts behind the reasons are always read (a handful of names for `first` rows):
    # the reasons are worded in Python from them.
    entries = {
        "score": "score",
        "mutual_partners": "nMutual",
        "distance_km": "round(km, 3)",
        "_themes": _shared_names(f"(cand)-[:{Rel.WORKS_ON}]->(x:{Label.THEME})", "srcThemes"),
        "_groups": _shared_names(f"(cand)-[:{Rel.SERVES}]->(x:{Label.TARGET_GROUP})", "srcGroups"),
        "_coalitions": _shared_names(
            f"(cand)-[:{Rel.MEMBER_OF}]->(x:{Label.COALITION})", "srcCoalitions"
        ),
        "_home": "candHome.name",
        "_same_home": "candHome = home",
    }
    if "organisation" in sel:
        entries["organisation"] = c.project("Organisation", "cand", sel["organisation"])
    shared = {
        "shared_themes": (Rel.WORKS_ON, Label.THEME, "Theme", "srcThemes", "slug"),
        "shared_target_groups": (
            Rel.SERVES,
            Label.TARGET_GROUP,
            "TargetGroup",
            "srcGroups",
            "slug",
        ),
        "shared_coalitions": (Rel.MEMBER_OF, Label.COALITION, "Coalition", "srcCoalitions", "id"),
    }
    for key, (rel, label, type_name, among, unique) in shared.items():
        if key in sel:
            m = c.var("m")
            body = c.project(type_name, m, sel[key])
            entries[key] = (
                f"COLLECT {{ MATCH (cand)-[:{rel}]->({m}:{label}) WHERE {m} IN {among} "
                f"WITH {m} ORDER BY {m}.name, {m}.{unique} RETURN {body} }}"
            )
    return entries


def _shared_names(pattern: str, among: str) -> str:
    return f"COLLECT {{ MATCH {pattern} WHERE x IN {among} RETURN x.name ORDER BY x.name }}"


def finish(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Word the reasons and drop the private facts they came from."""
    for item in items:
        item["reasons"] = reasons(item)
        for key in ("_themes", "_groups", "_coalitions", "_home", "_same_home"):
            item.pop(key, None)
    return items


def reasons(item: dict[str, Any]) -> list[str]:
    out: list[str] = []
    coalitions: list[str] = item["_coalitions"]
    if coalitions:
        out.append(f"Both are members of {_and(coalitions)}")
    mutual: int = item["mutual_partners"]
    if mutual:
        out.append(f"{mutual} partner{'s' if mutual != 1 else ''} in common")
    themes: list[str] = item["_themes"]
    if themes:
        out.append(f"Works on the same theme{_s(themes)}: {', '.join(themes)}")
    groups: list[str] = item["_groups"]
    if groups:
        out.append(f"Serves the same target group{_s(groups)}: {', '.join(groups)}")
    km: float | None = item["distance_km"]
    if item["_same_home"]:
        out.append(f"Based in the same municipality, {item['_home']}")
    elif km is not None and km < NEARNESS_SCALE_KM:
        out.append(f"Based {km:.1f} km away, in {item['_home']}")
    out.append("Not yet a partner")
    return out


def _s(values: list[str]) -> str:
    return "s" if len(values) != 1 else ""


def _and(values: list[str]) -> str:
    return values[0] if len(values) == 1 else ", ".join(values[:-1]) + " and " + values[-1]
