// title: Capability dependencies
// description: Every DEPENDS_ON edge between capabilities: the capability and the one it
//   needs. The weak and candidates analyses count, from these edges, how many capabilities
//   depend on each one transitively.
// audience: architects, analysts
MATCH (c:Capability)-[:DEPENDS_ON]->(d:Capability)
RETURN c.id AS capability, d.id AS depends_on
ORDER BY capability, depends_on
