// title: Empty the graph
// description: Delete every node and relationship; Neo4j runs it at the start of the load
//   transaction, so the old graph disappears only if the new one is committed.
// audience: the loader
// mode: write
MATCH (n)
DETACH DELETE n
