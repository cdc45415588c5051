// title: Impact: how failure spreads
// description: Each edge along which a failure spreads, from the failing node to the node it
//   affects: a supplier to the systems it provides, a system to the systems it sends data to,
//   a system to the capabilities it supports, a capability to the capabilities that depend on
//   it, and a system to the municipalities that use it.
// audience: architects, analysts
MATCH (a:Supplier)-[:PROVIDES]->(b:System)
RETURN 'supplier' AS source_kind, a.id AS source, 'system' AS target_kind, b.id AS target
UNION ALL
MATCH (a:System)-[:INTEGRATES_WITH]->(b:System)
RETURN 'system' AS source_kind, a.id AS source, 'system' AS target_kind, b.id AS target
UNION ALL
MATCH (a:System)-[:SUPPORTS]->(b:Capability)
RETURN 'system' AS source_kind, a.id AS source, 'capability' AS target_kind, b.id AS target
UNION ALL
MATCH (b:Capability)-[:DEPENDS_ON]->(a:Capability)
RETURN 'capability' AS source_kind, a.id AS source, 'capability' AS target_kind, b.id AS target
UNION ALL
MATCH (b:Municipality)-[:USES]->(a:System)
RETURN 'system' AS source_kind, a.id AS source, 'municipality' AS target_kind, b.code AS target
