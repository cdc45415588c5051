// title: Current assessments, one row per municipality
// description: The same assessments as analysis/current_assessments (the one that counts for
//   each municipality and capability; the block between the "rule" comments is the same there),
//   packed as one row per municipality with its capabilities' values as parallel lists, so far
//   fewer rows and values cross the wire: capability ids, rounds, methods, maturities, targets
//   (-1 where there is none) and sources ('' where there is none). collect() would drop a null
//   and misalign the lists, hence the stand-ins. Municipalities with none are left out.
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
RETURN m.code AS municipality, collect(c.id) AS capabilities, collect(a.round) AS rounds,
       collect(a.method) AS methods, collect(a.maturity) AS maturities,
       collect(coalesce(a.target, -1)) AS targets, collect(coalesce(a.source, '')) AS sources
