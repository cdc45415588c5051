"""Cells typed a whole column at a time: the vectorised half of ``kb.validate``.

Contract: ``type_column`` gives exactly what reading every cell with
``kb.validate.reader_for(column)`` gives. A text column is tested with Arrow's compute
functions for the cells whose value is certain without Python (plain digits, a valid ISO
date, an allowed code, text without outer spaces or control characters...); those are
converted at once, and every other cell, blank ones in a required column included, goes
to the ``read`` function given, which returns its value or reports it. The test is
conservative: a cell it cannot vouch for costs a Python call, never a different result.
A column whose cells repeat is tested on its distinct cells only (the test is cell by cell,
so the result is the same), and each distinct value is then one object in memory.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from kb.model import Column, Kind

Read = Callable[[Any, int], Any]
"""read(value, row index): the cell's typed value, or None once its problem is reported."""

_EDGE = (r"[\x21-\x7e\x{a1}-\x{167f}\x{1681}-\x{1fff}\x{2010}-\x{2027}\x{2030}-\x{205e}"
         r"\x{2070}-\x{2fff}\x{3001}-\x{d7ff}\x{e000}-\x{10ffff}]")
"""A first or last character that ``str.strip`` keeps: no Unicode space, no control character."""
_INNER = r"[^\x00-\x08\x0b\x0c\x0e-\x1f]"
"""Any character but the control characters ``kb.validate`` refuses (tab and line breaks pass)."""
PATTERNS = {
    Kind.ID: r"^[\x21-\x7e](?:[\x20-\x7e]*[\x21-\x7e])?$",  # ASCII: nothing to normalise
    Kind.TEXT: f"^{_EDGE}(?:{_INNER}*{_EDGE})?$",
    Kind.CODE: r"^[0-9]{4}$",
    Kind.INT: r"^-?[0-9]{1,18}$",  # 18 digits always fit in 64 bits
    Kind.FLOAT: r"^-?(?:[0-9]{1,300}(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]{1,3})?$",
    Kind.DATE: r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$",
}
"""Cells of each kind whose value Arrow reads as Python would (the rest go to ``read``)."""
TRUE = ("true", "yes", "ja", "1", "y", "j", "x", "sant")
FALSE = ("false", "no", "nej", "0", "n", "falskt")


def _sure(column: Column, cells: pa.Array, cell_chars: int) -> tuple[pa.Array, pa.Array]:
    """(mask of the cells whose value is certain, their values as an Arrow array)."""
    sure = pc.less_equal(pc.utf8_length(cells), cell_chars)
    kind = column.kind
    if kind is Kind.ENUM:
        return pc.and_(sure, pc.is_in(cells, pa.array(column.choices))), cells
    if kind is Kind.BOOL:
        lower = pc.utf8_lower(cells)
        sure = pc.and_(sure, pc.and_(pc.string_is_ascii(cells), pc.is_in(lower, pa.array(TRUE + FALSE))))
        return sure, pc.is_in(lower, pa.array(TRUE))
    sure = pc.and_(sure, pc.match_substring_regex(cells, PATTERNS[kind]))
    if kind is Kind.DATE:  # a real day of the calendar, year 1 or later, as date.fromisoformat says
        parsed = pc.strftime(pc.strptime(cells, "%Y-%m-%d", "s", error_is_null=True), "%Y-%m-%d")
        sure = pc.and_(sure, pc.and_(pc.equal(parsed, cells), pc.invert(pc.starts_with(cells, "0000"))))
    if kind not in (Kind.INT, Kind.FLOAT):
        return sure, cells
    sure = pc.fill_null(sure, False)
    numbers = pc.cast(pc.if_else(sure, cells, None), pa.int64() if kind is Kind.INT else pa.float64())
    if kind is Kind.FLOAT:
        sure = pc.and_(sure, pc.is_finite(numbers))
    if column.minimum is not None:
        sure = pc.and_(sure, pc.greater_equal(numbers, column.minimum))
    if column.maximum is not None:
        sure = pc.and_(sure, pc.less_equal(numbers, column.maximum))
    return sure, numbers


