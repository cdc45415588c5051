// title: Load HAS_CAPACITY relationships
// description: Create one HAS_CAPACITY relationship per row, from the Municipality to the ItCapacity
//   named by their keys, in the graph being built (the key properties are indexed).
// param rows: list | Rows as {s: start key map, t: end key map, p: properties}.
// audience: the loader
// mode: write
UNWIND $rows AS row
MATCH (a:Municipality {code: row.s.code})
MATCH (b:ItCapacity {municipality: row.t.municipality, year: row.t.year})
CREATE (a)-[r:HAS_CAPACITY]->(b)
SET r += row.p
