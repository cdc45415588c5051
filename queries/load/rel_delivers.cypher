// title: Load DELIVERS relationships
// description: Create one DELIVERS relationship per row, from the Arrangement to the Capability
//   named by their keys, in the graph being built (the key properties are indexed).
// param rows: list | Rows as {s: start key map, t: end key map, p: properties}.
// audience: the loader
// mode: write
UNWIND $rows AS row
MATCH (a:Arrangement {id: row.s.id})
MATCH (b:Capability {id: row.t.id})
CREATE (a)-[r:DELIVERS]->(b)
SET r += row.p
