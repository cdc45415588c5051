// title: Current assessments per capability
// description: Per capability, facts of the assessments that count (analysis/current_assessments
//   states the rule; the block between the "rule" comments is the same there): how many
//   municipalities are assessed, the sums of their maturity and of their gap to target
//   (max(target - maturity, 0), 0 without a target), the weak ones (maturity <= $threshold or
//   gap >= $min_gap, as codes), how many are strong (maturity >= $strong_maturity) and the
//   lead: the strong one with the highest maturity, then the larger population, then the lower
//   code. The aggregates the analyses need, without sending every assessment.
// param round: int = null | Only this round (year); null: each municipality's latest round per capability.
// param method: str = preferred | preferred (the external review where there is one), self_assessment or external_review (only that method).
// param threshold: int = 2 | Weak at or below this maturity.
// param min_gap: int = 2 | Weak at this many levels below the target or more.
// param strong_maturity: int = 4 | Strong at or above this maturity.
// audience: analysts
MATCH (m:Municipality)
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
WITH m, c, a.maturity AS maturity,
     CASE WHEN a.target > a.maturity THEN a.target - a.maturity ELSE 0 END AS gap
WITH c, count(m) AS assessed, sum(maturity) AS maturity_sum, sum(gap) AS gap_sum,
     collect(CASE WHEN maturity <= $threshold OR gap >= $min_gap THEN m.code END) AS weak,
     collect(CASE WHEN maturity >= $strong_maturity
                  THEN [maturity, coalesce(m.population, 0), m.code] END) AS strong
WITH c, assessed, maturity_sum, gap_sum, weak, strong,
     reduce(lead = head(strong), x IN strong |
       CASE WHEN x[0] > lead[0] OR (x[0] = lead[0] AND (x[1] > lead[1] OR (x[1] = lead[1] AND x[2] < lead[2])))
            THEN x ELSE lead END) AS lead
RETURN c.id AS capability, assessed, maturity_sum, gap_sum, weak AS weak_municipalities,
       size(strong) AS strong, lead[2] AS lead, lead[0] AS lead_maturity
ORDER BY capability
