// title: Remove the knowledge base's nodes
// description: Delete every node that carries one of the knowledge base's labels, with its
//   relationships, and nothing else: other applications' data in the same Neo4j database
//   stays. Neo4j runs it at the start of the load transaction, so the old graph disappears
//   only if the new one is committed.
// param labels: list | The labels the knowledge base owns (kb.model's node labels).
// audience: the loader
// mode: write
MATCH (n)
WHERE any(label IN labels(n) WHERE label IN $labels)
DETACH DELETE n
