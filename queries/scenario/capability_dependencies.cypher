// title: Capabilities and what depends on them
// description: Every capability (dependent null), then each DEPENDS_ON edge from the capability
//   needed to the capability that depends on it: the part of the impact analysis' spreading
//   graph (analysis/impact_nodes, analysis/impact_edges) that a scenario's risks walk, in the
//   same order.
// audience: managers, analysts
MATCH (n:Capability)
RETURN n.id AS needed, null AS dependent
UNION ALL
MATCH (b:Capability)-[:DEPENDS_ON]->(a:Capability)
RETURN a.id AS needed, b.id AS dependent
