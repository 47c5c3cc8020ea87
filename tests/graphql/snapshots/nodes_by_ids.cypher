RETURN {`Theme`: COLLECT { MATCH (n1:Theme) WHERE n1.slug IN $p0 RETURN [n1.slug, {`id`: 'Theme:' + n1.slug, `name`: n1.name, `__typename`: 'Theme'}] }, `Organisation`: COLLECT { MATCH (n2:Organisation) WHERE n2.id IN $p1 RETURN [n2.id, {`id`: 'Organisation:' + n2.id, `name`: n2.name, `__typename`: 'Organisation'}] }, `ActionLine`: COLLECT { MATCH (n3:ActionLine) WHERE n3.number IN $p2 RETURN [n3.number, {`id`: 'ActionLine:' + toString(n3.number), `number`: n3.number, `__typename`: 'ActionLine'}] }} AS result
{
  "p0": [
    "digitale-inclusie"
  ],
  "p1": [
    "org-0002"
  ],
  "p2": [
    2
  ]
}
