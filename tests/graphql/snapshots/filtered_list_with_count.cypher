RETURN [x7 IN [COLLECT { MATCH (m1:Organisation) WHERE EXISTS { MATCH (m1)-[:WORKS_ON]->(flt:Theme) WHERE flt.slug IN $p0 } AND EXISTS { MATCH (m1)-[:BASED_IN]->(:Municipality)-[:IN_PROVINCE]->(flt:Province) WHERE flt.code IN $p1 } AND m1.name IS NOT NULL AND m1.id IS NOT NULL WITH m1 ORDER BY m1.name, m1.id LIMIT $p3 + 1 RETURN {`_k`: [$p2, m1.name, m1.id], `node`: {`name`: m1.name, `themes`: COLLECT { MATCH (m1)-[:WORKS_ON]->(m3:Theme) WITH m3 ORDER BY m3.name RETURN {`name`: m3.name, `__typename`: 'Theme'} }, `home_municipality`: COLLECT { MATCH (m1)-[:BASED_IN]->(m5:Municipality) RETURN {`name`: m5.name, `__typename`: 'Municipality'} LIMIT 1 }[0], `__typename`: 'Organisation'}} }] | {`total_count`: COUNT { MATCH (flta:Theme) WHERE flta.slug IN $p0 MATCH (m1)-[:WORKS_ON]->(flta) WITH DISTINCT m1 MATCH (m1:Organisation) WHERE EXISTS { MATCH (m1)-[:BASED_IN]->(:Municipality)-[:IN_PROVINCE]->(flt:Province) WHERE flt.code IN $p1 } RETURN m1 }, `edges`: x7[0..$p3], `page_info`: {`has_next_page`: size(x7) > $p3, `has_previous_page`: false, `start_cursor`: x7[0..$p3][0]._k, `end_cursor`: x7[0..$p3][-1]._k}}][0] AS result, [[v IN $p0 WHERE NOT EXISTS { MATCH (x:Theme) WHERE x.slug = v }], [v IN $p1 WHERE NOT EXISTS { MATCH (x:Province) WHERE x.code = v }]] AS missing
{
  "p0": [
    "digitale-inclusie"
  ],
  "p1": [
    "PV30"
  ],
  "p2": "NAME",
  "p3": 50
}
