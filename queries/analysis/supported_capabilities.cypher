// title: Capabilities supported by each municipality's systems
// description: Each municipality with each capability that a system it uses supports.
// audience: architects, analysts
MATCH (m:Municipality)-[:USES]->(:System)-[:SUPPORTS]->(c:Capability)
RETURN DISTINCT m.code AS municipality, c.id AS capability
ORDER BY municipality, capability
