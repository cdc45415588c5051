// title: Load scenarios
// description: Create one Scenario node per row in the graph being built;
//   relationships find it by its key afterwards.
// param rows: list | Rows as {p: properties}, sent in batches by kb.load.
// audience: the loader
// mode: write
UNWIND $rows AS row
CREATE (n:Scenario)
SET n += row.p
