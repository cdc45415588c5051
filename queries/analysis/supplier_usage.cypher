// title: Supplier dependence
// description: For each supplier, how many municipalities use at least one of its systems,
//   and how many capabilities those systems support.
// audience: managers, analysts
MATCH (m:Municipality)-[:USES]->(s:System)<-[:PROVIDES]-(sup:Supplier)
OPTIONAL MATCH (s)-[:SUPPORTS]->(c:Capability)
RETURN sup.id AS supplier, sup.name AS supplier_name, count(DISTINCT m) AS municipalities,
       collect(DISTINCT m.name) AS which, count(DISTINCT c) AS capabilities
ORDER BY municipalities DESC, supplier
