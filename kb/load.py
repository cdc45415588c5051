"""Write a validated dataset into a graph store, replacing what was there at once.

On FalkorDB the new graph is built with the engine's bulk command
(``replace_graph_bulk``): nodes are numbered in table order and relationships name
their ends by those numbers, in the engine's binary format. Elsewhere (Neo4j) nodes
are created in batches (``UNWIND $rows``, queries ``load/``) and relationships find
their ends by label and key, which the load indexes first. Either way the whole graph is built aside
and swapped in by the store: a load is all or nothing, and loading the same data
twice gives the same graph.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from kb.dataset import Dataset, key_of, key_text
from kb.diff import TableChanges, diff_graph
from kb.model import NODE_TABLES, TABLES, TABLES_BY_NAME, Table, graph_labels, snake_case
from kb.queries import get_query
from kb.store.base import GraphStore, WriteRunner
from kb.store.bulk_format import RelationshipColumns

BATCH_SIZE = 5_000
Progress = Callable[[str, int, int], None]
"""Called as progress(step, done, total) while loading."""


@dataclass
class LoadReport:
    """What a load wrote: rows per table, nodes, relationships and time taken."""

    origin: str
    tables: dict[str, int]
    nodes: int = 0
    relationships: int = 0
    seconds: float = 0.0
    synthetic: bool = False
    changes: dict[str, TableChanges] | None = None  # set when the load compared old and new

    def summary(self) -> str:
        """One line for people."""
        return (f"Loaded {self.origin}: {self.nodes:,} nodes and {self.relationships:,} "
                f"relationships in {self.seconds:.2f} s")


def node_query_name(table: Table) -> str:
    """Name of the query file that creates ``table``'s nodes."""
    return f"load/node_{snake_case(table.label or '')}"


def relationship_query_name(rel_type: str) -> str:
    """Name of the query file that creates relationships of ``rel_type``."""
    return f"load/rel_{rel_type.lower()}"


def row_key(table: Table, row: dict[str, Any]) -> str:
    """The key of a row as one text: ``key_text`` of its ``key_of`` tuple (composite keys
    joined by '|', a '|' inside a part escaped, so no two keys give one text). The loader
    keys rows by the tuple; this is for writers of text identifiers (the benchmark's CSV)."""
    return key_text(key_of(table, row))


def _property_names(table: Table) -> tuple[str, ...]:
    return tuple(c.name for c in table.property_columns)


def _properties(names: tuple[str, ...], row: dict[str, Any]) -> dict[str, Any]:
    return {n: row[n] for n in names if n in row}


def row_properties(table: Table, row: dict[str, Any]) -> dict[str, Any]:
    """The properties ``row`` of ``table`` is stored with: its property columns that have a value."""
    return _properties(_property_names(table), row)


@contextmanager
def gc_paused() -> Iterator[None]:
    """Python's cyclic garbage collector off while a load builds its millions of rows: none of
    them is garbage, yet each collection would walk them all (a third of the time of a large
    load). Whatever did become garbage is collected when the collector runs again."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _batches(items: list[Any], size: int = BATCH_SIZE) -> Iterator[list[Any]]:
    for start in range(0, len(items), size):
        yield items[start:start + size]


@dataclass
class Relationships:
    """The relationships of one type: the tables of their ends, each one's start and end node
    keys (``node_keys``), and the rows whose ``names`` columns are their properties."""

    rel_type: str
    start: Table
    end: Table
    starts: list[Any]
    ends: list[Any]
    rows: list[dict[str, Any]]
    names: tuple[str, ...] = ()

    def properties(self) -> list[dict[str, Any]]:
        """Each relationship's properties: its row's ``names`` columns that have a value."""
        return [_properties(self.names, row) for row in self.rows]


def node_keys(table: Table, rows: list[dict[str, Any]], columns: tuple[str, ...] | None = None) -> list[Any]:
    """Each row's values of ``columns`` (default: ``table``'s key): the value itself for one
    column, a tuple of them for several (never text joined by a separator, so ("a|b", "c")
    and ("a", "b|c") stay two keys)."""
    columns = columns or table.key
    if len(columns) == 1:
        return [row[columns[0]] for row in rows]
    return list(zip(*[[row[k] for row in rows] for k in columns]))


def relationship_groups(dataset: Dataset) -> list[Relationships]:
    """Every relationship of ``dataset`` by type, in the order of the model: a link column's
    (``Column.link``, from the rows that have it) and each row of a relationship table."""
    groups: dict[str, Relationships] = {}
    for table in TABLES:
        rows = dataset.tables[table.name]
        if table.is_node:
            for column in (c for c in table.columns if c.link):
                link, other = column.link, TABLES_BY_NAME[column.link.table]
                having = [row for row in rows if column.name in row]
                own, ref = node_keys(table, having), node_keys(other, having, (column.name,))
                ends = (table, other, own, ref) if link.outgoing else (other, table, ref, own)
                _add(groups, Relationships(link.rel_type, *ends, having))
        else:
            start, end = table.start or "", table.end or ""
            ends = (TABLES_BY_NAME[table.column(start).references or ""],
                    TABLES_BY_NAME[table.column(end).references or ""])
            _add(groups, Relationships(table.rel_type or "", *ends, node_keys(table, rows, (start,)),
                                       node_keys(table, rows, (end,)), rows, _property_names(table)))
    return list(groups.values())


def _add(groups: dict[str, Relationships], more: Relationships) -> None:
    if more.rel_type not in groups:
        groups[more.rel_type] = more
        return
    group = groups[more.rel_type]
    group.starts, group.ends = group.starts + more.starts, group.ends + more.ends
    group.rows = group.rows + more.rows


@dataclass
class _Plan:
    """The relationships to create, by type (``relationship_groups``)."""

    groups: list[Relationships]

    @classmethod
    def of(cls, dataset: Dataset) -> _Plan:
        return cls(relationship_groups(dataset))

    def count(self) -> int:
        """Number of relationships."""
        return sum(len(g.rows) for g in self.groups)


def index_plan() -> list[tuple[str, str]]:
    """(label, property) pairs indexed in every graph: each node table's first key column."""
    return [(t.label or "", t.key[0]) for t in NODE_TABLES]


