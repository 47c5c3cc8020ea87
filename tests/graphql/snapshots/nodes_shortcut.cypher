RETURN [x3 IN [COLLECT { MATCH (m1:Coalition) WHERE m1.name IS NOT NULL AND m1.id IS NOT NULL WITH m1 ORDER BY m1.name, m1.id LIMIT $p1 + 1 RETURN {`_k`: [$p0, m1.name, m1.id], `_n`: {`name`: m1.name, `__typename`: 'Coalition'}} }] | {`edges`: x3[0..$p1], `page_info`: {`has_next_page`: size(x3) > $p1, `has_previous_page`: false, `start_cursor`: x3[0..$p1][0]._k, `end_cursor`: x3[0..$p1][-1]._k}, `nodes`: [x3_e IN x3[0..$p1] | x3_e._n]}][0] AS result
{
  "p0": "NAME",
  "p1": 3
}
