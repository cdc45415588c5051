// title: Load SUPPORTS relationships
// description: Create one SUPPORTS relationship per row, from the System to the Capability
//   named by their keys, in the graph being built (the key properties are indexed).
// param rows: list | Rows as {s: start key map, t: end key map, p: properties}.
// audience: the loader
// mode: write
UNWIND $rows AS row
MATCH (a:System {id: row.s.id})
MATCH (b:Capability {id: row.t.id})
CREATE (a)-[r:SUPPORTS]->(b)
SET r += row.p
