// title: Relationships per type
// description: How many relationships the knowledge base holds of each of its types.
// param types: list | The knowledge base's relationship types (kb.model).
// audience: analysts, architects
MATCH ()-[r]->()
WHERE type(r) IN $types
RETURN type(r) AS type, count(r) AS count
ORDER BY type
