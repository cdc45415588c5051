// title: Shared systems
// description: Systems used by two or more municipalities, with their supplier.
// param min_municipalities: int = 2 | Least number of municipalities.
// audience: managers, architects, analysts
MATCH (everyone:Municipality)
WITH count(everyone) AS total
MATCH (m:Municipality)-[:USES]->(s:System)
OPTIONAL MATCH (sup:Supplier)-[:PROVIDES]->(s)
WITH total, s, sup, count(DISTINCT m) AS n, collect(DISTINCT m.name) AS which
WHERE n >= $min_municipalities
RETURN 'system' AS kind, s.id AS id, s.name AS name, s.name AS name_en,
       n AS municipalities, total, which,
       CASE WHEN sup IS NULL THEN [] ELSE [sup.name] END AS via
ORDER BY municipalities DESC, id
