// title: Load DEPENDS_ON relationships
// description: Create one DEPENDS_ON relationship per row, from the Capability to the Capability
//   named by their keys, in the graph being built (the key properties are indexed).
// param rows: list | Rows as {s: start key map, t: end key map, p: properties}.
// audience: the loader
// mode: write
UNWIND $rows AS row
MATCH (a:Capability {id: row.s.id})
MATCH (b:Capability {id: row.t.id})
CREATE (a)-[r:DEPENDS_ON]->(b)
SET r += row.p
