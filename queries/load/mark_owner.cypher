// title: Mark the knowledge base's graph
// description: Record on the knowledge base's marker node which labels it owns in this Neo4j
//   database, at the end of the load transaction.
// param name: str | The knowledge base's name (KB_GRAPH_NAME).
// param labels: list | The labels it owns.
// audience: the loader
// mode: write
MATCH (kb:KnowledgeBase {graph: $name})
SET kb.labels = $labels
