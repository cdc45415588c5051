// title: Users of each system
// description: Every system that some municipality uses, with the codes of those
//   municipalities as one list (one row per system, so the impact analysis can count the
//   municipalities a failure concerns without a row per use).
// audience: architects, analysts
MATCH (m:Municipality)-[:USES]->(s:System)
RETURN s.id AS system, collect(m.code) AS municipalities
