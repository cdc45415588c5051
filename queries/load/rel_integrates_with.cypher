// title: Load INTEGRATES_WITH relationships
// description: Create one INTEGRATES_WITH relationship per row, from the System to the System
//   named by their keys, in the graph being built (the key properties are indexed).
// param rows: list | Rows as {s: start key map, t: end key map, p: properties}.
// audience: the loader
// mode: write
UNWIND $rows AS row
MATCH (a:System {id: row.s.id})
MATCH (b:System {id: row.t.id})
CREATE (a)-[r:INTEGRATES_WITH]->(b)
SET r += row.p
