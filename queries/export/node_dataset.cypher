// title: Export dataset
// description: One page of Dataset nodes in key order: each node's columns. kb.export reads the
//   table page by page, so memory stays bounded.
// param skip: int = 0 | Nodes to pass over: the pages already read.
// param limit: int = 50000 | Nodes in this page.
// audience: the exporter
MATCH (n:Dataset)
WITH n ORDER BY n.name SKIP $skip LIMIT $limit
RETURN n.name AS name, n.title AS title, n.version AS version, n.synthetic AS synthetic,
       n.description AS description, n.source AS source
