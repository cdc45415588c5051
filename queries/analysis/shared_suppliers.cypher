// title: Shared suppliers
// description: Suppliers whose systems are used by two or more municipalities, with the
//   systems through which they are used.
// param min_municipalities: int = 2 | Least number of municipalities.
// audience: managers, architects, analysts
MATCH (everyone:Municipality)
WITH count(everyone) AS total
MATCH (m:Municipality)-[:USES]->(s:System)<-[:PROVIDES]-(sup:Supplier)
WITH total, sup, count(DISTINCT m) AS n, collect(DISTINCT m.name) AS which, collect(DISTINCT s.name) AS via
WHERE n >= $min_municipalities
RETURN 'supplier' AS kind, sup.id AS id, sup.name AS name, sup.name AS name_en,
       n AS municipalities, total, which, via
ORDER BY municipalities DESC, id
