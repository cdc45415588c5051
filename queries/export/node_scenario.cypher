// title: Export scenarios
// description: One page of Scenario nodes in key order: each node's columns. kb.export reads
//   the table page by page, so memory stays bounded.
// param skip: int = 0 | Nodes to pass over: the pages already read.
// param limit: int = 50000 | Nodes in this page.
// audience: the exporter
MATCH (n:Scenario)
WITH n ORDER BY n.id SKIP $skip LIMIT $limit
RETURN n.id AS id, n.title AS title, n.description AS description, n.author AS author,
       n.created AS created, n.source AS source
