// title: Load IN_AREA relationships
// description: Create one IN_AREA relationship per row, from the Capability to the CapabilityArea
//   named by their keys, in the graph being built (the key properties are indexed).
// param rows: list | Rows as {s: start key map, t: end key map, p: properties}.
// audience: the loader
// mode: write
UNWIND $rows AS row
MATCH (a:Capability {id: row.s.id})
MATCH (b:CapabilityArea {id: row.t.id})
CREATE (a)-[r:IN_AREA]->(b)
SET r += row.p
