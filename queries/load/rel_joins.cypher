// title: Load JOINS relationships
// description: Create one JOINS relationship per row, from the Municipality to the Arrangement
//   named by their keys, in the graph being built (the key properties are indexed).
// param rows: list | Rows as {s: start key map, t: end key map, p: properties}.
// audience: the loader
// mode: write
UNWIND $rows AS row
MATCH (a:Municipality {code: row.s.code})
MATCH (b:Arrangement {id: row.t.id})
CREATE (a)-[r:JOINS]->(b)
SET r += row.p
