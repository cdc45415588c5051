// title: Export collaboration capabilities
// description: The COVERS relationships of one page of Collaboration nodes (in key
//   order): the keys of both ends and the relationship's columns; a start node without
//   one gives a row of nulls, so an empty page means the last page was read. kb.export
//   reads the table page by page, so memory stays bounded.
// param skip: int = 0 | Collaboration nodes to pass over: the pages already read.
// param limit: int = 50000 | Collaboration nodes in this page.
// audience: the exporter
MATCH (a:Collaboration)
WITH a ORDER BY a.id SKIP $skip LIMIT $limit
OPTIONAL MATCH (a)-[r:COVERS]->(b:Capability)
RETURN a.id AS collaboration, b.id AS capability
