// title: Load PARTICIPATES_IN relationships
// description: Create one PARTICIPATES_IN relationship per row, from the Municipality to the Collaboration
//   named by their keys, in the graph being built (the key properties are indexed).
// param rows: list | Rows as {s: start key map, t: end key map, p: properties}.
// audience: the loader
// mode: write
UNWIND $rows AS row
MATCH (a:Municipality {code: row.s.code})
MATCH (b:Collaboration {id: row.t.id})
CREATE (a)-[r:PARTICIPATES_IN]->(b)
SET r += row.p
