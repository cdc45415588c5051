// title: Relationships per type
// description: How many relationships the graph holds of each type.
// audience: analysts, architects
MATCH ()-[r]->()
RETURN type(r) AS type, count(r) AS count
ORDER BY type
