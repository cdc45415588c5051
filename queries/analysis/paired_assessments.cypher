// title: Paired assessments of two rounds
// description: Each municipality and capability assessed in both $from_round and $to_round by
//   the same method, with the maturity of each round: like is compared with like. With
//   $method 'preferred' the pair of external reviews where both rounds have one, else the pair
//   of self-assessments; a self-assessment in one round is never compared with an external
//   review in the other. Paired per municipality, in a subquery (kb.analysis.rounds.paired).
// param from_round: int = 2021 | The earlier round (year).
// param to_round: int = 2024 | The later round (year).
// param method: str = preferred | preferred (the external reviews where both rounds have one), self_assessment or external_review (only that method).
// audience: analysts
MATCH (m:Municipality)
CALL {
  WITH m
  MATCH (m)-[f:ASSESSED]->(c:Capability)<-[t:ASSESSED]-(m)
  WHERE f.round = $from_round AND t.round = $to_round AND t.method = f.method
    AND ($method = 'preferred' OR f.method = $method)
  WITH c, collect([CASE f.method WHEN 'external_review' THEN 0 WHEN 'self_assessment' THEN 1 ELSE 2 END,
                   f.maturity, t.maturity, f.method]) AS pairs
  RETURN c, reduce(best = head(pairs), x IN pairs | CASE WHEN x[0] < best[0] THEN x ELSE best END) AS pair
}
RETURN m.code AS municipality, c.id AS capability, pair[3] AS method, pair[1] AS maturity_from,
       pair[2] AS maturity_to
