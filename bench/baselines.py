"""The loaders the project's loader is compared with, building the same graph from the same data.

- ``per_row_merge``: one query per row with MERGE, as most tutorials do (indexes first);
- ``batched_unwind``: ``UNWIND $rows`` batches with MERGE, relationship ends looked up by
  their indexed keys (the common pattern);
- ``bulk_insert``: the engine's own ``falkordb-bulk-insert`` (PyPI ``falkordb-bulk-loader``)
  from CSV files written in its format;
- ``admin_import``: Neo4j's own ``neo4j-admin database import full``, offline, from CSV files
  in the same format (its jars are on the project's Neo4j classpath).

The Cypher below is generated from ``kb.model`` (labels, keys) and is the baseline under
test, not product Cypher; data only ever travels as parameters.
"""

from __future__ import annotations

import csv
import math
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kb.dataset import Dataset, cell_text, key_text
from kb.load import BATCH_SIZE, index_plan, row_key, row_properties
from kb.load import relationship_groups as load_groups
from kb.model import NODE_TABLES, Kind, Table, relationship_sources
from kb.store.base import GraphStore
from neo4j_server import classpath, write_conf

Key = dict[str, Any]


@dataclass
class RelGroup:
    """Relationships of one type: end tables, the properties that tell parallel ones apart, rows."""

    rel_type: str
    start: Table
    end: Table
    merge_keys: tuple[str, ...]
    rows: list[tuple[Key, Key, dict[str, Any]]]


def node_key(table: Table, row: dict[str, Any]) -> Key:
    """The key columns of a node row."""
    return {k: row[k] for k in table.key}


def properties(table: Table, row: dict[str, Any]) -> dict[str, Any]:
    """The row's stored properties (as ``kb.load`` stores them)."""
    return row_properties(table, row)


def _key_map(table: Table, key: Any) -> Key:
    """A node key of ``kb.load.node_keys`` as {key column: value}."""
    return dict(zip(table.key, key if len(table.key) > 1 else (key,), strict=True))


def relationship_groups(dataset: Dataset) -> list[RelGroup]:
    """Every relationship of the dataset (``kb.load.relationship_groups``), ends named by key."""
    groups = []
    for group in load_groups(dataset):
        source = relationship_sources()[group.rel_type][0]
        merge_keys = () if source.is_node else tuple(k for k in source.key
                                                     if k not in (source.start, source.end))
        rows = [(_key_map(group.start, s), _key_map(group.end, t), p)
                for s, t, p in zip(group.starts, group.ends, group.properties())]
        groups.append(RelGroup(group.rel_type, group.start, group.end, merge_keys, rows))
    return groups


def _pattern(table: Table, var: str, source: str) -> str:
    keys = ", ".join(f"{k}: {source}.{k}" for k in table.key)
    return f"({var}:{table.label} {{{keys}}})"


def _rel_pattern(group: RelGroup, source: str) -> str:
    keys = ", ".join(f"{k}: {source}.{k}" for k in group.merge_keys)
    return f"[r:{group.rel_type}{' {' + keys + '}' if keys else ''}]"


def node_merge(table: Table, unwind: bool) -> str:
    """MERGE one node by its key and set its properties (``$k``, ``$p`` or ``row.k``, ``row.p``)."""
    src = "row" if unwind else "$"
    sep = "." if unwind else ""
    head = "UNWIND $rows AS row " if unwind else ""
    return f"{head}MERGE {_pattern(table, 'n', f'{src}{sep}k')} SET n += {src}{sep}p"


def rel_merge(group: RelGroup, unwind: bool) -> str:
    """Find both ends by key, MERGE the relationship and set its properties."""
    src = "row" if unwind else "$"
    sep = "." if unwind else ""
    head = "UNWIND $rows AS row " if unwind else ""
    return (f"{head}MATCH {_pattern(group.start, 'a', f'{src}{sep}s')} "
            f"MATCH {_pattern(group.end, 'b', f'{src}{sep}t')} "
            f"MERGE (a)-{_rel_pattern(group, f'{src}{sep}p')}->(b) SET r += {src}{sep}p")


