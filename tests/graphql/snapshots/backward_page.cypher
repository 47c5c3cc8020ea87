RETURN [x3 IN [COLLECT { MATCH (m1:Municipality) WHERE ((coalesce(toString(m1.joinedOn), m1.joinedIn, '9999') < $p0) OR (coalesce(toString(m1.joinedOn), m1.joinedIn, '9999') = $p1 AND m1.code < $p2)) WITH m1 ORDER BY coalesce(toString(m1.joinedOn), m1.joinedIn, '9999') DESC, m1.code DESC LIMIT $p4 + 1 RETURN {`_k`: [$p3, coalesce(toString(m1.joinedOn), m1.joinedIn, '9999'), m1.code], `node`: {`code`: m1.code, `__typename`: 'Municipality'}} }] | {`edges`: reverse(x3[0..$p4]), `page_info`: {`has_next_page`: true, `has_previous_page`: size(x3) > $p4, `start_cursor`: reverse(x3[0..$p4])[0]._k, `end_cursor`: reverse(x3[0..$p4])[-1]._k}}][0] AS result
{
  "p0": "2021-01-01",
  "p1": "2021-01-01",
  "p2": "GM0363",
  "p3": "JOINED_ON",
  "p4": 4
}
