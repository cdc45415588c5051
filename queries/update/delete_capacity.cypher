// title: Delete one municipality's IT capacity of one year
// description: Remove the ItCapacity node of one municipality and year with its relationship,
//   so that the figures collected for that year can take its place.
// param municipality: str | Municipality code.
// param year: int | The year of the figures.
// audience: the survey collector
// mode: write
MATCH (:Municipality {code: $municipality})-[:HAS_CAPACITY]->(c:ItCapacity)
WHERE c.year = $year
DETACH DELETE c
