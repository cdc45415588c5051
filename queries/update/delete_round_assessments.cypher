// title: Delete one municipality's assessments of one round
// description: Remove the ASSESSED relationships of one municipality, round and method, so
//   that the answers collected for that round can take their place.
// param municipality: str | Municipality code.
// param round: int | The round (year).
// param method: str = self_assessment | 'self_assessment' or 'external_review'.
// audience: the survey collector
// mode: write
MATCH (:Municipality {code: $municipality})-[a:ASSESSED]->(:Capability)
WHERE a.round = $round AND a.method = $method
DELETE a
