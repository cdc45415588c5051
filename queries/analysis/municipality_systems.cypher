// title: Systems and suppliers per municipality
// description: Every system each municipality uses, with the system's supplier (null when
//   none is recorded): the sets the partner similarity compares.
// audience: analysts, managers
MATCH (m:Municipality)-[:USES]->(s:System)
OPTIONAL MATCH (sup:Supplier)-[:PROVIDES]->(s)
RETURN m.code AS municipality, s.id AS system, s.name AS system_name,
       sup.id AS supplier, sup.name AS supplier_name
ORDER BY municipality, system