def create_indexes(store: GraphStore) -> None:
    """The same indexes as the project's graph, created before loading."""
    for label, prop in index_plan():
        store.write(f"CREATE INDEX FOR (n:{label}) ON (n.{prop})")


def _sample(rows: list[Any], fraction: float) -> int:
    return len(rows) if fraction >= 1 else min(len(rows), max(1, math.ceil(len(rows) * fraction)))


def per_row_merge(store: GraphStore, dataset: Dataset, sample_rows: int) -> dict[str, Any]:
    """One query per row; above ``sample_rows`` rows, time a proportional sample of each table
    (the first rows) and extrapolate per table. Untimed: the rest of the nodes (batched)."""
    groups = relationship_groups(dataset)
    total = sum(len(dataset.tables[t.name]) for t in NODE_TABLES) + sum(len(g.rows) for g in groups)
    fraction = sample_rows / total if total else 1.0
    create_indexes(store)
    seconds, timed, wall = 0.0, 0, 0.0
    for table in NODE_TABLES:
        rows = dataset.tables[table.name]
        n = _sample(rows, fraction)
        cypher = node_merge(table, unwind=False)
        started = time.perf_counter()
        for row in rows[:n]:
            store.write(cypher, {"k": node_key(table, row), "p": properties(table, row)})
        spent = time.perf_counter() - started
        seconds, wall, timed = seconds + (spent * len(rows) / n if n else 0.0), wall + spent, timed + n
        _batched_nodes(store, table, rows[n:])
    for group in groups:
        n = _sample(group.rows, fraction)
        cypher = rel_merge(group, unwind=False)
        started = time.perf_counter()
        for s, t, p in group.rows[:n]:
            store.write(cypher, {"s": s, "t": t, "p": p})
        spent = time.perf_counter() - started
        seconds, wall, timed = seconds + (spent * len(group.rows) / n if n else 0.0), wall + spent, timed + n
    return {"seconds": seconds, "timed_rows": timed, "timed_seconds": wall, "extrapolated": timed < total}


def _batched_nodes(store: GraphStore, table: Table, rows: list[dict[str, Any]]) -> None:
    cypher = node_merge(table, unwind=True)
    for start in range(0, len(rows), BATCH_SIZE):
        batch = rows[start:start + BATCH_SIZE]
        store.write(cypher, {"rows": [{"k": node_key(table, r), "p": properties(table, r)} for r in batch]})


def batched_unwind(store: GraphStore, dataset: Dataset) -> dict[str, Any]:
    """``UNWIND $rows`` batches of ``kb.load.BATCH_SIZE`` rows with MERGE; ends found by indexed key."""
    groups = relationship_groups(dataset)
    started = time.perf_counter()
    create_indexes(store)
    for table in NODE_TABLES:
        _batched_nodes(store, table, dataset.tables[table.name])
    for group in groups:
        cypher = rel_merge(group, unwind=True)
        for start in range(0, len(group.rows), BATCH_SIZE):
            batch = group.rows[start:start + BATCH_SIZE]
            store.write(cypher, {"rows": [{"s": s, "t": t, "p": p} for s, t, p in batch]})
    return {"seconds": time.perf_counter() - started}


FALKORDB_TYPES = {Kind.INT: "INT", Kind.FLOAT: "DOUBLE", Kind.BOOL: "BOOL"}
NEO4J_TYPES = {Kind.INT: "long", Kind.FLOAT: "double", Kind.BOOL: "boolean"}
"""Column types in the headers of ``falkordb-bulk-insert`` and ``neo4j-admin database import``
(otherwise the same format); every other column is a string."""


@dataclass
class BulkFiles:
    """CSV files for a bulk loader: (label, file) per node table, (type, file) per relationship type."""

    nodes: list[tuple[str, Path]]
    relationships: list[tuple[str, Path]]

    def falkordb_args(self) -> list[str]:
        """``falkordb-bulk-insert``'s arguments, with the project's indexes."""
        args = [a for label, path in self.nodes for a in ("-N", label, str(path))]
        args += [a for rel_type, path in self.relationships for a in ("-R", rel_type, str(path))]
        return args + [a for label, prop in index_plan() for a in ("-i", f"{label}:{prop}")]

    def neo4j_args(self) -> list[str]:
        """``neo4j-admin database import full``'s file arguments."""
        return ([f"--nodes={label}={path}" for label, path in self.nodes]
                + [f"--relationships={rel_type}={path}" for rel_type, path in self.relationships])


