MATCH (n0:Practice) WHERE n0.id = $p0 AND n0.status = 'PUBLISHED' RETURN {`id`: 'Practice:' + n0.id, `title`: n0.title, `organisation`: COLLECT { MATCH (n0)-[:BY]->(m1:Organisation) RETURN {`name`: m1.name, `__typename`: 'Organisation'} LIMIT 1 }[0], `__typename`: 'Practice'} AS result LIMIT 1
{
  "p0": "practice-000001"
}
