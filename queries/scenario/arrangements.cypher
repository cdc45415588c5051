// title: Arrangements of the scenarios
// description: Every arrangement with its scenario, path, lead, provider, legal form and start
//   year, the capabilities it delivers and the municipalities that take part.
// audience: managers, analysts
MATCH (s:Scenario)-[:HAS_ARRANGEMENT]->(a:Arrangement)
OPTIONAL MATCH (a)-[:DELIVERS]->(c:Capability)
WITH s, a, collect(DISTINCT c.id) AS capabilities
OPTIONAL MATCH (m:Municipality)-[:JOINS]->(a)
WITH s, a, capabilities, collect(DISTINCT m.code) AS members
OPTIONAL MATCH (l:Municipality)-[:LEADS]->(a)
RETURN s.id AS scenario, a.id AS id, a.path AS path, capabilities, members, l.code AS lead,
       a.provider AS provider, a.provider_maturity AS provider_maturity, a.form AS form,
       a.start_year AS start_year, a.comment AS comment
ORDER BY scenario, id
