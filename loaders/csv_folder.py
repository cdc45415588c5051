"""A dataset as a folder of CSV files, one per table (``municipalities.csv``, ...).

Files are UTF-8 (a byte-order mark is accepted; any other encoding is an error that
says how to save the file); the delimiter may be ``,`` or ``;`` (Swedish Excel saves with ``;``).
Rows are numbered as a spreadsheet does: the header is row 1. Text a spreadsheet would
run as a formula is written with a protective quote, which reading removes (``kb.safe_cells``).
"""

from __future__ import annotations

import csv
import itertools
import os
import shutil
import uuid
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pa_csv

from kb.dataset import Dataset, Problem, RawDataset, RawTable, cell_text
from kb.model import TABLES, Table
from kb.safe_cells import QUOTE, restore, spreadsheet_safe
from kb.settings import InputLimits
from loaders.limits import too_large, too_many_rows

HEADER_CHARS = 1 << 16
"""Most characters the header line is read for when choosing the delimiter."""


def read_csv_table(path: Path, problems: list[Problem], limits: InputLimits | None = None) -> RawTable | None:
    """Read one CSV file; append what is wrong to ``problems``.

    A plain file (``_read_plain``) is read by Arrow's CSV reader, any other by the ``csv``
    module a chunk of rows at a time (``_read_rows``); either way memory holds the cells as
    Arrow text columns and no copy of the file's text. A file beyond ``limits.file_bytes``, a
    table beyond ``limits.rows`` and a cell longer than 16 × ``limits.cell_chars`` are refused
    (``limits`` defaults to ``InputLimits.from_env()``); longer text than ``limits.cell_chars``
    is left to the validation, which names its cell.
    """
    limits = limits or InputLimits.from_env()
    if refused := too_large(str(path), path.stat().st_size, limits):
        problems.append(refused)
        return None
    csv.field_size_limit(max(16 * limits.cell_chars, HEADER_CHARS))
    if (table := _read_plain(path, limits)) is not None:
        return table
    with open(path, encoding="utf-8-sig", newline="") as handle:
        try:
            return _read_rows(path, handle, problems, limits)
        except UnicodeDecodeError as err:  # the decoder reads blocks: place the byte in the file
            byte = handle.buffer.tell() - len(err.object) + err.start
            problems.append(Problem(str(path), f"the file is not UTF-8 (byte {byte:,}); "
                                    "save it as 'CSV UTF-8'", expected="UTF-8 text"))
            return None


PLAIN_BLOCK = 1 << 20
"""Bytes read at a time when looking for what makes a CSV file not plain."""
NOT_PLAIN = (b'"', b"\x00")
"""Bytes after which Arrow's CSV parser and Python's ``csv`` (strict) may read a file differently
(as does a carriage return other than in a CRLF line end)."""


def _read_plain(path: Path, limits: InputLimits) -> RawTable | None:
    """A plain file (no quote or NUL byte, no carriage return but in CRLF; valid UTF-8; more than one column;
    no blank line; cells as many as the header's on every line, none longer than the ``csv``
    module takes; within ``limits.rows``) read by Arrow's CSV reader, in C, to what
    ``_read_rows`` gives; None for any other file, which ``_read_rows`` reads and reports on."""
    lines = 0
    with open(path, "rb") as handle:
        while block := handle.read(PLAIN_BLOCK):
            if block.endswith(b"\r"):
                block += handle.read(1)
            lines += block.count(b"\n")
            if (any(b in block for b in NOT_PLAIN) or block.count(b"\r") != block.count(b"\r\n")
                    or lines > limits.rows):  # too many rows: _read_rows says so, reading no further
                return None
    try:
        with open(path, encoding="utf-8-sig") as handle:
            first_line = handle.readline(HEADER_CHARS).rstrip("\r\n")
    except UnicodeDecodeError:
        return None
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    header = [h.strip() for h in first_line.split(delimiter)]
    if len(header) < 2:
        return None
    names = [f"c{i}" for i in range(len(header))]
    try:  # blocks of the file parsed in parallel, as many at a time as there are cores
        read = pa_csv.read_csv(path, pa_csv.ReadOptions(column_names=names, skip_rows=1),
                               pa_csv.ParseOptions(delimiter=delimiter, quote_char=False,
                                                   ignore_empty_lines=False),
                               pa_csv.ConvertOptions(column_types=dict.fromkeys(names, pa.string()),
                                                     strings_can_be_null=False))
    except (pa.ArrowInvalid, OSError):  # a line of another length, a blank line, not UTF-8...
        return None
    count, columns = read.num_rows, [read.column(n).combine_chunks() for n in names]
    del read  # the blocks as parsed, now copied into the columns
    if _has_blank_row(columns) or _too_long(columns, csv.field_size_limit()):
        return None
    return RawTable(path.stem, str(path), header, range(2, count + 2),
                    {name: _restored(column) for name, column in zip(header, columns, strict=True)})


