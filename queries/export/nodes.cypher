// title: Every node of the knowledge base
// description: Every node with one of the knowledge base's labels: that label and the node's
//   properties; the exporter turns these back into the dataset's tables.
// param labels: list | The knowledge base's node labels (kb.model).
// audience: the exporter
MATCH (n)
WHERE any(label IN labels(n) WHERE label IN $labels)
RETURN [label IN labels(n) WHERE label IN $labels][0] AS label, properties(n) AS props
