// title: Neighbours of nodes
// description: Every relationship between the given nodes and their neighbours, in either
//   direction, with the neighbour. Nodes are named by label and key (a municipality's code,
//   any other node's id), so it runs alike on every engine. The graph explorer runs it once
//   per step away from its focus, so a view of depth d costs d small queries instead of
//   enumerating paths.
// param nodes: list = | The nodes to expand, as [label, key] pairs.
// audience: architects
MATCH (n)-[r]-(m)
WHERE [labels(n)[0], coalesce(n.code, n.id)] IN $nodes
RETURN r, m
