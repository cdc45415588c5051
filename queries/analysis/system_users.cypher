// title: Users of systems
// description: Which municipalities use the given systems.
// param systems: list = | System ids.
// audience: architects, analysts
MATCH (m:Municipality)-[:USES]->(s:System)
WHERE s.id IN $systems
RETURN s.id AS system, m.code AS municipality, m.name AS municipality_name
ORDER BY system, municipality