def write_dataset(store: GraphStore, dataset: Dataset, progress: Progress | None = None,
                  compare: bool = False) -> LoadReport:
    """Replace the store's graph with ``dataset``; return what was written.

    With ``compare``, the report also says per table what was added, removed, changed
    and left unchanged against the graph as it was (this reads the whole graph first).

    FalkorDB stores build the new graph with the engine's bulk command
    (``replace_graph_bulk``); other stores with the ``load/`` queries.
    """
    with gc_paused():
        return _write(store, dataset, progress, compare)


def _write(store: GraphStore, dataset: Dataset, progress: Progress | None, compare: bool) -> LoadReport:
    started = time.perf_counter()
    changes = diff_graph(store, dataset) if compare else None
    plan = _Plan.of(dataset)
    total_nodes = sum(len(dataset.tables[t.name]) for t in NODE_TABLES)
    total_rels = plan.count()
    tick = progress or (lambda step, done, total: None)
    tick("nodes", 0, total_nodes)  # writing starts
    if hasattr(store, "replace_graph_bulk"):
        _write_bulk(store, dataset, plan)
        tick("nodes", total_nodes, total_nodes)
        tick("relationships", total_rels, total_rels)
    else:
        store.replace_graph(_cypher_fill(dataset, plan, tick, total_nodes, total_rels), index_plan(),
                            graph_labels())
    return LoadReport(dataset.origin, dataset.counts(), total_nodes, total_rels,
                      time.perf_counter() - started, dataset.synthetic, changes)


def _write_bulk(store: Any, dataset: Dataset, plan: _Plan) -> None:
    """Replace the graph with the engine's bulk command (``replace_graph_bulk``)."""
    store.replace_graph_bulk(*bulk_groups(dataset, plan), index_plan())


def bulk_groups(dataset: Dataset, plan: _Plan) -> tuple[list[tuple], list[tuple]]:
    """The node and relationship groups of ``kb.store.falkor.bulk_commands``: nodes numbered in
    table order (the ids the bulk command gives them), then relationships; each group names the
    columns its entities' properties come from."""
    ids: dict[str, dict[tuple, int]] = {}
    nodes, first = [], 0
    for table in NODE_TABLES:
        rows = dataset.tables[table.name]
        ids[table.name] = dict(zip(node_keys(table, rows), range(first, first + len(rows))))
        first += len(rows)
        nodes.append((table.label or "", rows, _property_names(table)))
    relationships = []
    for group in plan.groups:
        starts, ends = ids[group.start.name], ids[group.end.name]
        count = len(group.rows)
        relationships.append((group.rel_type, RelationshipColumns(
            np.fromiter(map(starts.__getitem__, group.starts), np.uint64, count),
            np.fromiter(map(ends.__getitem__, group.ends), np.uint64, count), group.rows), group.names))
    return nodes, relationships


def _cypher_fill(dataset: Dataset, plan: _Plan, tick: Progress, total_nodes: int,
                 total_rels: int) -> Callable[[WriteRunner], None]:
    """Build the graph with the ``load/`` queries: nodes first, then relationships found by key."""

    def fill(run: WriteRunner) -> None:
        keys: dict[str, dict[tuple[Any, ...], dict[str, Any]]] = {}
        done = 0
        for table in NODE_TABLES:
            cypher = get_query(node_query_name(table)).cypher
            rows, names = dataset.tables[table.name], _property_names(table)
            keys[table.name] = dict(zip(node_keys(table, rows), ({k: r[k] for k in table.key} for r in rows)))
            for batch in _batches(rows):
                run(cypher, {"rows": [{"p": _properties(names, r)} for r in batch]})
                done += len(batch)
                tick("nodes", done, total_nodes)
        done = 0
        for group in plan.groups:
            cypher = get_query(relationship_query_name(group.rel_type)).cypher
            start, end = keys[group.start.name], keys[group.end.name]
            for batch in _batches(list(zip(group.starts, group.ends, group.properties()))):
                payload = [{"s": start[s], "t": end[t], "p": p} for s, t, p in batch]
                run(cypher, {"rows": payload})
                done += len(batch)
                tick("relationships", done, total_rels)

    return fill


def read_path(path: str | Path) -> Dataset:
    """Read and validate the dataset at ``path`` (CSV folder, Excel, JSON or YAML).

    Raises ``kb.dataset.InvalidDataset`` listing every problem when it is not valid.
    """
    from kb.validate import validate
    from loaders import read_dataset

    with gc_paused():
        return validate(read_dataset(Path(path)))


def load_path(store: GraphStore, path: str | Path, progress: Progress | None = None,
              compare: bool = False) -> LoadReport:
    """Read, validate and load the dataset at ``path``; nothing is written if it is invalid."""
    return write_dataset(store, read_path(path), progress, compare)

