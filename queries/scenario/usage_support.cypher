// title: Systems in use with the capabilities they support
// description: Each municipality's systems that support one of the given capabilities, with
//   supplier, contract end, annual cost and every capability the system supports: what a
//   scenario's participants could consolidate on, procure together or retire.
// param capabilities: list = | Capability ids (the scenario's).
// audience: managers, analysts
MATCH (m:Municipality)-[u:USES]->(s:System)-[:SUPPORTS]->(given:Capability)
WHERE given.id IN $capabilities
WITH DISTINCT m, u, s
MATCH (s)-[:SUPPORTS]->(c:Capability)
OPTIONAL MATCH (sup:Supplier)-[:PROVIDES]->(s)
RETURN m.code AS municipality, s.id AS system, s.name AS system_name, sup.id AS supplier,
       sup.name AS supplier_name, c.id AS capability, u.contract_end AS contract_end,
       u.annual_cost_sek AS annual_cost_sek
ORDER BY municipality, system, capability
