// title: Every relationship of the knowledge base
// description: Every relationship of the knowledge base's types, with the label and key values
//   of its two ends (keys from kb.model: a municipality's code, most others' id) and its
//   properties. Ends are named by their keys, not engine ids, so it runs alike on every engine.
// param types: list | The knowledge base's relationship types.
// param keys: map | Each label's key properties, e.g. {Municipality: ['code']}.
// audience: the exporter
MATCH (a)-[r]->(b)
WHERE type(r) IN $types
WITH a, r, b, [label IN labels(a) WHERE label IN keys($keys)][0] AS start_label,
     [label IN labels(b) WHERE label IN keys($keys)][0] AS end_label
RETURN start_label, [k IN $keys[start_label] | a[k]] AS start_key, type(r) AS type,
       end_label, [k IN $keys[end_label] | b[k]] AS end_key, properties(r) AS props
