// title: Paired assessments of two rounds
// description: Each municipality and capability assessed in both $from_round and $to_round by
//   the same method, with the maturity of each round: like is compared with like. With
//   $method 'preferred' the pair of external reviews where both rounds have one, else the pair
//   of self-assessments; a self-assessment in one round is never compared with an external
//   review in the other. Paired per municipality, in a subquery (kb.analysis.rounds.paired);
//   the block between the "pairing" comments is the same in analysis/paired_by_capability and
//   analysis/paired_by_municipality, which roll the pairs up.
// param from_round: int = 2021 | The earlier round (year).
// param to_round: int = 2024 | The later round (year).
// param method: str = preferred | preferred (the external reviews where both rounds have one), self_assessment or external_review (only that method).
// param key_only: bool = false | Only key capabilities.
// audience: analysts
MATCH (m:Municipality)
// pairing: like with like, per municipality m and capability c, $from_round with $to_round (begin)
CALL {
  WITH m
  MATCH (m)-[a:ASSESSED]->(c:Capability)
  WHERE (NOT $key_only OR c.key_capability = true)
    AND (a.round = $from_round OR a.round = $to_round) AND ($method = 'preferred' OR a.method = $method)
  WITH c, collect([CASE a.method WHEN 'external_review' THEN 0 WHEN 'self_assessment' THEN 1 ELSE 2 END,
                   a.round, a.method, a.maturity]) AS assessed
  WITH c, [f IN assessed WHERE f[1] = $from_round |
           [f[0], f[3], head([t IN assessed WHERE t[1] = $to_round AND t[2] = f[2] | t[3]]), f[2]]] AS pairs
  WITH c, [p IN pairs WHERE p[2] IS NOT NULL] AS pairs
  WHERE size(pairs) > 0
  RETURN c, reduce(best = head(pairs), x IN pairs | CASE WHEN x[0] < best[0] THEN x ELSE best END) AS pair
}
// pairing (end)
RETURN m.code AS municipality, c.id AS capability, pair[3] AS method, pair[1] AS maturity_from,
       pair[2] AS maturity_to
