// title: Current assessments
// description: The assessment that counts for each municipality and capability, as bare keys
//   and values (municipality code, capability id, round, method, maturity, target, source):
//   its latest round in which it assessed the capability, within that round the external
//   review where there is one, else the self-assessment (the rule in the docstring of
//   kb.analysis.common). The rule is the block between the "rule" comments, the same in every
//   query that picks the current assessment (analysis/current_by_capability); the choice is
//   made per municipality, in a subquery, so the engine keeps one municipality's assessments
//   at a time. The analyses join the names (kb.analysis.common.named).
// param round: int = null | Only this round (year); null: each municipality's latest round per capability.
// param method: str = preferred | preferred (the external review where there is one), self_assessment or external_review (only that method).
// param municipality: str = null | Only this municipality (code); null for every municipality.
// param threshold: int = null | Only the weak ones: maturity at or below this, or a gap to target (max(target - maturity, 0)) of min_gap or more; null for all.
// param min_gap: int = null | With threshold: weak at this many levels below the target or more.
// audience: analysts
MATCH (m:Municipality)
WHERE $municipality IS NULL OR m.code = $municipality
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
WITH m, c, a, CASE WHEN a.target > a.maturity THEN a.target - a.maturity ELSE 0 END AS gap
WHERE $threshold IS NULL OR a.maturity <= $threshold OR gap >= $min_gap
RETURN m.code AS municipality, c.id AS capability, a.round AS round, a.method AS method,
       a.maturity AS maturity, a.target AS target, a.source AS source
