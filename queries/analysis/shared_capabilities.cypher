// title: Shared capabilities
// description: Capabilities realised through systems used by two or more municipalities:
//   a capability counts as used by a municipality when it uses a system that SUPPORTS it.
// param min_municipalities: int = 2 | Least number of municipalities.
// audience: managers, architects, analysts
MATCH (everyone:Municipality)
WITH count(everyone) AS total
MATCH (m:Municipality)-[:USES]->(s:System)-[:SUPPORTS]->(c:Capability)
WITH total, c, count(DISTINCT m) AS n, collect(DISTINCT m.name) AS which, collect(DISTINCT s.name) AS via
WHERE n >= $min_municipalities
RETURN 'capability' AS kind, c.id AS id, c.name_sv AS name, c.name_en AS name_en,
       n AS municipalities, total, which, via
ORDER BY municipalities DESC, id
