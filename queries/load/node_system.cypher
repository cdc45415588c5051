// title: Load systems
// description: Create one System node per row in the graph being built;
//   relationships find it by its key afterwards.
// param rows: list | Rows as {p: properties}, sent in batches by kb.load.
// audience: the loader
// mode: write
UNWIND $rows AS row
CREATE (n:System)
SET n += row.p
