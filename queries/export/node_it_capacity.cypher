// title: Export it capacity
// description: One page of ItCapacity nodes in key order: each node's columns. kb.export reads
//   the table page by page, so memory stays bounded.
// param skip: int = 0 | Nodes to pass over: the pages already read.
// param limit: int = 50000 | Nodes in this page.
// audience: the exporter
MATCH (n:ItCapacity)
WITH n ORDER BY n.municipality, n.year SKIP $skip LIMIT $limit
RETURN n.municipality AS municipality, n.year AS year, n.fte_operations AS fte_operations,
       n.fte_development AS fte_development, n.cost_operations_sek AS cost_operations_sek,
       n.cost_development_sek AS cost_development_sek, n.source AS source,
       n.collected_at AS collected_at, n.source_file AS source_file
