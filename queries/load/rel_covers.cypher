// title: Load COVERS relationships
// description: Create one COVERS relationship per row, from the Collaboration to the Capability
//   named by their keys, in the graph being built (the key properties are indexed).
// param rows: list | Rows as {s: start key map, t: end key map, p: properties}.
// audience: the loader
// mode: write
UNWIND $rows AS row
MATCH (a:Collaboration {id: row.s.id})
MATCH (b:Capability {id: row.t.id})
CREATE (a)-[r:COVERS]->(b)
SET r += row.p
