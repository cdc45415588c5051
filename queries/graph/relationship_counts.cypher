// title: Relationships per type
// description: How many relationships the knowledge base holds of each of its types.
// param types: list = MEMBER_OF, IN_AREA, DEPENDS_ON, PROVIDES, SUPPORTS, INTEGRATES_WITH, USES, ASSESSED, HAS_CAPACITY, PARTICIPATES_IN, COVERS, HAS_ARRANGEMENT, LEADS, DELIVERS, JOINS | The types to count: the knowledge base's own (kb.model.relationship_types).
// audience: analysts, architects
MATCH ()-[r]->()
WHERE type(r) IN $types
RETURN type(r) AS type, count(r) AS count
ORDER BY type
