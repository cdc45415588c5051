// title: Neighbours of nodes
// description: Every relationship between the given nodes (engine ids) and their neighbours,
//   in either direction, with the neighbour. The graph explorer runs it once per step away
//   from its focus, so a view of depth d costs d small queries instead of enumerating paths.
// param ids: list = | Engine ids of the nodes to expand.
// audience: architects
MATCH (n)-[r]-(m)
WHERE id(n) IN $ids
RETURN r, m
