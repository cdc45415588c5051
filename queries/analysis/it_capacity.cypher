// title: IT capacity per municipality
// description: Every municipality with its population and its IT function's staff (FTE) and
//   cost per year, operations (drift) against development (utveckling). A municipality
//   without figures appears once with nulls.
// audience: managers, analysts
MATCH (m:Municipality)
OPTIONAL MATCH (m)-[:HAS_CAPACITY]->(k:ItCapacity)
RETURN m.code AS municipality, m.name AS municipality_name, m.population AS population,
       k.year AS year, k.fte_operations AS fte_operations, k.fte_development AS fte_development,
       k.cost_operations_sek AS cost_operations_sek, k.cost_development_sek AS cost_development_sek
ORDER BY municipality, year
