// title: Load ASSESSED relationships
// description: Create one ASSESSED relationship per row, from the Municipality to the Capability
//   named by their keys, in the graph being built (the key properties are indexed).
// param rows: list | Rows as {s: start key map, t: end key map, p: properties}.
// audience: the loader
// mode: write
UNWIND $rows AS row
MATCH (a:Municipality {code: row.s.code})
MATCH (b:Capability {id: row.t.id})
CREATE (a)-[r:ASSESSED]->(b)
SET r += row.p
