// title: Export region members
// description: The MEMBER_OF relationships of one page of Municipality nodes (in key
//   order): the keys of both ends and the relationship's columns; a start node without
//   one gives a row of nulls, so an empty page means the last page was read. kb.export
//   reads the table page by page, so memory stays bounded.
// param skip: int = 0 | Municipality nodes to pass over: the pages already read.
// param limit: int = 50000 | Municipality nodes in this page.
// audience: the exporter
MATCH (a:Municipality)
WITH a ORDER BY a.code SKIP $skip LIMIT $limit
OPTIONAL MATCH (a)-[r:MEMBER_OF]->(b:Region)
RETURN a.code AS municipality, b.id AS region