def _too_long(columns: list[pa.Array], limit: int) -> bool:
    """Whether a cell holds more than ``limit`` characters (counted only when a cell holds more
    bytes than that: none has more characters than bytes)."""
    def longest(measure: Any) -> int:
        return max((pc.max(measure(c)).as_py() or 0 for c in columns), default=0)

    return longest(pc.binary_length) > limit and longest(pc.utf8_length) > limit


def _has_blank_row(columns: list[pa.Array]) -> bool:
    """True when a row's cells are all spaces (a blank line to ``_read_rows``, which skips it)."""
    maybe = pc.invert(pc.match_substring_regex(columns[0], r"[\x21-\x7e]"))
    rows = np.flatnonzero(maybe.to_numpy(zero_copy_only=False)).tolist()
    return any(not "".join(c[row].as_py() for c in columns).strip() for row in rows)


CHUNK_ROWS = 65_536
"""Rows read at a time before their cells are packed into columns (bounds the Python objects held)."""


def _read_rows(path: Path, handle: Any, problems: list[Problem], limits: InputLimits) -> RawTable | None:
    first_line = handle.readline(HEADER_CHARS)
    handle.seek(0)
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    reader = csv.reader(handle, delimiter=delimiter, strict=True)
    try:
        header = [h.strip() for h in next(reader, [])]
        table = _Columns(header)
        number = 2
        while chunk := list(itertools.islice(reader, CHUNK_ROWS)):
            if not table.add(path, chunk, number, problems, limits):
                return None
            number += len(chunk)
    except csv.Error as err:
        problems.append(Problem(str(path), f"the file is not valid CSV: {err}",
                                row=reader.line_num, expected="comma- or semicolon-separated values, "
                                'a quoted cell closed by a quote, a quote inside one written as ""'))
        return None
    if not table.numbers and not any(header):
        problems.append(Problem(str(path), "the file is empty", expected="a header row"))
        return None
    return RawTable(path.stem, str(path), header, table.numbers, table.columns())


class _Columns:
    """The cells of a CSV file gathered by column, a chunk of records at a time, as Arrow text arrays."""

    def __init__(self, header: list[str]):
        self.header = header
        self.numbers: list[int] = []
        self.chunks: list[list[pa.Array]] = []

    def add(self, path: Path, records: list[list[str]], first: int, problems: list[Problem],
            limits: InputLimits) -> bool:
        """Add the records numbered from ``first``: blank ones are skipped, a record with more
        cells than the header is reported, one with fewer has no cells beyond its last. False
        (and a problem) when the table grows beyond ``limits.rows``."""
        width, kept, numbers = len(self.header), [], []
        for number, record in enumerate(records, start=first):
            if len(record) == width and record[0].strip():
                kept.append(record)
            elif "".join(record).strip():
                if len(record) > width:
                    problems.append(Problem(str(path), f"the row has {len(record)} cells but the header "
                                            f"has {width}", row=number,
                                            expected=f"{width} cells, as in the header"))
                kept.append((record + [None] * width)[:width])
            else:
                continue  # blank lines are allowed
            numbers.append(number)
            if len(self.numbers) + len(numbers) > limits.rows:
                problems.append(too_many_rows(str(path), limits.rows + 1, limits))
                return False
        self.numbers += numbers
        cells = zip(*kept) if kept else ([] for _ in self.header)
        self.chunks.append([_restored(pa.array(column, pa.string())) for column in cells])
        return True

    def columns(self) -> dict[str, pa.Array]:
        """Each header name's cells (a later column of the same name wins, as in a dict of the row)."""
        return {name: pa.concat_arrays([pa.array([], pa.string()), *(chunk[i] for chunk in self.chunks)])
                for i, name in enumerate(self.header)}


