"""What a new version of a dataset changes, table by table, compared row by row on keys.

Contract: for each table, every key is in exactly one of added, removed, changed
(same key, some other value differs) or unchanged.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from kb.dataset import Dataset, key_of, key_text
from kb.model import TABLES, Table

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


def diff_table(table: Table, old: list[dict[str, Any]], new: list[dict[str, Any]]) -> TableChanges:
    """Compare two versions of one table by key (tuples of the key columns' values, so that
    ("a|b", "c") and ("a", "b|c") are two rows); examples name keys as ``key_text`` writes them."""
    before = {key_of(table, row): row for row in old}
    after = {key_of(table, row): row for row in new}
    changes = TableChanges()
    kinds = {
        "added": [k for k in after if k not in before],
        "removed": [k for k in before if k not in after],
        "changed": [k for k in after if k in before and before[k] != after[k]],
    }
    for kind, keys in kinds.items():
        setattr(changes, kind, len(keys))
        if keys:
            changes.examples[kind] = sorted(map(key_text, keys))[:EXAMPLES]
    changes.unchanged = len(after) - changes.added - changes.changed
    return changes


def diff_datasets(old: Dataset, new: Dataset) -> dict[str, TableChanges]:
    """Changes per table from ``old`` to ``new`` (tables empty in both are left out)."""
    return {
        t.name: diff_table(t, old.tables.get(t.name, []), new.tables.get(t.name, []))
        for t in TABLES
        if old.tables.get(t.name) or new.tables.get(t.name)
    }
