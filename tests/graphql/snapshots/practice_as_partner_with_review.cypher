MATCH (n0:Practice) WHERE n0.id = $p2 AND (n0.status = 'PUBLISHED' OR EXISTS { MATCH (n0)-[:BY]->(vo:Organisation) WHERE vo.id = $p0 }) RETURN {`title`: n0.title, `review_comments`: COLLECT { MATCH (n0)<-[:ABOUT]-(m1:ReviewComment) WHERE EXISTS { MATCH (m1)-[:ABOUT]->(:Practice)-[:BY]->(vo:Organisation) WHERE vo.id = $p1 } WITH m1 ORDER BY m1.at, m1.id RETURN {`body`: m1.body, `author`: COLLECT { MATCH (m1)-[:WRITTEN_BY]->(m3:Person) RETURN {`name`: m3.name, `__typename`: 'Person'} LIMIT 1 }[0]} }, `__typename`: 'Practice'} AS result LIMIT 1
{
  "p0": "org-0001",
  "p1": "org-0001",
  "p2": "practice-000001"
}
