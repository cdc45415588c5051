// title: Capabilities
// description: Every capability with its Swedish and English name, key-capability flag
//   and area.
// audience: analysts, architects
MATCH (c:Capability)
OPTIONAL MATCH (c)-[:IN_AREA]->(area:CapabilityArea)
RETURN c.id AS capability, c.name_sv AS capability_sv, c.name_en AS capability_en,
       coalesce(c.key_capability, false) AS key_capability, area.id AS area,
       area.name_sv AS area_sv, area.name_en AS area_en
ORDER BY capability
