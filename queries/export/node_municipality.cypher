// title: Export municipalities
// description: One page of Municipality nodes in key order: each node's columns. kb.export
//   reads the table page by page, so memory stays bounded.
// param skip: int = 0 | Nodes to pass over: the pages already read.
// param limit: int = 50000 | Nodes in this page.
// audience: the exporter
MATCH (n:Municipality)
WITH n ORDER BY n.code SKIP $skip LIMIT $limit
RETURN n.code AS code, n.name AS name, n.county_code AS county_code, n.population AS population,
       n.population_year AS population_year, n.population_source AS population_source
