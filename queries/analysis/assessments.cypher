// title: Assessments
// description: Every maturity assessment with its municipality, capability, area, round,
//   method and provenance, named: a readable table for the console and the CLI. The product's
//   code does not run it: the analyses read the bare values (analysis/assessment_values) and
//   join the names in one place (kb.analysis.common.named), which is faster.
// param round: int = null | Only this round (year); null for every round.
// audience: analysts
MATCH (m:Municipality)-[a:ASSESSED]->(c:Capability)
WHERE $round IS NULL OR a.round = $round
OPTIONAL MATCH (c)-[:IN_AREA]->(area:CapabilityArea)
RETURN m.code AS municipality, m.name AS municipality_name,
       c.id AS capability, c.name_sv AS capability_sv, c.name_en AS capability_en,
       coalesce(c.key_capability, false) AS key_capability, area.id AS area,
       a.round AS round, a.method AS method, a.maturity AS maturity, a.target AS target,
       a.source AS source
ORDER BY municipality, capability, round, method
