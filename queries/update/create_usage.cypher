// title: Create one municipality's system usage
// description: One USES relationship per row from the municipality to the system named by
//   the row; returns how many were made, so a missing system is noticed.
// param municipality: str | Municipality code.
// param rows: list | Rows as {system: system id, p: properties}.
// audience: the survey collector
// mode: write
UNWIND $rows AS row
MATCH (m:Municipality {code: $municipality})
MATCH (s:System {id: row.system})
CREATE (m)-[u:USES]->(s)
SET u += row.p
RETURN count(u) AS created
