// title: Export capability areas
// description: One page of CapabilityArea nodes in key order: each node's columns. kb.export
//   reads the table page by page, so memory stays bounded.
// param skip: int = 0 | Nodes to pass over: the pages already read.
// param limit: int = 50000 | Nodes in this page.
// audience: the exporter
MATCH (n:CapabilityArea)
WITH n ORDER BY n.id SKIP $skip LIMIT $limit
RETURN n.id AS id, n.name_sv AS name_sv, n.name_en AS name_en, n.description AS description
