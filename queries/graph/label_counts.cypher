// title: Nodes per label
// description: How many nodes the graph holds of each label.
// audience: analysts, architects
MATCH (n)
UNWIND labels(n) AS label
RETURN label, count(*) AS count
ORDER BY label
