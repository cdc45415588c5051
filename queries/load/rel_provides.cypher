// title: Load PROVIDES relationships
// description: Create one PROVIDES relationship per row, from the Supplier to the System
//   named by their keys, in the graph being built (the key properties are indexed).
// param rows: list | Rows as {s: start key map, t: end key map, p: properties}.
// audience: the loader
// mode: write
UNWIND $rows AS row
MATCH (a:Supplier {id: row.s.id})
MATCH (b:System {id: row.t.id})
CREATE (a)-[r:PROVIDES]->(b)
SET r += row.p
