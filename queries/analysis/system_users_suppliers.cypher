// title: Users and suppliers of each system
// description: Every system that some municipality uses, one row per system: its name, the
//   codes of the municipalities that use it as one list, and its suppliers as [id, name] pairs
//   (empty when none is recorded). The sets the partner similarity compares, without a row per
//   use.
// audience: analysts, managers
MATCH (m:Municipality)-[:USES]->(s:System)
WITH s, collect(m.code) AS municipalities
OPTIONAL MATCH (sup:Supplier)-[:PROVIDES]->(s)
RETURN s.id AS system, s.name AS system_name, municipalities,
       collect(CASE WHEN sup.id IS NOT NULL THEN [sup.id, sup.name] END) AS suppliers
ORDER BY system
