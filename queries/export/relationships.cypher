// title: Every relationship
// description: Every relationship with its type, the ids of its two ends and its properties.
// audience: the exporter
MATCH (a)-[r]->(b)
RETURN id(a) AS start, type(r) AS type, id(b) AS end, properties(r) AS props
