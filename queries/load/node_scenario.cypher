// title: Load scenarios
// description: Create one Scenario node per row in the graph being built, and return
//   each row's key with the new node's id so relationships can be attached by id.
// param rows: list | Rows as {k: key, p: properties}, sent in batches by kb.load.
// audience: the loader
// mode: write
UNWIND $rows AS row
CREATE (n:Scenario)
SET n += row.p
RETURN row.k AS key, id(n) AS id
