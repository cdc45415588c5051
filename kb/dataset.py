"""What the loaders produce and what the graph writer consumes.

``RawDataset`` is a source read as it is (cells untyped, every row remembering where
it came from); ``kb.validate.validate`` turns it into a ``Dataset`` of typed rows or
raises ``InvalidDataset`` listing every ``Problem`` at once.
"""

from __future__ import annotations

import reprlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from kb.model import TABLES, Table

SHOWN_CHARS = 60
"""Longest rendering of a value in a message; longer ones end in '...'."""

_REPR = reprlib.Repr(maxlevel=2, maxtuple=4, maxlist=4, maxdict=4, maxset=4, maxfrozenset=4,
                     maxstring=SHOWN_CHARS, maxother=SHOWN_CHARS, maxlong=SHOWN_CHARS)


def shorten(value: Any, limit: int = SHOWN_CHARS) -> str:
    """``value`` as text of at most ``limit`` characters, whatever its size.

    Text is cut; a list, tuple, set or dict is rendered by ``reprlib`` with a few items per
    level, so a nested structure of a billion items (a YAML alias bomb) costs no more than a
    short one; a whole number too long to print is described; any other value is ``str``'d.
    """
    if isinstance(value, str):
        shown = value
    elif isinstance(value, list | tuple | set | frozenset | dict):
        shown = _REPR.repr(value)
    elif isinstance(value, int) and value.bit_length() > 200:
        shown = f"a whole number of about {value.bit_length() * 0.30103:,.0f} digits"
    else:
        shown = str(value)
    return shown if len(shown) <= limit else shown[:limit - 3] + "..."


def key_of(table: Table, row: dict[str, Any]) -> tuple[Any, ...]:
    """The key of ``row`` in ``table``: its key columns' values, as a tuple.

    A tuple, not text joined by '|': ("a|b", "c") and ("a", "b|c") are two keys.
    """
    return tuple(row[k] for k in table.key)


def key_text(key: tuple[Any, ...]) -> str:
    """A key as one text, for messages and identifiers: its parts joined by '|', a backslash or
    '|' inside a part escaped by a backslash, so two keys never give the same text. Parts
    without either character give the parts joined by '|', as identifiers always had."""
    return "|".join(str(part).replace("\\", "\\\\").replace("|", "\\|") for part in key)


def cell_text(value: Any) -> str:
    """A typed value as text in a file (CSV, ArchiMate properties, bulk loaders' CSV): '' for
    None, true/false, a whole float without '.0' (Excel and JSON give 5.0 for 5), else ``str``.
    What the readers take back to the same value."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the input, located as a person would look for it."""

    file: str
    message: str
    expected: str = ""
    row: int | None = None  # as a spreadsheet counts: the header is row 1
    column: str | None = None
    value: Any = None

    def __str__(self) -> str:
        where = self.file
        if self.row is not None:
            where += f", row {self.row}"
        if self.column is not None:
            where += f", column {self.column!r}"  # repr: an invisible character shows as \u200b
        text = f"{where}: {self.message}"
        if self.value is not None:
            text += f" (value: {shorten(self.value)!r})"
        if self.expected:
            text += f"; expected {self.expected}"
        return text


class InvalidDataset(Exception):
    """Raised when a dataset cannot be loaded; ``problems`` lists every reason."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        count = len(problems)
        head = "\n".join(f"  - {p}" for p in problems[:50])
        more = f"\n  ... and {count - 50} more" if count > 50 else ""
        super().__init__(f"{count} problem{'s' if count != 1 else ''} in the dataset:\n{head}{more}")


@dataclass
class RawRow:
    """A row as read: its number in the source and its cells by column name."""

    number: int
    cells: dict[str, Any]


@dataclass
class RawTable:
    """A table as read from one file or sheet, before any checking, held by column.

    ``columns`` maps each column name read to its cells, one per row (None where a row has
    no cell): a list, or a ``pyarrow`` string array from the CSV reader. ``numbers`` gives
    each row's number in the source. ``from_rows`` builds one from rows.
    """

    name: str
    origin: str  # e.g. "data/demo/municipalities.csv" or "kb.xlsx, sheet 'systems'"
    header: list[str]
    numbers: Sequence[int]
    columns: dict[str, Sequence[Any]]

    @classmethod
    def from_rows(cls, name: str, origin: str, header: list[str], rows: list[RawRow]) -> RawTable:
        """The table of ``rows``, its columns those of the header and of any row's cells."""
        names = dict.fromkeys([*header, *(k for r in rows for k in r.cells)])
        columns = {n: [r.cells.get(n) for r in rows] for n in names}
        return cls(name, origin, header, [r.number for r in rows], columns)

    def __len__(self) -> int:
        return len(self.numbers)

    @property
    def rows(self) -> list[RawRow]:
        """The table as rows, each with the cells it has (a copy: changing it changes nothing)."""
        values = {n: c.to_pylist() if hasattr(c, "to_pylist") else c for n, c in self.columns.items()}
        return [RawRow(number, {n: v[i] for n, v in values.items() if v[i] is not None})
                for i, number in enumerate(self.numbers)]


@dataclass
class RawDataset:
    """A source as read: its tables and any problem met while reading it."""

    origin: str
    tables: dict[str, RawTable] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    @classmethod
    def from_records(cls, tables: dict[str, list[dict[str, Any]]], origin: str = "records",
                     numbers: dict[str, list[int]] | None = None) -> RawDataset:
        """Tables given as lists of dictionaries (JSON, YAML, Python); row N is item N unless
        ``numbers`` gives a table's row numbers."""
        raw = cls(origin)
        for name, records in tables.items():
            header = list(dict.fromkeys(k for record in records for k in record))
            counted = (numbers or {}).get(name) or range(1, len(records) + 1)
            rows = [RawRow(number, dict(record)) for number, record in zip(counted, records, strict=True)]
            raw.tables[name] = RawTable.from_rows(name, f"{origin}, table '{name}'", header, rows)
        return raw


@dataclass
class Dataset:
    """A validated dataset: typed rows per table (every table present, maybe empty).

    Rows hold only the columns that have a value; missing optional cells are absent.
    """

    origin: str
    tables: dict[str, list[dict[str, Any]]]

    @classmethod
    def empty(cls, origin: str = "") -> Dataset:
        """A dataset with every table and no rows."""
        return cls(origin, {t.name: [] for t in TABLES})

    def counts(self) -> dict[str, int]:
        """Rows per table."""
        return {name: len(rows) for name, rows in self.tables.items()}

    @property
    def synthetic(self) -> bool:
        """True when the dataset says it is synthetic demonstration data."""
        return any(row.get("synthetic") for row in self.tables.get("dataset", []))
