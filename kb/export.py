"""Read the graph back into a ``Dataset``: the inverse of ``kb.load.write_dataset``.

Contract: for any valid dataset D, ``export_dataset(store)`` after loading D gives the
same tables as D (rows in a stable order, keys as text), so load, export, load gives
the same graph.

Each table has its own query (``export/node_<label>``, ``export/rel_<type>``) that reads one
page of it; ``table_rows`` reads a table page by page, so a reader that looks at one row at a
time (the change report, ``kb.diff.diff_graph``) holds one page, never the whole graph.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from kb.dataset import Dataset
from kb.model import TABLES, Table, snake_case
from kb.queries import get_query
from kb.store.base import GraphStore, StoreError

PAGE_ROWS = 50_000
"""Rows a page aims at: a node page is this many nodes; a relationship page is as many start
nodes as gave about this many relationships on the page before."""
GUESS_PER_START = 100
"""Relationships per start node guessed for a relationship table's first page."""
ATTEMPTS = 3
"""Times ``export_dataset`` starts again when a load or update replaced the graph mid-read."""


class GraphChanged(StoreError):
    """The graph was replaced or updated while it was being read page by page."""


def export_query_name(table: Table) -> str:
    """Name of the query file that reads one page of ``table``."""
    if table.label:
        return f"export/node_{snake_case(table.label)}"
    return f"export/rel_{(table.rel_type or '').lower()}"


def table_rows(store: GraphStore, table: Table, page_rows: int = PAGE_ROWS) -> Iterator[dict[str, Any]]:
    """Every row of ``table`` in the graph as the dataset holds it (the model's columns in their
    order, empty ones left out), read in pages of about ``page_rows`` rows, in no particular
    order. Each query returns the table's columns by name; a relationship table's page has a row
    without an end for each start node that has no such relationship, which is skipped."""
    cypher = get_query(export_query_name(table)).cypher
    skip, limit = 0, page_rows if table.is_node else max(1, page_rows // GUESS_PER_START)
    while True:
        result = store.read(cypher, {"skip": skip, "limit": limit}, row_cap=None)
        if not result.rows:
            return
        place = [result.columns.index(c.name) for c in table.columns]
        end = None if table.is_node else result.columns.index(table.end or "")
        rows = 0
        for row in result.rows:
            if end is not None and row[end] is None:
                continue
            rows += 1
            yield {c.name: row[i] for c, i in zip(table.columns, place) if row[i] is not None}
        skip += limit
        if end is not None:
            limit = max(1, min(page_rows, limit * page_rows // max(rows, 1)))


def export_dataset(store: GraphStore) -> Dataset:
    """Every node and relationship of the store's knowledge base, as the dataset's tables, rows
    sorted by key. Raises ``GraphChanged`` if a load or update replaced the graph during each
    of ``ATTEMPTS`` reads."""
    for _ in range(ATTEMPTS):
        version = store.version()
        tables = {t.name: sorted(table_rows(store, t), key=_sort_key(t.key)) for t in TABLES}
        if store.version() == version:
            return Dataset(f"graph ({store.description})", tables)
    raise graph_changed()


def graph_changed() -> GraphChanged:
    """The error for a graph replaced mid-read, in words a person can act on."""
    return GraphChanged("The graph was replaced while it was being read (a load or an update "
                        "ran at the same time); run the command again.")


def _sort_key(table_key: tuple[str, ...]):
    return lambda row: tuple(str(row.get(k, "")) for k in table_key)
