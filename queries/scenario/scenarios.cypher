// title: Scenarios
// description: Every scenario with its title, description, author, creation date and source.
// audience: managers, analysts
MATCH (s:Scenario)
RETURN s.id AS id, s.title AS title, s.description AS description, s.author AS author,
       s.created AS created, s.source AS source
ORDER BY id
