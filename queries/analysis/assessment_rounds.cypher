// title: Assessment rounds
// description: The rounds (years) in which any capability was assessed, oldest first.
// audience: analysts
MATCH (:Municipality)-[a:ASSESSED]->(:Capability)
RETURN DISTINCT a.round AS round
ORDER BY round
