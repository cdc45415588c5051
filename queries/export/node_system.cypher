// title: Export systems
// description: One page of System nodes in key order: each node's columns and the link columns
//   read from relationships (supplier: the key of the Supplier it is linked to by PROVIDES).
//   kb.export reads the table page by page, so memory stays bounded.
// param skip: int = 0 | Nodes to pass over: the pages already read.
// param limit: int = 50000 | Nodes in this page.
// audience: the exporter
MATCH (n:System)
WITH n ORDER BY n.id SKIP $skip LIMIT $limit
OPTIONAL MATCH (n)<-[:PROVIDES]-(l0:Supplier)
WITH n, head(collect(l0.id)) AS supplier
RETURN n.id AS id, n.name AS name, n.category AS category, n.lifecycle AS lifecycle,
       n.end_of_support AS end_of_support, n.hosting AS hosting, supplier
