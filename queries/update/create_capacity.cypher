// title: Create one municipality's IT capacity
// description: One ItCapacity node per row with the row's properties, linked from its
//   municipality; returns how many were made (0 when the municipality is missing).
// param municipality: str | Municipality code.
// param rows: list | Rows as {p: properties}.
// audience: the survey collector
// mode: write
UNWIND $rows AS row
MATCH (m:Municipality {code: $municipality})
CREATE (m)-[:HAS_CAPACITY]->(c:ItCapacity)
SET c += row.p
RETURN count(c) AS created
