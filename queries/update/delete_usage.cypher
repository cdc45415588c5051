// title: Delete one municipality's system usage
// description: Remove every USES relationship of one municipality, so that the systems it
//   confirmed in its answer can take their place.
// param municipality: str | Municipality code.
// audience: the survey collector
// mode: write
MATCH (:Municipality {code: $municipality})-[u:USES]->(:System)
DELETE u
