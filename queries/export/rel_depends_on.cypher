// title: Export capability dependencies
// description: The DEPENDS_ON relationships of one page of Capability nodes (in key
//   order): the keys of both ends and the relationship's columns; a start node without
//   one gives a row of nulls, so an empty page means the last page was read. kb.export
//   reads the table page by page, so memory stays bounded.
// param skip: int = 0 | Capability nodes to pass over: the pages already read.
// param limit: int = 50000 | Capability nodes in this page.
// audience: the exporter
MATCH (a:Capability)
WITH a ORDER BY a.id SKIP $skip LIMIT $limit
OPTIONAL MATCH (a)-[r:DEPENDS_ON]->(b:Capability)
RETURN a.id AS capability, b.id AS depends_on, r.reason AS reason