def write_bulk_csv(dataset: Dataset, folder: Path, types: dict[Kind, str]) -> BulkFiles:
    """Write the dataset in the bulk loaders' typed CSV format, column types named by ``types``.

    Node files: ``:ID(Label)`` (the row's key, not stored) then typed property columns;
    relationship files: ``:START_ID(Label)``, ``:END_ID(Label)``, typed properties.
    """
    folder.mkdir(parents=True, exist_ok=True)
    files = BulkFiles([], [])
    for table in NODE_TABLES:
        rows = dataset.tables[table.name]
        if not rows:
            continue
        columns = table.property_columns
        header = [f":ID({table.label})", *(f"{c.name}:{types.get(c.kind, 'STRING')}" for c in columns)]
        body = ([row_key(table, r), *(cell_text(r.get(c.name)) for c in columns)] for r in rows)
        files.nodes.append((table.label or "", _write(folder / f"node_{table.name}.csv", header, body)))
    for group in relationship_groups(dataset):
        if not group.rows:
            continue
        source = relationship_sources()[group.rel_type][0]
        columns = () if source.is_node else source.property_columns
        header = [f":START_ID({group.start.label})", f":END_ID({group.end.label})",
                  *(f"{c.name}:{types.get(c.kind, 'STRING')}" for c in columns)]
        body = ([key_text(tuple(s.values())), key_text(tuple(t.values())),
                 *(cell_text(p.get(c.name)) for c in columns)] for s, t, p in group.rows)
        path = _write(folder / f"rel_{group.rel_type}.csv", header, body)
        files.relationships.append((group.rel_type, path))
    return files


def _write(path: Path, header: list[str], body: Any) -> Path:
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(body)
    return path


def bulk_insert_command() -> str | None:
    """Path of ``falkordb-bulk-insert`` beside this Python, or on PATH; None when not installed."""
    beside = Path(sys.executable).parent / "falkordb-bulk-insert"
    return str(beside) if beside.exists() else shutil.which("falkordb-bulk-insert")


def bulk_insert(socket: str, graph: str, args: list[str]) -> dict[str, Any]:
    """Run ``falkordb-bulk-insert`` into the new graph ``graph`` over the server's unix socket."""
    command = bulk_insert_command()
    if command is None:
        raise RuntimeError("falkordb-bulk-insert is not installed (pip install falkordb-bulk-loader)")
    started = time.perf_counter()
    url = f"unix://{socket}?socket_timeout=600"  # the client's default gives up on a big bulk call
    done = subprocess.run([command, graph, "-u", url, "--enforce-schema", *args],
                          capture_output=True, text=True)
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        raise RuntimeError(f"falkordb-bulk-insert failed: {(done.stderr or done.stdout)[-500:]}")
    return {"seconds": seconds}


ADMIN_TOOL = "org.neo4j.cli.AdminTool"
"""Main class of ``neo4j-admin`` (jar neo4j-command-line); ``database import`` is neo4j-import-tool's."""


def neo4j_import(files: BulkFiles, home: Path, heap_mb: int, config: Mapping[str, str]) -> dict[str, Any]:
    """Run ``neo4j-admin database import full`` into database ``neo4j`` of the server files in ``home``.

    Offline: no server may run on ``home`` (the tool writes the store files itself and
    ``--overwrite-destination`` replaces a database that is there). Timed as the command
    runs, its JVM start-up included.
    """
    conf = write_conf(home / "conf", config).parent
    command = ["java", f"-Xmx{heap_mb}m", "-cp", classpath(), ADMIN_TOOL, "database", "import", "full",
               "neo4j", "--overwrite-destination", f"--report-file={home / 'import.report'}",
               *files.neo4j_args()]
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True,
                          env={**os.environ, "NEO4J_HOME": str(home), "NEO4J_CONF": str(conf),
                               "JAVA_TOOL_OPTIONS": ""})
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        raise RuntimeError(f"neo4j-admin database import failed: {(done.stderr or done.stdout)[-500:]}")
    return {"seconds": seconds}
