// title: Self-assessment against external review
// description: Each capability a municipality both self-assessed and had externally reviewed
//   in the same round, with both maturities.
// param round: int = null | Only this round (year); null for every round.
// audience: managers, analysts
MATCH (m:Municipality)-[e:ASSESSED]->(c:Capability)
WHERE e.method = 'external_review' AND ($round IS NULL OR e.round = $round)
MATCH (m)-[s:ASSESSED]->(c)
WHERE s.method = 'self_assessment' AND s.round = e.round
RETURN m.code AS municipality, m.name AS municipality_name, c.id AS capability,
       c.name_en AS capability_en, c.name_sv AS capability_sv,
       coalesce(c.key_capability, false) AS key_capability, e.round AS round,
       s.maturity AS self_maturity, e.maturity AS external_maturity
ORDER BY municipality, capability, round
