// title: Dataset in use
// description: The description of the loaded dataset: name, title, version, whether it is
//   synthetic, and its source.
// audience: everyone
MATCH (d:Dataset)
RETURN d.name AS name, d.title AS title, d.version AS version, d.synthetic AS synthetic,
       d.description AS description, d.source AS source
