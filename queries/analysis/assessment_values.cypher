// title: Assessment values
// description: Every maturity assessment as bare keys and values (municipality code,
//   capability id, round, method, maturity, target, source), every round and method: the
//   read behind kb.analysis.common.all_assessments (the app's table of every assessment),
//   taken once per dataset version (kb.analysis.common.snapshot). The analyses of the current
//   state do not read it: the engine picks the assessment that counts
//   (analysis/current_assessments, analysis/current_by_capability).
// audience: analysts
MATCH (m:Municipality)-[a:ASSESSED]->(c:Capability)
RETURN m.code AS municipality, c.id AS capability, a.round AS round, a.method AS method,
       a.maturity AS maturity, a.target AS target, a.source AS source
