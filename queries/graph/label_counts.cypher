// title: Nodes per label
// description: How many nodes the knowledge base holds of each of its labels (other
//   applications' nodes in a shared Neo4j database are not counted).
// param labels: list = Dataset, Municipality, Region, CapabilityArea, Capability, Supplier, System, ItCapacity, Collaboration, Scenario, Arrangement | The labels to count: the knowledge base's own (kb.model.graph_labels).
// audience: analysts, architects
MATCH (n)
UNWIND labels(n) AS label
WITH label
WHERE label IN $labels
RETURN label, count(*) AS count
ORDER BY label
