// title: Suppliers per capability
// description: For each capability and supplier, how many municipalities use one of the
//   supplier's systems that SUPPORTS the capability. The base of supplier concentration
//   (HHI) and of the candidates' standardisation potential.
// audience: managers, analysts
MATCH (m:Municipality)-[:USES]->(s:System)-[:SUPPORTS]->(c:Capability)
MATCH (sup:Supplier)-[:PROVIDES]->(s)
RETURN c.id AS capability, sup.id AS supplier, sup.name AS supplier_name,
       count(DISTINCT m) AS municipalities
ORDER BY capability, municipalities DESC, supplier