def _restored(cells: pa.Array) -> pa.Array:
    """``cells`` with the protective quote of ``kb.safe_cells`` removed where there is one."""
    quoted = pc.starts_with(cells, QUOTE)
    if not pc.any(quoted).as_py():
        return cells
    return pa.array([restore(cell) for cell in cells.to_pylist()], pa.string())


def read_csv_folder(folder: Path, limits: InputLimits | None = None) -> RawDataset:
    """Read every ``*.csv`` file in ``folder`` as a table named after the file (``limits``: see
    ``read_csv_table``)."""
    limits = limits or InputLimits.from_env()
    raw = RawDataset(str(folder))
    files = sorted(folder.glob("*.csv"))
    if not files:
        raw.problems.append(Problem(str(folder), "no CSV files in the folder",
                                    expected="files such as municipalities.csv and capabilities.csv"))
    for path in files:
        table = read_csv_table(path, raw.problems, limits)
        if table is not None:
            raw.tables[table.name] = table
    return raw


def _cell(value: Any) -> str:
    return spreadsheet_safe(value) if isinstance(value, str) else cell_text(value)


OWNED = frozenset(f"{table.name}.csv" for table in TABLES)
"""The files a CSV export writes: one per table of the model, and nothing else."""


def write_csv_folder(dataset: Dataset, folder: Path) -> list[Path]:
    """Write ``dataset`` as one CSV file per non-empty table into ``folder``; return the files.

    ``folder`` then holds exactly those files: they are written into a new folder beside it,
    which takes its place, so a table's file from an earlier export that this dataset has
    no rows for is gone (it would load again) and a failure midway leaves the old folder as
    it was. A folder holding anything but table files is refused (``FileExistsError``),
    so nothing the export did not write is ever removed.
    """
    folder = Path(folder)
    if folder.exists():
        foreign = sorted(p.name for p in folder.iterdir() if p.name not in OWNED or not p.is_file())
        if foreign:
            shown = ", ".join(foreign[:5]) + (", ..." if len(foreign) > 5 else "")
            raise FileExistsError(f"{folder} holds files that are not tables of an export ({shown}); "
                                  "export into a new or empty folder, or one that an export wrote")
    folder.parent.mkdir(parents=True, exist_ok=True)
    fresh = folder.parent / f".{folder.name}.export-{uuid.uuid4().hex[:8]}"
    fresh.mkdir()
    try:
        names = [_write_table(fresh, table, dataset.tables.get(table.name, [])) for table in TABLES]
        if folder.exists():
            old = folder.parent / f".{folder.name}.old-{uuid.uuid4().hex[:8]}"
            os.replace(folder, old)
            os.replace(fresh, folder)
            shutil.rmtree(old)
        else:
            os.replace(fresh, folder)
    finally:
        if fresh.exists():
            shutil.rmtree(fresh)
    return [folder / name for name in names if name]


def _write_table(folder: Path, table: Table, rows: list[dict[str, Any]]) -> str:
    """Write ``rows`` as ``folder/<table>.csv``; return the file's name ('' for no rows, no file)."""
    if not rows:
        return ""
    with open(folder / f"{table.name}.csv", "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(table.column_names)
        for row in rows:
            writer.writerow([_cell(row.get(c)) for c in table.column_names])
    return f"{table.name}.csv"
