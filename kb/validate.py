"""Check a raw dataset against the model and type its cells.

Contract: ``validate(raw)`` returns a ``Dataset`` only when nothing is wrong;
otherwise it raises ``InvalidDataset`` with every problem found (header, cell, key,
reference and cycle checks all run, so one pass reports everything).
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Callable, Sequence
from datetime import date, datetime
from typing import Any

from kb.columns import rows_of, type_column
from kb.dataset import Dataset, InvalidDataset, Problem, RawDataset, RawTable
from kb.model import TABLES, TABLES_BY_NAME, Column, Kind, Table
from kb.scenario_rules import check_arrangements
from kb.settings import InputLimits

_TRUE = {"true", "yes", "ja", "1", "y", "j", "x", "sant"}
_FALSE = {"false", "no", "nej", "0", "n", "falskt"}
_CODE = re.compile(r"[0-9]{4}")
_DATE = re.compile(r"([0-9]{4}-[0-9]{2}-[0-9]{2})(?:[T ]00:00(?::00)?)?")
_WHOLE = re.compile(r"[+-]?[0-9]+")
"""Digits are ASCII 0-9 wherever the schema says digits: ``\\d`` would also take ``١٤٨٥`` and
``１４８５``, which look like 1485 but are other keys."""
_NUMBER_SPACES = re.compile(r"[\s\u00a0\u202f]")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
"""Control characters other than tab and line breaks: no spreadsheet or graph keeps them intact."""
INT_LIMIT = 2**63
"""Whole numbers must lie within ±INT_LIMIT (exclusive): the engine stores 64-bit integers."""


class CellError(ValueError):
    """A cell that cannot be read as its column's kind."""


def _is_blank(value: Any) -> bool:
    """None or text of spaces only; NaN is not blank but a value no column accepts."""
    return value is None or (isinstance(value, str) and value.strip() == "")


def _not_digits(text: str, what: str) -> CellError:
    """The error for ``text`` that is not ``what``, naming a digit other than 0-9 if it holds one."""
    foreign = next((c for c in text if c.isdigit() and not c.isascii()), None)
    if foreign is None:
        return CellError(f"is not {what}")
    name = unicodedata.name(foreign, "a digit")
    return CellError(f"is not {what}: it has the digit {foreign!r} (U+{ord(foreign):04X} {name}), "
                     "where only 0-9 count")


def _text_of(value: Any) -> str:
    """Any non-text scalar as text (Excel and YAML give numbers and dates)."""
    if isinstance(value, bool):
        raise CellError("is a true/false value, not text")
    if isinstance(value, float) and not math.isfinite(value):
        raise CellError("is not a finite number (NaN or infinity), not text")
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, (datetime, date)):
        return value.isoformat()[:10]
    if isinstance(value, (dict, list)):
        raise CellError("is a nested structure, not a single value")
    return str(value).strip()


def _as_text(value: Any) -> str:
    text = value.strip() if type(value) is str else _text_of(value)
    if control := _CONTROL.search(text):
        raise CellError(f"contains a control character (U+{ord(control.group()):04X})")
    return text


def _as_id(value: Any) -> str:
    """An identifier: text in Unicode's composed form (NFC), without invisible characters, so
    two keys that look the same are the same key."""
    text = _as_text(value)
    if text.isascii():  # the common case: ASCII has no invisible or decomposed characters
        return text
    if invisible := next((c for c in text if unicodedata.category(c) == "Cf"), None):
        raise CellError(f"contains an invisible character (U+{ord(invisible):04X} "
                        f"{unicodedata.name(invisible, 'format character')}); an identifier is "
                        "written in visible characters only")
    return unicodedata.normalize("NFC", text)


def _as_int(value: Any) -> int:
    try:
        number = _parse_int(value)
    except CellError:
        raise
    except ValueError:  # "+-5", or more digits than Python converts
        raise CellError("is not a whole number") from None
    if not -INT_LIMIT < number < INT_LIMIT:
        raise CellError("is too large a number to store")
    return number