def type_column(column: Column, cells: Sequence[Any] | None, count: int, cell_chars: int,
                read: Read) -> list[Any]:
    """The typed values of ``count`` cells of ``column`` (None: no value, or a problem reported
    by ``read``). ``cells`` is None when the table has no such column."""
    if cells is None:
        return [None] * count
    if not isinstance(cells, pa.Array):
        try:
            cells = pa.array(cells, pa.string())
        except (pa.ArrowTypeError, pa.ArrowInvalid, TypeError, OverflowError):  # numbers, dates (Excel, JSON)
            return [read(value, row) for row, value in enumerate(cells)]
    distinct, positions = _distinct(cells)
    sure, values = _sure(column, distinct, cell_chars)
    sure = pc.fill_null(sure, False)
    out = _spread(pc.if_else(sure, values, None).to_pylist(), positions)
    ask = ~sure.to_numpy(zero_copy_only=False)
    if positions is not None:
        ask = np.append(ask, True)[positions]
    if not column.required:  # a blank optional cell is simply absent
        ask &= ~pc.fill_null(pc.equal(cells, ""), True).to_numpy(zero_copy_only=False)
    for row in np.flatnonzero(ask).tolist():
        out[row] = read(cells[row].as_py(), row)
    return out


def _distinct(cells: pa.Array) -> tuple[pa.Array, np.ndarray | None]:
    """(the cells to test, where each cell is among them): a column whose cells repeat (at most
    a quarter distinct) is tested on its distinct cells, the last position (one past them)
    standing for a missing cell; any other column as it is (positions None)."""
    encoded = cells.dictionary_encode()
    distinct = encoded.dictionary
    if len(distinct) * 4 > len(cells):
        return cells, None
    return distinct, encoded.indices.fill_null(len(distinct)).to_numpy(zero_copy_only=False)


def _spread(values: list[Any], positions: np.ndarray | None) -> list[Any]:
    """The value of each cell from the values of the cells tested (``_distinct``), None for a
    missing cell: each distinct value is one object, however often it appears."""
    if positions is None:
        return values
    unique = np.empty(len(values) + 1, dtype=object)
    unique[:len(values)] = values
    return unique[positions].tolist()


def rows_of(names: Sequence[str], columns: Sequence[list[Any]], count: int) -> list[dict[str, Any]]:
    """Rows as dictionaries from typed columns, each holding only the columns it has a value for,
    in column order. Every row starts as a copy of one dictionary of the columns most rows have
    (a copy of a dictionary of the same keys is far cheaper than building one), filled a column
    at a time; those columns are taken out of the rows without a value, and a row with a value
    in a column most rows lack is built again whole."""
    missing = [c.count(None) for c in columns]
    present = [(n, c, m) for n, c, m in zip(names, columns, missing, strict=True) if m != count]
    dense = [(n, c, m) for n, c, m in present if m * 2 < count]
    template = dict.fromkeys(n for n, _, _ in dense)
    rows = [template.copy() for _ in range(count)]
    for name, cells, _ in dense:
        for row, value in zip(rows, cells):
            row[name] = value
    for name, cells, gaps in dense:
        if gaps:
            for row in _where(cells, missing=True).tolist():
                del rows[row][name]
    sparse = [_where(c, missing=False) for _, c, m in present if m * 2 >= count]
    for row in np.unique(np.concatenate(sparse)).tolist() if sparse else ():
        rows[row] = {n: c[row] for n, c, _ in present if c[row] is not None}
    return rows


def _where(cells: list[Any], missing: bool) -> np.ndarray:
    """Positions of the cells that are None (``missing``) or are not."""
    found = np.equal(np.array(cells, dtype=object), None)
    return np.flatnonzero(found if missing else ~found)
