// title: Systems in use with the capabilities they support
// description: Each municipality's systems with supplier, contract end, annual cost and each
//   capability the system supports: what a scenario's participants could consolidate on,
//   procure together or retire.
// audience: managers, analysts
MATCH (m:Municipality)-[u:USES]->(s:System)-[:SUPPORTS]->(c:Capability)
OPTIONAL MATCH (sup:Supplier)-[:PROVIDES]->(s)
RETURN m.code AS municipality, s.id AS system, s.name AS system_name, sup.id AS supplier,
       sup.name AS supplier_name, c.id AS capability, u.contract_end AS contract_end,
       u.annual_cost_sek AS annual_cost_sek
ORDER BY municipality, system, capability