def _parse_int(value: Any) -> int:
    if type(value) is str and value.isascii() and value.strip().lstrip("+-").isdigit():
        return int(value)
    if isinstance(value, bool):
        raise CellError("is a true/false value, not a whole number")
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        if value.is_integer():
            return int(value)
        raise CellError("is not a whole number" if math.isfinite(value)
                        else "is not a finite number (NaN or infinity)")
    text = _NUMBER_SPACES.sub("", _as_text(value))
    if not _WHOLE.fullmatch(text):
        raise _not_digits(text, "a whole number")
    return int(text)


def _as_float(value: Any) -> float:
    if isinstance(value, bool):
        raise CellError("is a true/false value, not a number")
    if isinstance(value, (int, float)):
        number = float(value) if abs(value) < 1e308 else math.inf
    else:
        text = _NUMBER_SPACES.sub("", _as_text(value)).replace(",", ".")
        if "_" in text or not text.isascii():  # float() takes 1_000 and every script's digits
            raise _not_digits(text, "a number")
        try:
            number = float(text)
        except ValueError:
            raise CellError("is not a number") from None
    if not math.isfinite(number):
        raise CellError("is not a finite number")
    return number


def _as_bool(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    text = _as_text(value).lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise CellError("is not true or false")


def _as_date(value: Any) -> str:
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        raise CellError("is a number, not a date (in Excel, format the cell as a date)")
    text = _as_text(value)
    match = _DATE.fullmatch(text)
    try:
        return date.fromisoformat(match.group(1)).isoformat() if match else _not_a_date(text)
    except ValueError:
        return _not_a_date(text)


def _not_a_date(text: str) -> str:
    raise _not_digits(text, "a date")


def _as_code(value: Any) -> str:
    if type(value) is str and len(value) == 4 and value.isascii() and value.isdigit():
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if 0 <= value <= 9999 and float(value).is_integer():
            return f"{int(value):04d}"
        raise CellError("is not a municipality code")
    text = _as_text(value)
    if not _CODE.fullmatch(text):
        raise _not_digits(text, "a municipality code")
    return text


_READERS: dict[Kind, Callable[[Any], Any]] = {
    Kind.ID: _as_id,
    Kind.TEXT: _as_text,
    Kind.CODE: _as_code,
    Kind.INT: _as_int,
    Kind.FLOAT: _as_float,
    Kind.BOOL: _as_bool,
    Kind.DATE: _as_date,
}


def _enum_reader(choices: tuple[str, ...]) -> Callable[[Any], str]:
    allowed = frozenset(choices)

    def read(value: Any) -> str:
        if type(value) is str and value in allowed:
            return value
        text = _as_text(value).lower().replace(" ", "_").replace("-", "_")
        if text not in allowed:
            raise CellError("is not one of the allowed values")
        return text

    return read


def reader_for(column: Column) -> Callable[[Any], Any]:
    """A function that reads one non-blank cell of ``column`` or raises ``CellError``."""
    base = _enum_reader(column.choices) if column.kind is Kind.ENUM else _READERS[column.kind]
    low, high = column.minimum, column.maximum
    if low is None and high is None:
        return base

    def bounded(value: Any) -> Any:
        result = base(value)
        if low is not None and result < low:
            raise CellError("is too small")
        if high is not None and result > high:
            raise CellError("is too large")
        return result

    return bounded


def coerce(column: Column, value: Any) -> Any:
    """Read one non-blank cell as ``column`` says; raise ``CellError`` when it can't be."""
    return reader_for(column)(value)


def _look_alike(name: str, table: Table) -> str:
    """': it looks like 'code' but ...' when ``name`` is a column of ``table`` written with other
    characters (full-width letters, invisible ones, other case); else ''."""
    plain = "".join(c for c in unicodedata.normalize("NFKC", name) if unicodedata.category(c) != "Cf")
    match = next((c for c in table.column_names if c == plain.strip().casefold()), None)
    if match is None:
        return ""
    odd = next((c for c in name if not c.isascii()), None)
    detail = (f"has U+{ord(odd):04X} {unicodedata.name(odd, 'a character')}" if odd
              else "differs in case or spaces")
    return f": it looks like '{match}' but {detail}"


def _check_header(raw: RawTable, table: Table) -> list[Problem]:
    problems = []
    known = set(table.column_names)
    seen: set[str] = set()
    for name in raw.header:
        if name in seen:
            problems.append(Problem(raw.origin, "the column appears twice", row=1, column=name,
                                    expected="each column once"))
        seen.add(name)
        if name not in known:
            problems.append(Problem(raw.origin, "unknown column" + _look_alike(name, table), row=1,
                                    column=name, expected="one of " + ", ".join(table.column_names)))
    for column in table.columns:  # a table without rows (JSON's "systems": []) needs no columns
        if column.required and column.name not in seen and len(raw):
            problems.append(Problem(raw.origin, "a required column is missing", row=1,
                                    column=column.name, expected=column.expected()))
    return problems


def _type_rows(raw: RawTable, table: Table,
               cell_chars: int) -> tuple[dict[str, list[Any]], Sequence[int], list[Problem]]:
    """Type every cell; return the typed columns (None where a row has no value), the rows'
    source numbers and the problems.

    Column by column (``kb.columns.type_column``): the cells a vectorised test finds valid are
    converted at once, every other cell goes through ``_read_cell``, which gives the located
    message. Problems come in row order, then column order, as a person reads the file.
    """
    located: list[tuple[int, int, Problem]] = []
    columns: dict[str, list[Any]] = {}
    for index, column in enumerate(table.columns):
        def read(value: Any, row: int, column: Column = column, index: int = index) -> Any:
            return _read_cell(raw, column, value, row, index, cell_chars, located)

        columns[column.name] = type_column(column, raw.columns.get(column.name), len(raw), cell_chars, read)
    located.sort(key=lambda item: item[:2])
    return columns, raw.numbers, [p for _, _, p in located]


MISSING = None
"""A cell without a value in the typed columns (no column's reader ever gives None)."""


def _read_cell(raw: RawTable, column: Column, value: Any, row: int, index: int, cell_chars: int,
               located: list[tuple[int, int, Problem]]) -> Any:
    """One cell read as ``column`` says, or MISSING with its problem added to ``located``
    (as (row index, column index, problem)): a required value missing, text too long, a
    value its column does not accept."""
    number = raw.numbers[row]
    problem = None
    if (not value.strip()) if type(value) is str else _is_blank(value):
        if column.required and column.name in raw.header:
            problem = Problem(raw.origin, "a required value is missing", row=number,
                              column=column.name, expected=column.expected())
    elif type(value) is str and len(value) > cell_chars:
        problem = Problem(raw.origin, f"the value is {len(value):,} characters long, "
                          f"more than {cell_chars:,} (KB_MAX_CELL_CHARS)", row=number,
                          column=column.name, value=value, expected=column.expected())
    else:
        try:
            return reader_for(column)(value)
        except CellError as err:
            problem = Problem(raw.origin, f"the value {err}", row=number, column=column.name,
                              value=value, expected=column.expected())
    if problem is not None:
        located.append((row, index, problem))
    return MISSING


def _check_keys(origin: str, table: Table, columns: dict[str, list[Any]],
                numbers: Sequence[int]) -> list[Problem]:
    keys = list(zip(*[columns[k] for k in table.key]))
    if len(set(keys)) == len(keys):  # the usual case: no key twice
        return []
    problems = []
    first_seen: dict[tuple, int] = {}
    for key, number in zip(keys, numbers):
        if None in key:
            continue
        if key in first_seen:
            shown = ", ".join(f"{k}={v}" for k, v in zip(table.key, key))
            problems.append(Problem(origin, f"duplicate key {shown} (first on row {first_seen[key]})",
                                    row=number, column=table.key[0], value=key[0],
                                    expected="each key once"))
        else:
            first_seen[key] = number
    return problems


def _referred(table: Table) -> list[str]:
    """The columns of ``table`` that ``_check_references`` reads: its first key column and
    every column that refers to another table."""
    return list(dict.fromkeys([table.key[0], *(c.name for c in table.columns if c.references)]))


def _check_references(columns: dict[str, dict[str, list[Any]]], origins: dict[str, str],
                      numbers: dict[str, Sequence[int]]) -> list[Problem]:
    """Every value of a column that refers to another table is a key of that table (typed
    columns by table; a table not read has none)."""
    keys = {t.name: set(columns.get(t.name, {}).get(t.key[0], ()))
            for t in TABLES if t.is_node and len(t.key) == 1}
    problems = []
    for table in TABLES:
        for column in table.columns:
            if not column.references or table.name not in columns:
                continue
            known, values = keys[column.references], columns[table.name][column.name]
            if not set(values) - known - {None}:
                continue  # every value refers to a key that exists
            for value, number in zip(values, numbers[table.name]):
                if value is not None and value not in known:
                    problems.append(Problem(origins[table.name],
                                            f"refers to a {column.references} entry that does not exist",
                                            row=number, column=column.name, value=value,
                                            expected=f"a key listed in {column.references}"))
    return problems


def find_cycle(edges: list[tuple[str, str]]) -> list[str] | None:
    """Return one cycle of the directed graph ``edges`` as a list of nodes, or None.

    Depth first from each node in the order the edges first name it, along a node's edges in
    their order; the first edge back to a node on the path closes the cycle, which is returned
    from that node back to it: the cycle ``networkx.find_cycle`` gives (networkx is not used
    here because it takes longer to import than a large load takes to check every key).
    """
    successors: dict[str, list[str]] = {}
    for tail, head in edges:
        successors.setdefault(tail, []).append(head)
        successors.setdefault(head, [])
    finished: set[str] = set()
    for start in successors:
        if start in finished:
            continue
        path, on_path, ahead = [start], {start}, [iter(successors[start])]
        while path:
            head = next(ahead[-1], None)
            if head is None:  # every edge of the path's last node followed
                on_path.remove(path[-1])
                finished.add(path.pop())
                ahead.pop()
            elif head in on_path:
                return [*path[path.index(head):], head]
            elif head not in finished:
                path.append(head)
                on_path.add(head)
                ahead.append(iter(successors[head]))
    return None


def _check_dependencies(tables: dict[str, list[dict]], origin: str) -> list[Problem]:
    edges = [(r["capability"], r["depends_on"]) for r in tables["capability_dependencies"]
             if "capability" in r and "depends_on" in r]
    cycle = find_cycle(edges)
    if cycle is None:
        return []
    return [Problem(origin, "capability dependencies form a cycle: " + " -> ".join(cycle),
                    expected="dependencies without cycles (a capability cannot depend on itself, "
                             "even through others)")]


def validate(raw: RawDataset, limits: InputLimits | None = None) -> Dataset:
    """Check ``raw`` against the model; return the typed dataset or raise ``InvalidDataset``.

    ``limits`` (default: ``InputLimits.from_env()``) gives the longest text a cell may hold.
    """
    cell_chars = (limits or InputLimits.from_env()).cell_chars
    problems = list(raw.problems)
    tables: dict[str, list[dict]] = {t.name: [] for t in TABLES}
    typed: dict[str, dict[str, list[Any]]] = {}
    numbers: dict[str, Sequence[int]] = {t.name: [] for t in TABLES}
    origins: dict[str, str] = {t.name: f"{raw.origin} ({t.name})" for t in TABLES}
    for name, raw_table in raw.tables.items():
        table = TABLES_BY_NAME.get(name)
        if table is None:
            problems.append(Problem(raw_table.origin, f"unknown table '{name}'",
                                    expected="one of " + ", ".join(TABLES_BY_NAME)))
            continue
        origins[name] = raw_table.origin
        problems += _check_header(raw_table, table)
        typed[name], numbers[name], cell_problems = _type_rows(raw_table, table, cell_chars)
        problems += cell_problems
        problems += _check_keys(raw_table.origin, table, typed[name], numbers[name])
        tables[name] = rows_of(table.column_names, list(typed[name].values()), len(raw_table))
        typed[name] = {c: typed[name][c] for c in _referred(table)}  # all the references check needs
    for table in TABLES:
        if table.required and not tables[table.name]:
            problems.append(Problem(origins[table.name], f"the table '{table.name}' is missing or empty",
                                    expected=f"at least one row of {table.name}"))
    if len(tables["dataset"]) > 1:
        problems.append(Problem(origins["dataset"], "more than one row", row=3,
                                expected="exactly one row describing the dataset"))
    problems += _check_references(typed, origins, numbers)
    problems += _check_dependencies(tables, origins["capability_dependencies"])
    problems += check_arrangements(tables, origins, numbers)
    if problems:
        raise InvalidDataset(problems)
    return Dataset(raw.origin, tables)
