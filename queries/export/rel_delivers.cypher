// title: Export arrangement capabilities
// description: The DELIVERS relationships of one page of Arrangement nodes (in key
//   order): the keys of both ends and the relationship's columns; a start node without
//   one gives a row of nulls, so an empty page means the last page was read. kb.export
//   reads the table page by page, so memory stays bounded.
// param skip: int = 0 | Arrangement nodes to pass over: the pages already read.
// param limit: int = 50000 | Arrangement nodes in this page.
// audience: the exporter
MATCH (a:Arrangement)
WITH a ORDER BY a.id SKIP $skip LIMIT $limit
OPTIONAL MATCH (a)-[r:DELIVERS]->(b:Capability)
RETURN a.id AS arrangement, b.id AS capability
