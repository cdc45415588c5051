// title: Load HAS_ARRANGEMENT relationships
// description: Create one HAS_ARRANGEMENT relationship per row between two nodes of the graph
//   being built, found by the ids their own load returned.
// param rows: list | Rows as {s: start node id, t: end node id, p: properties}.
// audience: the loader
// mode: write
UNWIND $rows AS row
MATCH (a) WHERE id(a) = row.s
MATCH (b) WHERE id(b) = row.t
CREATE (a)-[r:HAS_ARRANGEMENT]->(b)
SET r += row.p
