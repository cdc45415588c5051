// title: Impact: the nodes failure can reach
// description: Every supplier, system, capability and municipality with its id and name: the
//   nodes of the small graph the impact analysis walks (see impact_edges).
// audience: architects, analysts
MATCH (n:Supplier)
RETURN 'supplier' AS kind, n.id AS id, n.name AS name, false AS key_capability
UNION ALL
MATCH (n:System)
RETURN 'system' AS kind, n.id AS id, n.name AS name, false AS key_capability
UNION ALL
MATCH (n:Capability)
RETURN 'capability' AS kind, n.id AS id, n.name_en AS name,
       coalesce(n.key_capability, false) AS key_capability
UNION ALL
MATCH (n:Municipality)
RETURN 'municipality' AS kind, n.code AS id, n.name AS name, false AS key_capability
