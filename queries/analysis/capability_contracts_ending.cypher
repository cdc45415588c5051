// title: Contracts ending per capability
// description: For each capability and system that SUPPORTS it, how many municipalities have a
//   contract (USES) for the system whose end date falls between two dates: the base of the
//   candidates' contract-window standardisation (kb.analysis.candidates), counted by the
//   engine instead of sending every contract. Dates are ISO strings 'YYYY-MM-DD' and compare
//   as strings, as in analysis/contracts_ending.
// param today: str = 2025-01-01 | First day of the window (ISO date).
// param until: str = 2025-12-31 | Last day of the window (ISO date).
// audience: managers, analysts
MATCH (m:Municipality)-[u:USES]->(s:System)-[:SUPPORTS]->(c:Capability)
WHERE u.contract_end >= $today AND u.contract_end <= $until
RETURN c.id AS capability, s.id AS system, s.name AS system_name,
       count(DISTINCT m) AS municipalities
ORDER BY capability, municipalities DESC, system
