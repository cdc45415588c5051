"""Filling questionnaires as a person would: values typed into the unlocked cells with openpyxl.

Cells are found by their header text, as a person finds them, never by the reader's code.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import openpyxl


def column_of(ws: Any, header: str) -> int:
    """The column number whose header (row 1) is ``header``."""
    return next(c.column for c in ws[1] if c.value == header)


def row_of(ws: Any, first_cell: str) -> int:
    """The row whose first cell holds ``first_cell`` (an id)."""
    return next(r[0].row for r in ws.iter_rows(min_row=2) if r[0].value == first_cell)


def type_into(path: Path, sheet: str, cells: dict[tuple[str, str], Any]) -> None:
    """Type ``cells`` {(id in column A, header): value} into ``sheet`` and save, as Excel would."""
    wb = openpyxl.load_workbook(path)
    ws = wb[sheet]
    for (key, header), value in cells.items():
        cell = ws.cell(row_of(ws, key), column_of(ws, header))
        assert cell.protection.locked is False, f"{sheet} {key}/{header} is locked"
        cell.value = value
    wb.save(path)


def fill_capabilities(path: Path, answers: dict[str, tuple[int | None, int | None]], round: int) -> None:
    """Type maturity and target of ``round`` for each capability id in ``answers``."""
    cells: dict[tuple[str, str], Any] = {}
    for cap, (maturity, target) in answers.items():
        cells[(cap, f"Mognad {round}")] = maturity
        cells[(cap, f"Mål {round}")] = target
    type_into(path, "Förmågor", cells)


def edit(path: Path, sheet: str, change: Any) -> None:
    """Open the workbook, let ``change(ws)`` do anything to ``sheet`` (even to locked cells), save."""
    wb = openpyxl.load_workbook(path)
    change(wb[sheet])
    wb.save(path)
