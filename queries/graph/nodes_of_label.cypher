// title: Nodes of a label
// description: Key and name (Swedish and English) of every node with the given label, for
//   choosing a focus in the graph explorer.
// param label: str = Municipality | Label of the nodes.
// audience: architects
MATCH (n)
WHERE $label IN labels(n)
RETURN coalesce(n.code, n.id) AS key, coalesce(n.name, n.name_sv, n.id) AS name_sv,
       coalesce(n.name, n.name_en, n.id) AS name_en
ORDER BY name_sv
