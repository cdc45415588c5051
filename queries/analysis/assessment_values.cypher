// title: Assessment values
// description: Every maturity assessment as bare keys and values (municipality code,
//   capability id, round, method, maturity, target, source): the one read behind every
//   analysis of the current state. The analyses choose the assessment that counts per
//   municipality and capability from these rows (kb.analysis.common.pick_current) and join
//   the names from the municipality and capability lists; the read is taken once per
//   dataset version (kb.analysis.common.snapshot).
// audience: analysts
MATCH (m:Municipality)-[a:ASSESSED]->(c:Capability)
RETURN m.code AS municipality, c.id AS capability, a.round AS round, a.method AS method,
       a.maturity AS maturity, a.target AS target, a.source AS source
