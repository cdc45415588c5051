// title: Assessment values
// description: The maturity assessments of one round as bare keys and values (municipality
//   code, capability id, method, maturity, target, source): the lean read behind every
//   analysis of the current state; names are joined from the municipality and capability
//   lists. Pass method 'preferred' (or null) for both methods.
// param round: int = null | The round (year); null for every round.
// param method: str = preferred | 'self_assessment', 'external_review' or 'preferred' (both).
// audience: analysts
MATCH (m:Municipality)-[a:ASSESSED]->(c:Capability)
WHERE ($round IS NULL OR a.round = $round)
  AND ($method IS NULL OR $method = 'preferred' OR a.method = $method)
RETURN m.code AS municipality, c.id AS capability, a.round AS round, a.method AS method,
       a.maturity AS maturity, a.target AS target, a.source AS source
