RETURN [x3 IN [COLLECT { MATCH (m1:Practice) WHERE m1.status IN $p0 AND m1.status = 'PUBLISHED' AND ((coalesce(toString(m1.publishedAt), '') < $p1) OR (coalesce(toString(m1.publishedAt), '') = $p2 AND m1.id < $p3)) WITH m1 ORDER BY coalesce(toString(m1.publishedAt), '') DESC, m1.id DESC LIMIT $p5 + 1 RETURN {`_k`: [$p4, coalesce(toString(m1.publishedAt), ''), m1.id], `node`: {`title`: m1.title, `__typename`: 'Practice'}} }] | {`edges`: x3[0..$p5], `page_info`: {`has_next_page`: size(x3) > $p5, `has_previous_page`: true, `start_cursor`: x3[0..$p5][0]._k, `end_cursor`: x3[0..$p5][-1]._k}}][0] AS result
{
  "p0": [
    "PUBLISHED"
  ],
  "p1": "2024-05-01T09:30:00Z",
  "p2": "2024-05-01T09:30:00Z",
  "p3": "practice-000100",
  "p4": "NEWEST",
  "p5": 2
}
