// title: Collaboration coverage
// description: Which municipality already gets which capability through an existing
//   collaboration (PARTICIPATES_IN a collaboration that COVERS the capability).
// audience: managers, analysts
MATCH (m:Municipality)-[:PARTICIPATES_IN]->(co:Collaboration)-[:COVERS]->(c:Capability)
RETURN m.code AS municipality, c.id AS capability, co.id AS collaboration,
       co.name AS collaboration_name, co.form AS form
ORDER BY municipality, capability, collaboration
