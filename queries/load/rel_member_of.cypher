// title: Load MEMBER_OF relationships
// description: Create one MEMBER_OF relationship per row, from the Municipality to the Region
//   named by their keys, in the graph being built (the key properties are indexed).
// param rows: list | Rows as {s: start key map, t: end key map, p: properties}.
// audience: the loader
// mode: write
UNWIND $rows AS row
MATCH (a:Municipality {code: row.s.code})
MATCH (b:Region {id: row.t.id})
CREATE (a)-[r:MEMBER_OF]->(b)
SET r += row.p
