// title: Capability areas
// description: Every capability area with its names and how many capabilities it holds.
// audience: everyone
MATCH (a:CapabilityArea)
OPTIONAL MATCH (c:Capability)-[:IN_AREA]->(a)
RETURN a.id AS id, a.name_sv AS name_sv, a.name_en AS name_en, count(c) AS capabilities
ORDER BY id
