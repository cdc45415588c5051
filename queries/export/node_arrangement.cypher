// title: Export arrangements
// description: One page of Arrangement nodes in key order: each node's columns and the link
//   columns read from relationships (scenario: the key of the Scenario it is linked to by
//   HAS_ARRANGEMENT; lead: the key of the Municipality it is linked to by LEADS). kb.export
//   reads the table page by page, so memory stays bounded.
// param skip: int = 0 | Nodes to pass over: the pages already read.
// param limit: int = 50000 | Nodes in this page.
// audience: the exporter
MATCH (n:Arrangement)
WITH n ORDER BY n.id SKIP $skip LIMIT $limit
OPTIONAL MATCH (n)<-[:HAS_ARRANGEMENT]-(l0:Scenario)
WITH n, head(collect(l0.id)) AS scenario
OPTIONAL MATCH (n)<-[:LEADS]-(l1:Municipality)
WITH n, scenario, head(collect(l1.code)) AS lead
RETURN n.id AS id, n.path AS path, n.provider AS provider,
       n.provider_maturity AS provider_maturity, n.form AS form, n.start_year AS start_year,
       n.comment AS comment, scenario, lead
