"""Combine a base dataset with imported rows: the import seeds or updates the graph.

Contract: for every table, an imported row replaces the base row with the same key and
every other base row is kept; the result is validated as a whole (references, cycles,
required tables), so it either loads or raises ``InvalidDataset`` listing every problem.
"""

from __future__ import annotations

from typing import Any

from kb.dataset import Dataset, RawDataset, key_of
from kb.model import TABLES
from kb.validate import validate


def merge(base: Dataset, imported: Dataset) -> Dataset:
    """``base`` with ``imported`` laid over it by key, validated."""
    tables: dict[str, list[dict[str, Any]]] = {}
    for table in TABLES:
        new = imported.tables.get(table.name, [])
        replaced = {key_of(table, row) for row in new}
        kept = [row for row in base.tables.get(table.name, []) if key_of(table, row) not in replaced]
        if kept or new:  # an empty table would be reported as missing its required columns
            tables[table.name] = kept + new
    origin = f"{imported.origin} merged into {base.origin}" if base.origin else imported.origin
    return validate(RawDataset.from_records(tables, origin))
