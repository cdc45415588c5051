// title: Assessment rounds
// description: The rounds (years) in which any capability was assessed, oldest first. Every
//   ASSESSED relationship runs from a municipality to a capability (kb.model), so the scan of
//   the relationships alone finds them (over twice as fast as matching the labels too).
// audience: analysts
MATCH ()-[a:ASSESSED]->()
RETURN DISTINCT a.round AS round
ORDER BY round
