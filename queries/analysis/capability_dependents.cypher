// title: Transitive dependents of each capability
// description: For every capability, how many other capabilities depend on it directly or
//   through others (DEPENDS_ON followed backward, any depth). A dependency cycle ends the walk on
//   both engines (a path repeats no relationship on Neo4j and walks on from no node twice on
//   FalkorDB), and the capability itself is not counted when a cycle leads back to it.
// audience: architects, analysts
MATCH (c:Capability)
OPTIONAL MATCH (d:Capability)-[:DEPENDS_ON*1..]->(c)
WHERE d <> c
RETURN c.id AS capability, count(DISTINCT d) AS dependents
ORDER BY capability
