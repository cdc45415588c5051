// title: Version of the knowledge base
// description: The version token of the knowledge base's marker node, new with every load (Neo4j; none on
//   FalkorDB, whose store keeps its version beside the graph). Readers such as the app's
//   caches compare it to know that the graph changed, whichever process changed it.
// param name: str = kb | The knowledge base's name (KB_GRAPH_NAME).
// audience: the app
MATCH (kb:KnowledgeBase {graph: $name})
RETURN kb.version AS version
