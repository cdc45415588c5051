// title: Impact: what each supplier and system takes down
// description: For every supplier and system, the systems its failure takes down (itself or the
//   systems it provides, then every system they send data to, at any depth: PROVIDES and
//   INTEGRATES_WITH followed forward) as a list of ids, and how many capabilities (key
//   capabilities) rest on them: those the systems support plus every capability that depends on
//   those, at any depth (DEPENDS_ON followed backward). Variable-length paths end on both engines
//   in a dependency cycle: a path never repeats a relationship (Neo4j) and never walks on from a
//   node it has already visited (FalkorDB); DISTINCT keeps each node once.
// audience: architects, analysts
MATCH (n)
WHERE n:Supplier OR n:System
OPTIONAL MATCH (n)-[:PROVIDES|INTEGRATES_WITH*0..]->(t:System)
WITH n, collect(DISTINCT t) AS systems
UNWIND CASE WHEN size(systems) = 0 THEN [null] ELSE systems END AS t
OPTIONAL MATCH (t)-[:SUPPORTS]->(:Capability)<-[:DEPENDS_ON*0..]-(c:Capability)
WITH n, systems, collect(DISTINCT c) AS capabilities
RETURN CASE WHEN n:Supplier THEN 'supplier' ELSE 'system' END AS kind, n.id AS id, n.name AS name,
       [s IN systems | s.id] AS systems, size(capabilities) AS capabilities,
       size([c IN capabilities WHERE c.key_capability]) AS key_capabilities
