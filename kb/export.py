"""Read the graph back into a ``Dataset``: the inverse of ``kb.load.write_dataset``.

Contract: for any valid dataset D, ``export_dataset(store)`` after loading D gives the
same tables as D (rows in a stable order, keys as text), so load, export, load gives
the same graph.
"""

from __future__ import annotations

from typing import Any

from kb.dataset import Dataset
from kb.model import (
    TABLES,
    graph_labels,
    label_keys,
    relationship_sources,
    relationship_types,
    table_for_label,
)
from kb.queries import get_query
from kb.store.base import GraphStore


def _sort_key(table_key: tuple[str, ...]):
    return lambda row: tuple(str(row.get(k, "")) for k in table_key)


def export_dataset(store: GraphStore) -> Dataset:
    """Every node and relationship of the store's knowledge base, as the dataset's tables."""
    labels, keys, sources = graph_labels(), label_keys(), relationship_sources()
    nodes: dict[tuple[str, tuple[Any, ...]], dict[str, Any]] = {}
    tables: dict[str, list[dict[str, Any]]] = {t.name: [] for t in TABLES}
    for label, props in store.read(get_query("export/nodes").cypher, {"labels": labels},
                                   row_cap=None).rows:
        nodes[(label, tuple(props.get(k) for k in keys[label]))] = dict(props)
    relationships = store.read(get_query("export/relationships").cypher,
                               {"types": relationship_types(), "keys": keys}, row_cap=None).rows
    for start_label, start_key, rel_type, end_label, end_key, props in relationships:
        start_props = nodes.get((start_label, tuple(start_key)))
        end_props = nodes.get((end_label, tuple(end_key)))
        if start_props is None or end_props is None:
            continue
        table, column = sources[rel_type]
        if column is None:
            row = {table.start: start_key[0], table.end: end_key[0], **props}
            tables[table.name].append(row)
        else:
            own, other_key = (start_props, end_key) if column.link.outgoing else (end_props, start_key)
            own[column.name] = other_key[0]
    for (label, _), props in nodes.items():
        tables[table_for_label(label).name].append(props)
    for table in TABLES:
        order = [c.name for c in table.columns]
        rows = [{k: row[k] for k in order if k in row} for row in tables[table.name]]
        tables[table.name] = sorted(rows, key=_sort_key(table.key))
    return Dataset(f"graph ({store.description})", tables)
