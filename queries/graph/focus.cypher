// title: Graph focus node
// description: The node a graph view is centred on: the node with the given label whose
//   key (a municipality's code, any other node's id) is the given key.
// param label: str = Municipality | Label of the node: Municipality, Capability, Supplier or System.
// param key: str = 1485 | Its code (municipalities) or id.
// audience: architects
MATCH (n)
WHERE $label IN labels(n) AND coalesce(n.code, n.id) = $key
RETURN n
LIMIT 1
