// title: Load USES relationships
// description: Create one USES relationship per row, from the Municipality to the System
//   named by their keys, in the graph being built (the key properties are indexed).
// param rows: list | Rows as {s: start key map, t: end key map, p: properties}.
// audience: the loader
// mode: write
UNWIND $rows AS row
MATCH (a:Municipality {code: row.s.code})
MATCH (b:System {id: row.t.id})
CREATE (a)-[r:USES]->(b)
SET r += row.p
