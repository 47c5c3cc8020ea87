RETURN [x8 IN [COLLECT { CALL () { MATCH (m1:Organisation)-[w7:WORKS_ON]->() USING INDEX w7:WORKS_ON(theme, name, id) WHERE w7.theme = $p1 AND w7.name IS NOT NULL AND w7.id IS NOT NULL AND EXISTS { MATCH (m1)-[:BASED_IN]->(:Municipality)-[:IN_PROVINCE]->(flt:Province) WHERE flt.code IN $p2 } WITH m1, w7 ORDER BY w7.theme, w7.name, w7.id LIMIT $p5 + 1 RETURN m1, w7 } RETURN {`_k`: [$p4, m1.name, m1.id], `node`: {`name`: m1.name, `themes`: COLLECT { MATCH (m1)-[:WORKS_ON]->(m3:Theme) WITH m3 ORDER BY m3.name RETURN {`name`: m3.name, `__typename`: 'Theme'} }, `home_municipality`: COLLECT { MATCH (m1)-[:BASED_IN]->(m5:Municipality) RETURN {`name`: m5.name, `__typename`: 'Municipality'} LIMIT 1 }[0], `__typename`: 'Organisation'}} }] | {`total_count`: COUNT { MATCH (flta:Theme) WHERE flta.slug IN $p0 MATCH (m1)-[:WORKS_ON]->(flta) WITH m1 WHERE EXISTS { MATCH (m1)-[:BASED_IN]->(:Municipality)-[:IN_PROVINCE]->(flt:Province) WHERE flt.code IN $p2 } RETURN m1 }, `edges`: x8[0..$p5], `page_info`: {`has_next_page`: size(x8) > $p5, `has_previous_page`: false, `start_cursor`: x8[0..$p5][0]._k, `end_cursor`: x8[0..$p5][-1]._k}}][0] AS result, [[v IN $p0 WHERE NOT EXISTS { MATCH (x:Theme) WHERE x.slug = v }], [v IN $p2 WHERE NOT EXISTS { MATCH (x:Province) WHERE x.code = v }]] AS missing
{
  "p0": [
    "digitale-inclusie"
  ],
  "p1": "digitale-inclusie",
  "p2": [
    "PV30"
  ],
  "p3": "PV30",
  "p4": "NAME",
  "p5": 50
}
