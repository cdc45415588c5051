// title: Assessment rounds
// description: The rounds (years) in which any capability was assessed, oldest first. The
//   labels stay in the pattern although kb.model has ASSESSED only between them: in a Neo4j
//   database shared with other applications, another application's ASSESSED relationships
//   are not the knowledge base's.
// audience: analysts
MATCH (:Municipality)-[a:ASSESSED]->(:Capability)
RETURN DISTINCT a.round AS round
ORDER BY round
