// title: Round status
// description: Per municipality: how many capabilities it has assessed in one round and
//   method, of how many, when its latest row was collected and from which files.
// param round: int = 2024 | The round (year).
// param method: str = self_assessment | 'self_assessment' or 'external_review'.
// audience: coordinators, analysts
MATCH (c:Capability)
WITH count(c) AS capabilities
MATCH (m:Municipality)
OPTIONAL MATCH (m)-[a:ASSESSED]->(:Capability)
WHERE a.round = $round AND a.method = $method
RETURN m.code AS municipality, m.name AS municipality_name, capabilities,
       count(a) AS assessed, max(a.collected_at) AS collected_at,
       collect(DISTINCT a.source_file) AS source_files
ORDER BY municipality
