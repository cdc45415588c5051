"""Write a validated dataset into a graph store, replacing what was there at once.

Nodes are created in batches (``UNWIND $rows``) and each batch returns the engine ids
of its new nodes; relationships are then attached by those ids, which is several
times faster than looking their ends up by key. The whole graph is built aside and
swapped in by the store (``GraphStore.replace_graph``): a load is all or nothing, and
loading the same data twice gives the same graph.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kb.dataset import Dataset
from kb.model import NODE_TABLES, TABLES, Column, Table
from kb.queries import get_query
from kb.store.base import GraphStore, WriteRunner

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
    warnings: list[str] = field(default_factory=list)

    def summary(self) -> str:
        """One line for people."""
        return (f"Loaded {self.origin}: {self.nodes:,} nodes and {self.relationships:,} "
                f"relationships in {self.seconds:.2f} s")


def _snake(name: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


def node_query_name(table: Table) -> str:
    """Name of the query file that creates ``table``'s nodes."""
    return f"load/node_{_snake(table.label or '')}"


def relationship_query_name(rel_type: str) -> str:
    """Name of the query file that creates relationships of ``rel_type``."""
    return f"load/rel_{rel_type.lower()}"


def row_key(table: Table, row: dict[str, Any]) -> str:
    """The key of a row as one text (composite keys joined by '|')."""
    return "|".join(str(row[k]) for k in table.key)


def _properties(columns: tuple[Column, ...], row: dict[str, Any]) -> dict[str, Any]:
    return {c.name: row[c.name] for c in columns if c.name in row}


def _batches(items: list[Any], size: int = BATCH_SIZE) -> Iterator[list[Any]]:
    for start in range(0, len(items), size):
        yield items[start:start + size]


@dataclass
class _Plan:
    """Relationships to create, grouped by type, as (start key, end key, properties)."""

    by_type: dict[str, list[tuple[tuple[str, str], tuple[str, str], dict[str, Any]]]]

    @classmethod
    def of(cls, dataset: Dataset) -> _Plan:
        by_type: dict[str, list] = {}
        for table in TABLES:
            for row in dataset.tables[table.name]:
                if table.is_node:
                    own = (table.name, row_key(table, row))
                    for column in table.columns:
                        if column.link and column.name in row:
                            other = (column.link.table, str(row[column.name]))
                            ends = (own, other) if column.link.outgoing else (other, own)
                            by_type.setdefault(column.link.rel_type, []).append((*ends, {}))
                else:
                    start_ref = table.column(table.start or "").references or ""
                    end_ref = table.column(table.end or "").references or ""
                    props = _properties(table.property_columns, row)
                    by_type.setdefault(table.rel_type or "", []).append(
                        ((start_ref, str(row[table.start])), (end_ref, str(row[table.end])), props))
        return cls(by_type)


def index_plan() -> list[tuple[str, str]]:
    """(label, property) pairs indexed in every graph: each node table's first key column."""
    return [(t.label or "", t.key[0]) for t in NODE_TABLES]


def write_dataset(store: GraphStore, dataset: Dataset, progress: Progress | None = None) -> LoadReport:
    """Replace the store's graph with ``dataset``; return what was written."""
    started = time.perf_counter()
    plan = _Plan.of(dataset)
    total_nodes = sum(len(dataset.tables[t.name]) for t in NODE_TABLES)
    total_rels = sum(len(v) for v in plan.by_type.values())
    tick = progress or (lambda step, done, total: None)

    def fill(run: WriteRunner) -> None:
        ids: dict[tuple[str, str], Any] = {}
        done = 0
        for table in NODE_TABLES:
            cypher = get_query(node_query_name(table)).cypher
            for batch in _batches(dataset.tables[table.name]):
                payload = [{"k": row_key(table, r), "p": _properties(table.property_columns, r)}
                           for r in batch]
                for key, node_id in run(cypher, {"rows": payload}):
                    ids[(table.name, key)] = node_id
                done += len(batch)
                tick("nodes", done, total_nodes)
        done = 0
        for rel_type, rels in plan.by_type.items():
            cypher = get_query(relationship_query_name(rel_type)).cypher
            for batch in _batches(rels):
                payload = [{"s": ids[s], "t": ids[t], "p": p} for s, t, p in batch]
                run(cypher, {"rows": payload})
                done += len(batch)
                tick("relationships", done, total_rels)

    store.replace_graph(fill, index_plan())
    return LoadReport(dataset.origin, dataset.counts(), total_nodes, total_rels,
                      time.perf_counter() - started, dataset.synthetic)


def read_path(path: str | Path) -> Dataset:
    """Read and validate the dataset at ``path`` (CSV folder, Excel, JSON or YAML).

    Raises ``kb.dataset.InvalidDataset`` listing every problem when it is not valid.
    """
    from kb.validate import validate
    from loaders import read_dataset

    return validate(read_dataset(Path(path)))


def load_path(store: GraphStore, path: str | Path, progress: Progress | None = None) -> LoadReport:
    """Read, validate and load the dataset at ``path``; nothing is written if it is invalid."""
    return write_dataset(store, read_path(path), progress)

