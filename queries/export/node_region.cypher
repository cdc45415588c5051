// title: Export regions
// description: One page of Region nodes in key order: each node's columns. kb.export reads the
//   table page by page, so memory stays bounded.
// param skip: int = 0 | Nodes to pass over: the pages already read.
// param limit: int = 50000 | Nodes in this page.
// audience: the exporter
MATCH (n:Region)
WITH n ORDER BY n.id SKIP $skip LIMIT $limit
RETURN n.id AS id, n.name AS name, n.kind AS kind
