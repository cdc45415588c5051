// title: Owner of the knowledge base's labels
// description: The knowledge base's marker node (its graph name and labels) and how many nodes carry
//   one of the given labels. Before a load on Neo4j the store refuses to take over nodes of
//   those labels that no knowledge base wrote (there is no marker), or another one's.
// param labels: list | The labels the knowledge base owns.
// audience: the loader
OPTIONAL MATCH (kb:KnowledgeBase)
WITH collect(kb.graph) AS owners
OPTIONAL MATCH (n)
WHERE any(label IN labels(n) WHERE label IN $labels)
RETURN owners, count(n) AS nodes
