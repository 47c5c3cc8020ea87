MATCH (n0:Coalition {kind: 'NATIONAL'}) RETURN {`members`: [x3 IN [COLLECT { MATCH (n0)<-[r2:MEMBER_OF]-(m1:Organisation) WHERE r2.role = $p0 WITH m1, r2 ORDER BY coalesce(toString(r2.since), ''), m1.id LIMIT $p2 + 1 RETURN {`_k`: [$p1, coalesce(toString(r2.since), ''), m1.id], `role`: r2.role, `since`: toString(r2.since), `node`: {`name`: m1.name, `__typename`: 'Organisation'}} }] | {`edges`: x3[0..$p2], `page_info`: {`has_next_page`: size(x3) > $p2, `has_previous_page`: false, `start_cursor`: x3[0..$p2][0]._k, `end_cursor`: x3[0..$p2][-1]._k}}][0], `name`: n0.name, `__typename`: 'Coalition'} AS result LIMIT 1
{
  "p0": "LEAD",
  "p1": "JOINED",
  "p2": 10
}
