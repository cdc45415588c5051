"""Read the graph back into a ``Dataset``: the inverse of ``kb.load.write_dataset``.

Contract: for any valid dataset D, ``export_dataset(store)`` after loading D gives the
same tables as D (rows in a stable order, keys as text), so load, export, load gives
the same graph.
"""

from __future__ import annotations

from typing import Any

from kb.dataset import Dataset
from kb.model import NODE_TABLES, TABLES, relationship_sources, table_for_label
from kb.queries import get_query
from kb.store.base import GraphStore


def _sort_key(table_key: tuple[str, ...]):
    return lambda row: tuple(str(row.get(k, "")) for k in table_key)


def export_dataset(store: GraphStore) -> Dataset:
    """Every node and relationship of the store's graph, as the dataset's tables."""
    labels = {t.label for t in NODE_TABLES}
    sources = relationship_sources()
    nodes: dict[Any, tuple[str, dict[str, Any]]] = {}
    tables: dict[str, list[dict[str, Any]]] = {t.name: [] for t in TABLES}
    for node_id, label, props in store.read(get_query("export/nodes").cypher, row_cap=None).rows:
        if label in labels:
            nodes[node_id] = (label, dict(props))
    for start, rel_type, end, props in store.read(get_query("export/relationships").cypher,
                                                  row_cap=None).rows:
        if rel_type not in sources or start not in nodes or end not in nodes:
            continue
        table, column = sources[rel_type]
        (start_label, start_props), (end_label, end_props) = nodes[start], nodes[end]
        if column is None:
            start_table = table_for_label(start_label)
            end_table = table_for_label(end_label)
            row = {table.start: start_props[start_table.key[0]],
                   table.end: end_props[end_table.key[0]], **props}
            tables[table.name].append(row)
        else:
            own, other = (start_props, end_props) if column.link.outgoing else (end_props, start_props)
            other_table = table_for_label(end_label if column.link.outgoing else start_label)
            own[column.name] = other[other_table.key[0]]
    for label, props in nodes.values():
        tables[table_for_label(label).name].append(props)
    for table in TABLES:
        order = [c.name for c in table.columns]
        rows = [{k: row[k] for k in order if k in row} for row in tables[table.name]]
        tables[table.name] = sorted(rows, key=_sort_key(table.key))
    return Dataset(f"graph ({store.description})", tables)
