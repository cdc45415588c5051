// title: Paths between two nodes
// description: The shortest ways the first node reaches the second, at most 4 relationships of
//   PROVIDES, INTEGRATES_WITH, SUPPORTS and DEPENDS_ON, each followed in either direction; a
//   municipality at either end joins through a system it USES (one step more), and no path
//   passes through a municipality. A path visits no node twice (Neo4j's paths may, FalkorDB's
//   may end on a node met before: both are dropped, so the engines agree). The bound 4 is written in the
//   pattern (Cypher takes no parameter there); $depth keeps paths of at most that many steps.
//   Sorted by steps, then by the keys along the path; at most $limit rows.
// param source: list = Supplier, microsoft | The first node as [label, key] (a municipality's code, any other node's id).
// param target: list = Capability, application-management | The second node, likewise.
// param depth: int = 3 | Most steps in a path (1 to 4).
// param limit: int = 21 | Most paths returned.
// audience: architects
MATCH (a)
WHERE [labels(a)[0], coalesce(a.code, a.id)] = $source
OPTIONAL MATCH (a)-[:USES]->(au:System)
WITH a, collect(au) AS a_used
MATCH (b)
WHERE [labels(b)[0], coalesce(b.code, b.id)] = $target
OPTIONAL MATCH (b)-[:USES]->(bu:System)
WITH a, b, CASE WHEN a:Municipality THEN a_used ELSE [a] END AS starts, collect(bu) AS b_used
WITH a, b, starts, CASE WHEN b:Municipality THEN b_used ELSE [b] END AS ends
UNWIND starts AS x
MATCH p = (x)-[:PROVIDES|INTEGRATES_WITH|SUPPORTS|DEPENDS_ON*0..4]-(y)
WHERE y IN ends
WITH a, b, x, y, p,
     length(p) + CASE WHEN x = a THEN 0 ELSE 1 END + CASE WHEN y = b THEN 0 ELSE 1 END AS steps
WHERE 0 < steps <= $depth
  AND all(i IN range(0, size(nodes(p)) - 2) WHERE NOT nodes(p)[i] IN nodes(p)[i + 1..])
OPTIONAL MATCH (a)-[first:USES]->(x)
OPTIONAL MATCH (b)-[last:USES]->(y)
RETURN steps, a, first, nodes(p) AS nodes, relationships(p) AS relationships, last, b
ORDER BY steps, [n IN nodes(p) | coalesce(n.code, n.id)]
LIMIT $limit
