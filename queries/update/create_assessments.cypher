// title: Create one municipality's assessments
// description: One ASSESSED relationship per row from the municipality to the capability
//   named by the row; returns how many were made, so a missing capability is noticed.
// param municipality: str | Municipality code.
// param rows: list | Rows as {capability: capability id, p: properties}.
// audience: the survey collector
// mode: write
UNWIND $rows AS row
MATCH (m:Municipality {code: $municipality})
MATCH (c:Capability {id: row.capability})
CREATE (m)-[a:ASSESSED]->(c)
SET a += row.p
RETURN count(a) AS created
