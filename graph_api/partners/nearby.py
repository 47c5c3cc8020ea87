"""`nearby`: organisations and local coalitions within a distance of a municipality.

Both lists start from the municipalities within the radius, found through the point index
`municipality_point` (a `point.distance(...) <= $radius` predicate), so only those are read.

An organisation's distance is its home municipality's, so the first `first` organisations
come from the nearest municipalities whose organisations add up to `first`; without a filter
their degrees tell which those are (`reach`) and only their organisations are read and
sorted. In a city of the benchmark's scale 100 that is the municipality itself (about 500
organisations) instead of every one within 10 km (2,000 and more). Each municipality's
organisations are read in name order from the index `based_in_home_order`
(`graph_names.BASED_IN_HOME_ORDER`), at most `first` of them: a page costs about the page,
not the city.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from graph_api.graph_names import BASED_IN_HOME_ORDER, Label, Rel
from graph_api.graphql.compiler import Compiler, Selection
from graph_api.partners.projection import cypher_map, selected

MAX_RADIUS_KM = 300.0
# Metres to kilometres, to the metre: more would be false precision for centroids.
DISTANCE_KM = "round(d / 1000.0, 3)"


def nearby_cypher(
    c: Compiler,
    code: str,
    radius_km: float,
    kinds: Sequence[str] | None,
    first: int,
    selections: Iterable[Selection],
    conditions: Sequence[str] = (),
) -> str:
    """One row, or none when the municipality is unknown. `conditions` (over `{m}`, from the
    organisation filter's declarations) narrow the organisations."""
    sel = selected(c, "Nearby", selections)
    radius, limit = c.param(radius_km * 1000), c.param(first)
    within = _within(radius)
    entries: dict[str, str] = {}
    reach = ""
    if "municipality" in sel:
        entries["municipality"] = c.project("Municipality", "centre", sel["municipality"])
    if "organisations" in sel:
        item = selected(c, "NearbyOrganisation", sel["organisations"])
        wanted = [f"o.kind IN {c.param(list(kinds))}"] if kinds else []
        wanted += [condition.replace("{m}", "o") for condition in conditions]
        body = {"distance_km": DISTANCE_KM}
        if "organisation" in item:
            body["organisation"] = c.project("Organisation", "o", item["organisation"])
        homes = within
        if not wanted:
            reach = reach_call("centre", radius, limit)
            homes = _within("reach")
        entries["organisations"] = (
            f"COLLECT {{ {homes}WITH near, point.distance(near.location, centre.location) AS d "
            f"{based_in('near', 'o', limit, wanted)}"
            f"WITH o, d ORDER BY d, o_name, o_id LIMIT {limit} RETURN {cypher_map(body)} }}"
        )
    if "coalitions" in sel:
        item = selected(c, "NearbyCoalition", sel["coalitions"])
        body = {"distance_km": DISTANCE_KM}
        if "coalition" in item:
            body["coalition"] = c.project("Coalition", "k", item["coalition"])
        entries["coalitions"] = (
            f"COLLECT {{ {within}MATCH (k:{Label.COALITION})-[:{Rel.COVERS}]->(near) "
            "WITH DISTINCT k "
            # Nearest covered municipality without min(): Neo4j 5.26 rejects an aggregating
            # function inside a subquery of a projected map ("implicit grouping").
            f"WITH k, COLLECT {{ MATCH (k)-[:{Rel.COVERS}]->(kc:{Label.MUNICIPALITY}) "
            "RETURN point.distance(kc.location, centre.location) AS kd "
            "ORDER BY kd LIMIT 1 }[0] AS d "
            f"ORDER BY d, k.name, k.id LIMIT {limit} RETURN {cypher_map(body)} }}"
        )
    return (
        f"MATCH (centre:{Label.MUNICIPALITY} {{code: {c.param(code)}}}) "
        f"{reach}RETURN {cypher_map(entries)} AS result"
    )


def _within(distance: str) -> str:
    return (
        f"MATCH (near:{Label.MUNICIPALITY}) "
        f"WHERE point.distance(near.location, centre.location) <= {distance} "
    )


def based_in(near: str, o: str, limit: str, conditions: Sequence[str] = ()) -> str:
    """A subquery giving `o`: the first `limit` organisations based in the municipality
    `near` that meet `conditions`, in name order, walked from the index of their homes; and
    `o_name`, `o_id`: their name and id as the relationship's copies carry them, so ordering
    the rows of several municipalities reads no organisation (400 reads a list of 200)."""
    order, b = BASED_IN_HOME_ORDER, f"{o}_home"
    where = [
        f"{b}.{order.key} = {near}.{order.end_key}",
        # The index gives its order only to rows that have every key.
        *(f"{b}.{p} IS NOT NULL" for p in order.props[1:]),
        *conditions,
    ]
    keys = ", ".join(f"{b}.{copy} AS {o}_{prop}" for prop, copy in order.copies)
    return (
        f"CALL ({near}) {{ MATCH ({o}:{Label.ORGANISATION})-[{b}:{Rel.BASED_IN}]->() "
        f"USING INDEX {b}:{Rel.BASED_IN}({', '.join(order.props)}) "
        f"WHERE {' AND '.join(where)} "
        f"RETURN {o}, {keys} ORDER BY {', '.join(f'{b}.{p}' for p in order.props)} "
        f"LIMIT {limit} }} "
    )


def reach_call(centre: str, radius: str, limit: str) -> str:
    """A subquery giving `reach`: the distance from `centre` (a municipality) of the nearest
    municipality at which the organisations based in it and in those nearer add up to
    `limit`, or `radius` when they never do. Municipalities at exactly that distance are all
    inside it, so ties stay complete. Degrees come from the degree store: no organisation is
    read."""
    return (
        f"CALL ({centre}) {{ MATCH (ring:{Label.MUNICIPALITY}) "
        f"WHERE point.distance(ring.location, {centre}.location) <= {radius} "
        f"WITH ring, point.distance(ring.location, {centre}.location) AS d ORDER BY d "
        f"WITH collect([d, COUNT {{ (ring)<-[:{Rel.BASED_IN}]-() }}]) AS rings "
        "RETURN coalesce(reduce(acc = [0, null], x IN rings | CASE WHEN acc[1] IS NULL "
        f"AND acc[0] + x[1] >= {limit} THEN [acc[0] + x[1], x[0]] "
        f"ELSE [acc[0] + x[1], acc[1]] END)[1], {radius}) AS reach }} "
    )
