// title: Municipalities
// description: Every municipality with its name and population; the region the analyses
//   compare against is every municipality in the graph.
// audience: analysts
MATCH (m:Municipality)
RETURN m.code AS municipality, m.name AS municipality_name, m.population AS population
ORDER BY municipality
