"""Cells typed a whole column at a time: the vectorised half of ``kb.validate``.

Contract: ``type_column`` gives exactly what reading every cell with
``kb.validate.reader_for(column)`` gives. A text column is tested with Arrow's compute
functions for the cells whose value is certain without Python (plain digits, a valid ISO
date, an allowed code, text without outer spaces or control characters...); those are
converted at once, and every other cell, blank ones in a required column included, goes
to the ``read`` function given, which returns its value or reports it. The test is
conservative: a cell it cannot vouch for costs a Python call, never a different result.
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
    sure, values = _sure(column, cells, cell_chars)
    sure = pc.fill_null(sure, False)
    out = python_values(pc.if_else(sure, values, None))
    ask = pc.invert(sure)
    if not column.required:  # a blank optional cell is simply absent
        ask = pc.and_(ask, pc.invert(pc.fill_null(pc.equal(cells, ""), True)))
    for row in np.flatnonzero(ask.to_numpy(zero_copy_only=False)).tolist():
        out[row] = read(cells[row].as_py(), row)
    return out


def python_values(values: pa.Array) -> list[Any]:
    """``values.to_pylist()``, with text and whole numbers that repeat held once in memory."""
    if not (pa.types.is_string(values.type) or pa.types.is_integer(values.type)):
        return values.to_pylist()
    encoded = values.dictionary_encode()
    distinct = len(encoded.dictionary)
    if distinct * 4 > len(values):
        return values.to_pylist()
    unique = np.empty(distinct + 1, dtype=object)
    unique[:distinct] = encoded.dictionary.to_pylist()
    return unique[encoded.indices.fill_null(distinct).to_numpy(zero_copy_only=False)].tolist()


def rows_of(names: Sequence[str], columns: Sequence[list[Any]], count: int) -> list[dict[str, Any]]:
    """Rows as dictionaries from typed columns, each holding only the columns it has a value for,
    in column order. The columns most rows have are zipped into every row and taken out of the
    rows without a value; a row with a value in a column most rows lack is built again whole."""
    present = [(n, c) for n, c in zip(names, columns, strict=True) if c.count(None) != count]
    dense = [(n, c) for n, c in present if c.count(None) * 2 < count]
    if dense:
        rows = [dict(zip([n for n, _ in dense], row)) for row in zip(*(c for _, c in dense))]
    else:
        rows = [{} for _ in range(count)]
    for name, cells in dense:
        if None in cells:
            for row in _where(cells, missing=True).tolist():
                del rows[row][name]
    sparse = [_where(c, missing=False) for n, c in present if c.count(None) * 2 >= count]
    for row in np.unique(np.concatenate(sparse)).tolist() if sparse else ():
        rows[row] = {n: c[row] for n, c in present if c[row] is not None}
    return rows


def _where(cells: list[Any], missing: bool) -> np.ndarray:
    """Positions of the cells that are None (``missing``) or are not."""
    found = np.equal(np.array(cells, dtype=object), None)
    return np.flatnonzero(found if missing else ~found)
