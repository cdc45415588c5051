// title: Impact: how failure spreads from one supplier or system
// description: The edges along which a failure of the given supplier or system spreads (as in
//   impact_edges), limited to what it reaches: the systems it provides or sends data to at any
//   depth (PROVIDES, INTEGRATES_WITH forward), the capabilities they support, the capabilities
//   depending on those at any depth (DEPENDS_ON backward) and the municipalities using the
//   systems. One row per source node and kind of target: the source's kind, id and name and the
//   targets' ids, names and whether each is a key capability, as three lists of the same order
//   (one row per source rather than per edge: a widely used system has thousands of users).
// param start: list = Supplier, S1 | The failing node as [label, id]: label Supplier or System.
// audience: architects, analysts
MATCH (n)
WHERE (n:Supplier OR n:System) AND [labels(n)[0], n.id] = $start
MATCH (n)-[:PROVIDES|INTEGRATES_WITH*0..]->(a)
WITH DISTINCT a
MATCH (a)-[:PROVIDES|INTEGRATES_WITH]->(b:System)
RETURN CASE WHEN a:Supplier THEN 'supplier' ELSE 'system' END AS source_kind, a.id AS source,
       a.name AS source_name, 'system' AS target_kind, collect(b.id) AS targets,
       collect(b.name) AS target_names, collect(false) AS target_keys
UNION ALL
MATCH (n)
WHERE (n:Supplier OR n:System) AND [labels(n)[0], n.id] = $start
MATCH (n)-[:PROVIDES|INTEGRATES_WITH*0..]->(a:System)
WITH DISTINCT a
MATCH (a)-[:SUPPORTS]->(c:Capability)
RETURN 'system' AS source_kind, a.id AS source, a.name AS source_name, 'capability' AS target_kind,
       collect(c.id) AS targets, collect(c.name_en) AS target_names,
       collect(coalesce(c.key_capability, false)) AS target_keys
UNION ALL
MATCH (n)
WHERE (n:Supplier OR n:System) AND [labels(n)[0], n.id] = $start
MATCH (n)-[:PROVIDES|INTEGRATES_WITH*0..]->(:System)-[:SUPPORTS]->(:Capability)<-[:DEPENDS_ON*0..]-(c:Capability)
WITH DISTINCT c
MATCH (d:Capability)-[:DEPENDS_ON]->(c)
RETURN 'capability' AS source_kind, c.id AS source, c.name_en AS source_name,
       'capability' AS target_kind, collect(d.id) AS targets, collect(d.name_en) AS target_names,
       collect(coalesce(d.key_capability, false)) AS target_keys
UNION ALL
MATCH (n)
WHERE (n:Supplier OR n:System) AND [labels(n)[0], n.id] = $start
MATCH (n)-[:PROVIDES|INTEGRATES_WITH*0..]->(a:System)
WITH DISTINCT a
MATCH (m:Municipality)-[:USES]->(a)
RETURN 'system' AS source_kind, a.id AS source, a.name AS source_name, 'municipality' AS target_kind,
       collect(m.code) AS targets, collect(m.name) AS target_names, collect(false) AS target_keys
