"""A dataset as a folder of CSV files, one per table (``municipalities.csv``, ...).

Files are UTF-8 (a byte-order mark is accepted; any other encoding is an error that
says how to save the file); the delimiter may be ``,`` or ``;`` (Swedish Excel saves with ``;``).
Rows are numbered as a spreadsheet does: the header is row 1. Text a spreadsheet would
run as a formula is written with a protective quote, which reading removes (``kb.safe_cells``).
"""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

from kb.dataset import Dataset, Problem, RawDataset, RawRow, RawTable
from kb.model import TABLES
from kb.safe_cells import restore, spreadsheet_safe

csv.field_size_limit(10_000_000)


def _decode(path: Path, problems: list[Problem]) -> str | None:
    data = path.read_bytes()
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        problems.append(Problem(str(path), f"the file is not UTF-8 (byte {err.start}); "
                                "save it as 'CSV UTF-8'", expected="UTF-8 text"))
        return None


def read_csv_table(path: Path, problems: list[Problem]) -> RawTable | None:
    """Read one CSV file; append what is wrong to ``problems``."""
    text = _decode(path, problems)
    if text is None:
        return None
    if not text.strip():
        problems.append(Problem(str(path), "the file is empty", expected="a header row"))
        return None
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        records = list(reader)
    except csv.Error as err:
        problems.append(Problem(str(path), f"the file is not valid CSV: {err}",
                                row=reader.line_num, expected="comma- or semicolon-separated values, "
                                'a quoted cell closed by a quote, a quote inside one written as ""'))
        return None
    header = [h.strip() for h in records[0]]
    rows = []
    for number, record in enumerate(records[1:], start=2):
        joined = "".join(record)
        if not joined.strip():
            continue  # blank lines are allowed
        if len(record) > len(header):
            problems.append(Problem(str(path), f"the row has {len(record)} cells but the header "
                                    f"has {len(header)}", row=number,
                                    expected=f"{len(header)} cells, as in the header"))
        cells: dict[str, Any] = dict(zip(header, record))
        if "'" in joined:  # maybe a spreadsheet's protective quote (kb.safe_cells)
            cells = {name: restore(cell) for name, cell in cells.items()}
        rows.append(RawRow(number, cells))
    return RawTable(path.stem, str(path), header, rows)


def read_csv_folder(folder: Path) -> RawDataset:
    """Read every ``*.csv`` file in ``folder`` as a table named after the file."""
    raw = RawDataset(str(folder))
    files = sorted(folder.glob("*.csv"))
    if not files:
        raw.problems.append(Problem(str(folder), "no CSV files in the folder",
                                    expected="files such as municipalities.csv and capabilities.csv"))
    for path in files:
        table = read_csv_table(path, raw.problems)
        if table is not None:
            raw.tables[table.name] = table
    return raw


def _cell(value: Any) -> str:
    if isinstance(value, str):
        return spreadsheet_safe(value)
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def write_csv_folder(dataset: Dataset, folder: Path) -> list[Path]:
    """Write ``dataset`` as one CSV file per non-empty table; return the files written."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for table in TABLES:
        rows = dataset.tables.get(table.name, [])
        if not rows:
            continue
        path = folder / f"{table.name}.csv"
        with open(path, "w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(table.column_names)
            for row in rows:
                writer.writerow([_cell(row.get(c)) for c in table.column_names])
        written.append(path)
    return written
