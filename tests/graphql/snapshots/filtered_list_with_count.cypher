RETURN [x10 IN [COLLECT { CALL () { WITH reduce(s = 0, d IN COLLECT { MATCH (flta:Theme) WHERE flta.slug IN $p0 RETURN COUNT { (flta)<-[:WORKS_ON]-() } } | s + d) AS s9 WHERE s9 * $p4 > COUNT { (m1:Organisation) } MATCH (m1:Organisation) WHERE m1.name IS NOT NULL AND m1.id IS NOT NULL WITH m1 ORDER BY m1.name, m1.id LIMIT $p5 WITH m1 WHERE EXISTS { MATCH (m1)-[:WORKS_ON]->(flt:Theme) WHERE flt.slug IN $p0 } AND EXISTS { MATCH (m1)-[:BASED_IN]->(:Municipality)-[:IN_PROVINCE]->(flt:Province) WHERE flt.code IN $p1 } WITH m1 LIMIT $p3 + 1 RETURN collect(m1) AS w7 } CALL (w7) { WITH w7 WHERE size(w7) <= $p3 MATCH (flta:Theme) WHERE flta.slug IN $p0 MATCH (m1)-[:WORKS_ON]->(flta) WITH DISTINCT m1 MATCH (m1:Organisation) WHERE EXISTS { MATCH (m1)-[:BASED_IN]->(:Municipality)-[:IN_PROVINCE]->(flt:Province) WHERE flt.code IN $p1 } AND m1.name IS NOT NULL AND m1.id IS NOT NULL WITH m1 ORDER BY m1.name, m1.id LIMIT $p3 + 1 RETURN collect(m1) AS a8 } UNWIND CASE WHEN size(w7) > $p3 THEN w7 ELSE a8 END AS m1 WITH m1 ORDER BY m1.name, m1.id RETURN {`_k`: [$p2, m1.name, m1.id], `node`: {`name`: m1.name, `themes`: COLLECT { MATCH (m1)-[:WORKS_ON]->(m3:Theme) WITH m3 ORDER BY m3.name RETURN {`name`: m3.name, `__typename`: 'Theme'} }, `home_municipality`: COLLECT { MATCH (m1)-[:BASED_IN]->(m5:Municipality) RETURN {`name`: m5.name, `__typename`: 'Municipality'} LIMIT 1 }[0], `__typename`: 'Organisation'}} }] | {`total_count`: COUNT { MATCH (flta:Theme) WHERE flta.slug IN $p0 MATCH (m1)-[:WORKS_ON]->(flta) WITH m1 WHERE EXISTS { MATCH (m1)-[:BASED_IN]->(:Municipality)-[:IN_PROVINCE]->(flt:Province) WHERE flt.code IN $p1 } RETURN m1 }, `edges`: x10[0..$p3], `page_info`: {`has_next_page`: size(x10) > $p3, `has_previous_page`: false, `start_cursor`: x10[0..$p3][0]._k, `end_cursor`: x10[0..$p3][-1]._k}}][0] AS result, [[v IN $p0 WHERE NOT EXISTS { MATCH (x:Theme) WHERE x.slug = v }], [v IN $p1 WHERE NOT EXISTS { MATCH (x:Province) WHERE x.code = v }]] AS missing
{
  "p0": [
    "digitale-inclusie"
  ],
  "p1": [
    "PV30"
  ],
  "p2": "NAME",
  "p3": 50,
  "p4": 8,
  "p5": 10000
}
