// title: Every node
// description: Every node with its engine id, first label and properties; the exporter
//   turns these back into the dataset's tables.
// audience: the exporter
MATCH (n)
RETURN id(n) AS id, labels(n)[0] AS label, properties(n) AS props
