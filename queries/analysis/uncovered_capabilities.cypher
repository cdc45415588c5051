// title: Capabilities with no one behind them, per municipality
// description: Per municipality, the capabilities that have no supporting system it uses and
//   no current assessment at $covered_maturity or higher: those it assessed (uncovered) and
//   those with no current assessment at all (not assessed), as capability ids. The current
//   assessment is the one that counts (analysis/current_assessments states the rule; the block
//   between the "rule" comments is the same there). A municipality with none of either is left
//   out. What kb.analysis.capacity.uncovered needs, without sending every assessment.
// param covered_maturity: int = 2 | Covered at or above this maturity.
// param round: int = null | Only this round (year); null: each municipality's latest round per capability.
// param method: str = preferred | preferred (the external review where there is one), self_assessment or external_review (only that method).
// audience: analysts
MATCH (m:Municipality)
CALL {
WITH m
// rule: the current assessment of municipality m per capability c (begin)
CALL {
  WITH m
  MATCH (m)-[a:ASSESSED]->(c:Capability)
  WHERE ($round IS NULL OR a.round = $round) AND ($method = 'preferred' OR a.method = $method)
  WITH c, collect(a) AS assessed
  RETURN c, reduce(best = head(assessed), x IN assessed |
    CASE WHEN x.round > best.round
           OR (x.round = best.round
               AND CASE x.method WHEN 'external_review' THEN 0 WHEN 'self_assessment' THEN 1 ELSE 2 END
                 < CASE best.method WHEN 'external_review' THEN 0 WHEN 'self_assessment' THEN 1 ELSE 2 END)
         THEN x ELSE best END) AS a
}
// rule (end)
RETURN collect(c.id) AS known, collect(CASE WHEN a.maturity >= $covered_maturity THEN c.id END) AS held
}
OPTIONAL MATCH (m)-[:USES]->(:System)-[:SUPPORTS]->(s:Capability)
WITH m, known, held, collect(DISTINCT s.id) AS supported
MATCH (c:Capability)
WHERE NOT c.id IN held AND NOT c.id IN supported
RETURN m.code AS municipality, collect(CASE WHEN c.id IN known THEN c.id END) AS uncovered,
       collect(CASE WHEN NOT c.id IN known THEN c.id END) AS not_assessed
ORDER BY municipality
