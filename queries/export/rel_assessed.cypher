// title: Export assessments
// description: The ASSESSED relationships of one page of Municipality nodes (in key
//   order): the keys of both ends and the relationship's columns; a start node without
//   one gives a row of nulls, so an empty page means the last page was read. kb.export
//   reads the table page by page, so memory stays bounded.
// param skip: int = 0 | Municipality nodes to pass over: the pages already read.
// param limit: int = 50000 | Municipality nodes in this page.
// audience: the exporter
MATCH (a:Municipality)
WITH a ORDER BY a.code SKIP $skip LIMIT $limit
OPTIONAL MATCH (a)-[r:ASSESSED]->(b:Capability)
RETURN a.code AS municipality, b.id AS capability, r.round AS round, r.method AS method,
       r.maturity AS maturity, r.target AS target, r.source AS source, r.comment AS comment,
       r.collected_at AS collected_at, r.source_file AS source_file
