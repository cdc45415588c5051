// title: Lock the knowledge base for a load
// description: Find or create the knowledge base's marker node and write to it at the start of
//   the load transaction: the write lock it takes makes a second load wait until the first has
//   committed or rolled back, so two loads never interleave. A new version token (a UUID, unique
//   even after the database was emptied) tells readers' caches that the graph changed.
// param name: str | The knowledge base's name (KB_GRAPH_NAME).
// audience: the loader
// mode: write
MERGE (kb:KnowledgeBase {graph: $name})
SET kb.loads = coalesce(kb.loads, 0) + 1, kb.version = randomUUID()
