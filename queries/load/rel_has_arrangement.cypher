// title: Load HAS_ARRANGEMENT relationships
// description: Create one HAS_ARRANGEMENT relationship per row, from the Scenario to the Arrangement
//   named by their keys, in the graph being built (the key properties are indexed).
// param rows: list | Rows as {s: start key map, t: end key map, p: properties}.
// audience: the loader
// mode: write
UNWIND $rows AS row
MATCH (a:Scenario {id: row.s.id})
MATCH (b:Arrangement {id: row.t.id})
CREATE (a)-[r:HAS_ARRANGEMENT]->(b)
SET r += row.p
