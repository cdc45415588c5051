// title: Contracts ending
// description: Contracts (USES) whose end date falls between two dates, with the system,
//   its supplier, the annual cost and the capabilities the system supports. Dates are ISO
//   strings 'YYYY-MM-DD' and compare as strings.
// param today: str = 2025-01-01 | First day of the window (ISO date).
// param until: str = 2025-12-31 | Last day of the window (ISO date).
// audience: managers, analysts
MATCH (m:Municipality)-[u:USES]->(s:System)
WHERE u.contract_end >= $today AND u.contract_end <= $until
OPTIONAL MATCH (sup:Supplier)-[:PROVIDES]->(s)
OPTIONAL MATCH (s)-[:SUPPORTS]->(c:Capability)
RETURN m.code AS municipality, m.name AS municipality_name, s.id AS system,
       s.name AS system_name, sup.id AS supplier, sup.name AS supplier_name,
       u.contract_end AS contract_end, u.annual_cost_sek AS annual_cost_sek,
       collect(DISTINCT c.id) AS capabilities, collect(DISTINCT c.name_en) AS capability_names
ORDER BY system, municipality
