"""What a new version of a dataset changes, table by table, compared row by row on keys.

Contract: for each table, every key is in exactly one of added, removed, changed
(same key, some other value differs) or unchanged.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from kb.dataset import Dataset, key_of, key_text
from kb.export import graph_changed, table_rows
from kb.model import TABLES, Table
from kb.store.base import GraphStore

EXAMPLES = 5
"""How many keys of each kind of change a report names."""


@dataclass
class TableChanges:
    """Counts of added, removed, changed and unchanged rows of one table, with example keys."""

    added: int = 0
    removed: int = 0
    changed: int = 0
    unchanged: int = 0
    examples: dict[str, list[str]] = field(default_factory=dict)

    @property
    def any(self) -> bool:
        """True when anything was added, removed or changed."""
        return bool(self.added or self.removed or self.changed)

    def describe(self) -> str:
        """e.g. '2 added, 1 changed (1485|c1), 40 unchanged': keys named for changes and removals."""
        parts = []
        for kind in ("added", "removed", "changed"):
            count = getattr(self, kind)
            if count:
                shown = ", ".join(self.examples.get(kind, [])) if kind != "added" else ""
                parts.append(f"{count:,} {kind}" + (f" ({shown}{', ...' if count > EXAMPLES else ''})"
                                                    if shown else ""))
        parts.append(f"{self.unchanged:,} unchanged")
        return ", ".join(parts)


def diff_table(table: Table, old: Iterable[dict[str, Any]], new: list[dict[str, Any]]) -> TableChanges:
    """Compare two versions of one table by key (tuples of the key columns' values, so that
    ("a|b", "c") and ("a", "b|c") are two rows), looking at each old row once: memory holds
    the new rows' index and a few example keys, not the old rows. Examples name keys as
    ``key_text`` writes them. A key the old rows hold twice (only a console write makes that)
    counts once per copy beyond the first as removed."""
    after = {key_of(table, row): row for row in new}
    changes, examples = TableChanges(), {kind: _Smallest() for kind in ("removed", "changed")}
    for row in old:
        key = key_of(table, row)
        now = after.pop(key, None)
        kind = "removed" if now is None else "changed" if now != row else "unchanged"
        setattr(changes, kind, getattr(changes, kind) + 1)
        if kind in examples:
            examples[kind].add(key)
    changes.added = len(after)
    shown = {"added": _Smallest(), **examples}
    for key in after:
        shown["added"].add(key)
    changes.examples = {kind: found.texts for kind, found in shown.items() if found.texts}
    return changes


def diff_datasets(old: Dataset, new: Dataset) -> dict[str, TableChanges]:
    """Changes per table from ``old`` to ``new`` (tables empty in both are left out)."""
    return _nonempty({t.name: diff_table(t, old.tables.get(t.name, []), new.tables.get(t.name, []))
                      for t in TABLES})


def diff_graph(store: GraphStore, new: Dataset) -> dict[str, TableChanges]:
    """``diff_datasets`` from the store's graph to ``new``, reading the graph one table and one
    page at a time (``kb.export.table_rows``), so the old rows are never all held at once.
    Raises ``kb.export.GraphChanged`` if a load or update replaced the graph meanwhile."""
    version = store.version()
    changes = _nonempty({t.name: diff_table(t, table_rows(store, t), new.tables.get(t.name, []))
                         for t in TABLES})
    if store.version() != version:
        raise graph_changed()
    return changes


def _nonempty(changes: dict[str, TableChanges]) -> dict[str, TableChanges]:
    return {name: c for name, c in changes.items() if c.any or c.unchanged}


class _Smallest:
    """The ``EXAMPLES`` smallest ``key_text``s of the keys added to it."""

    def __init__(self) -> None:
        self.texts: list[str] = []

    def add(self, key: tuple[Any, ...]) -> None:
        text = key_text(key)
        if len(self.texts) < EXAMPLES or text < self.texts[-1]:
            bisect.insort(self.texts, text)
            del self.texts[EXAMPLES:]
