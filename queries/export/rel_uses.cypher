// title: Export system usage
// description: The USES relationships of one page of Municipality nodes (in key
//   order): the keys of both ends and the relationship's columns; a start node without
//   one gives a row of nulls, so an empty page means the last page was read. kb.export
//   reads the table page by page, so memory stays bounded.
// param skip: int = 0 | Municipality nodes to pass over: the pages already read.
// param limit: int = 50000 | Municipality nodes in this page.
// audience: the exporter
MATCH (a:Municipality)
WITH a ORDER BY a.code SKIP $skip LIMIT $limit
OPTIONAL MATCH (a)-[r:USES]->(b:System)
RETURN a.code AS municipality, b.id AS system, r.contract_end AS contract_end,
       r.annual_cost_sek AS annual_cost_sek, r.source AS source, r.collected_at AS collected_at,
       r.source_file AS source_file
