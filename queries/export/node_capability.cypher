// title: Export capabilities
// description: One page of Capability nodes in key order: each node's columns and the link
//   columns read from relationships (area: the key of the CapabilityArea it is linked to by
//   IN_AREA). kb.export reads the table page by page, so memory stays bounded.
// param skip: int = 0 | Nodes to pass over: the pages already read.
// param limit: int = 50000 | Nodes in this page.
// audience: the exporter
MATCH (n:Capability)
WITH n ORDER BY n.id SKIP $skip LIMIT $limit
OPTIONAL MATCH (n)-[:IN_AREA]->(l0:CapabilityArea)
WITH n, head(collect(l0.id)) AS area
RETURN n.id AS id, n.name_sv AS name_sv, n.name_en AS name_en, n.description AS description,
       n.key_capability AS key_capability, area
