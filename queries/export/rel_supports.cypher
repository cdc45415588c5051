// title: Export system capabilities
// description: The SUPPORTS relationships of one page of System nodes (in key
//   order): the keys of both ends and the relationship's columns; a start node without
//   one gives a row of nulls, so an empty page means the last page was read. kb.export
//   reads the table page by page, so memory stays bounded.
// param skip: int = 0 | System nodes to pass over: the pages already read.
// param limit: int = 50000 | System nodes in this page.
// audience: the exporter
MATCH (a:System)
WITH a ORDER BY a.id SKIP $skip LIMIT $limit
OPTIONAL MATCH (a)-[r:SUPPORTS]->(b:Capability)
RETURN a.id AS system, b.id AS capability
