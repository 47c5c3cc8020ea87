RETURN {`total_count`: COUNT { MATCH (m1:Practice) WHERE m1.status IN $p0 AND m1.status = 'PUBLISHED' }} AS result
{
  "p0": [
    "PUBLISHED"
  ]
}
