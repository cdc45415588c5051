"""Whole-column typing (``kb.columns``) and the plain-CSV reader: the same values and the same
located messages as reading cell by cell, wherever the bad cells are."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pyarrow as pa
import pytest

from kb.columns import rows_of, type_column
from kb.dataset import InvalidDataset, Problem
from kb.model import LIFECYCLES, Column, Kind
from kb.settings import InputLimits
from kb.validate import CellError, reader_for, validate
from loaders import read_dataset
from loaders.csv_folder import _read_plain, _read_rows, read_csv_table

TRICKY = ["1485", "0180", " 1485", "1485 ", "\u0661\u0664\u0668\u0665", "\uff11\uff14\uff18\uff15", "148",
          "14850", "3", "-3", "+3", "007", "0", "5", "6", "9" * 18, "9" * 19, "9223372036854775807",
          "-9223372036854775808", "1e3", "1.5", ".5", "5.", "-0", "-0.0", "1,5", "1 000", "1_000", "nan",
          "inf", "1e400", "1e-400", "true", "TRUE", "Ja", "sant", "x", "\u0130", "2024-02-29",
          "2023-02-29", "0000-01-01", "0001-01-01", "2026-12-31 00:00:00", "2026-1-01", "2026-12-31",
          "self_assessment", "Self assessment", "external-review", "invest", "text", " padded ", "a\x01b",
          "tab\tinside", "\u200bzero", "\u00c5re", "na\u00efve", "e\u0301", "\u00a0nbsp", "x\u00a0",
          "line\nbreak", "", "   ", "\x1c", "\u3000", "a" * 30, "1990", "2100", "2101", "1989", "12.50",
          "-1", "0.0", "1E5", "\u00e9t\u00e9", "'=1+1", "\x7f"]
COLUMNS = [
    Column("id", Kind.ID, ""), Column("text", Kind.TEXT, ""), Column("code", Kind.CODE, ""),
    Column("n", Kind.INT, ""), Column("maturity", Kind.INT, "", minimum=1, maximum=5),
    Column("year", Kind.INT, "", minimum=1990, maximum=2100), Column("cost", Kind.FLOAT, "", minimum=0),
    Column("x", Kind.FLOAT, ""), Column("b", Kind.BOOL, ""), Column("d", Kind.DATE, ""),
    Column("lifecycle", Kind.ENUM, "", choices=LIFECYCLES),
    Column("method", Kind.ENUM, "", choices=("self_assessment", "external_review"), required=True),
]
CELL_CHARS = 20


def by_cell(column: Column, value: Any) -> Any:
    """What reading the one cell gives: None (blank), ("long",), ("bad", message) or the value."""
    if value is None or not value.strip():
        return None
    if len(value) > CELL_CHARS:
        return ("long",)
    try:
        return reader_for(column)(value)
    except CellError as err:
        return ("bad", str(err))


@pytest.mark.parametrize("column", COLUMNS, ids=lambda c: c.name)
@pytest.mark.parametrize("form", ["arrow", "list", "repeating"])
def test_a_column_is_typed_as_its_cells_are_one_by_one(column: Column, form: str) -> None:
    """"repeating": each cell four times, so that the column is tested on its distinct cells."""
    cells = [*TRICKY, None] if form != "repeating" else [None, *TRICKY * 4]
    given = pa.array(cells, pa.string()) if form == "arrow" else cells
    asked: list[int] = []

    def read(value: Any, row: int) -> Any:
        asked.append(row)
        assert value == cells[row]
        return by_cell(column, value)

    typed = type_column(column, given, len(cells), CELL_CHARS, read)
    expected = [by_cell(column, v) for v in cells]
    assert typed == expected
    assert [type(v) for v in typed] == [type(v) for v in expected]
    assert len(asked) < len(cells)  # some cells are vouched for without Python


@pytest.mark.parametrize("repeat", [1, 4])
def test_a_blank_cell_of_a_required_column_is_asked_about_and_of_an_optional_one_is_not(repeat: int) -> None:
    """Repeated four times, the column is tested on its distinct cells."""
    cells = pa.array(["self_assessment", "", None, "  "] * repeat, pa.string())
    asked: list[int] = []
    optional = Column("m", Kind.ENUM, "", choices=("self_assessment",))
    type_column(optional, cells, len(cells), CELL_CHARS, lambda v, r: asked.append(r))
    assert asked == [3 + 4 * n for n in range(repeat)]  # spaces only: Python's strip decides
    asked.clear()
    required = Column("m", Kind.ENUM, "", choices=("self_assessment",), required=True)
    type_column(required, cells, len(cells), CELL_CHARS, lambda v, r: asked.append(r))
    assert asked == [r + 4 * n for n in range(repeat) for r in (1, 2, 3)]


def test_rows_hold_only_the_columns_they_have_a_value_for_in_column_order() -> None:
    rows = rows_of(["a", "b", "c", "d"], [[1, 2, 3], [None, "x", None], [None, None, None], [4, 5, 6]], 3)
    assert rows == [{"a": 1, "d": 4}, {"a": 2, "b": "x", "d": 5}, {"a": 3, "d": 6}]
    assert [list(r) for r in rows] == [["a", "d"], ["a", "b", "d"], ["a", "d"]]
    assert rows_of(["a"], [[None, None]], 2) == [{}, {}]


# --- located messages through a CSV folder read by Arrow --------------------------------------

BASE = {
    "municipalities.csv": "code,name\n1485,Uddevalla\n1486,Str\u00f6mstad\n",
    "capability_areas.csv": "id,name_sv,name_en\ninfra,Infrastruktur,Infrastructure\n",
    "capabilities.csv": "id,area,name_sv,name_en\nnetwork,infra,N\u00e4tverk,Network\n",
}
HEADER = "municipality,capability,round,method,maturity,target\n"
GOOD_ROW = "1485,network,{round},self_assessment,3,4\n"


def assessments(tmp_path: Path, bad: dict[int, str], rows: int = 8) -> Path:
    """A folder whose assessments.csv has ``rows`` good rows (rounds 2001, 2002, ...), row N
    (the header is row 1) replaced by ``bad[N]``."""
    folder = tmp_path / "csv"
    folder.mkdir()
    for name, text in BASE.items():
        (folder / name).write_text(text, encoding="utf-8")
    lines = [bad.get(n, GOOD_ROW.format(round=2000 + n)) for n in range(2, rows + 2)]
    (folder / "assessments.csv").write_text(HEADER + "".join(lines), encoding="utf-8")
    return folder


def messages(folder: Path) -> list[str]:
    raw = read_dataset(folder)
    assert _read_plain(folder / "assessments.csv", InputLimits()) is not None  # the Arrow path
    with pytest.raises(InvalidDataset) as caught:
        validate(raw)
    return [str(p) for p in caught.value.problems]


def where(folder: Path, row: int, column: str) -> str:
    return f"{folder / 'assessments.csv'}, row {row}, column {column!r}"


MATURITY = "a whole number from 1 to 5"


def test_a_bad_cell_in_the_first_row_is_located(tmp_path: Path) -> None:
    folder = assessments(tmp_path, {2: "1485,network,2002,self_assessment,9,4\n"})
    assert messages(folder) == [f"{where(folder, 2, 'maturity')}: the value is too large (value: '9'); "
                                f"expected {MATURITY}"]


def test_a_bad_cell_in_the_last_row_is_located(tmp_path: Path) -> None:
    folder = assessments(tmp_path, {9: "1485,network,2009,self_assessment,3,high\n"})
    assert messages(folder) == [f"{where(folder, 9, 'target')}: the value is not a whole number "
                                f"(value: 'high'); expected {MATURITY}"]


def test_several_bad_cells_in_one_column_are_each_located(tmp_path: Path) -> None:
    folder = assessments(tmp_path, {3: "1485,network,2003,self_assessment,0,4\n",
                                    5: "1485,network,2005,self_assessment,3.5,4\n",
                                    6: "1485,network,2006,self_assessment,,4\n",
                                    8: "1485,network,2008,self_assessment,\uff13,4\n"})
    assert messages(folder) == [
        f"{where(folder, 3, 'maturity')}: the value is too small (value: '0'); expected {MATURITY}",
        f"{where(folder, 5, 'maturity')}: the value is not a whole number (value: '3.5'); "
        f"expected {MATURITY}",
        f"{where(folder, 6, 'maturity')}: a required value is missing; expected {MATURITY}",
        f"{where(folder, 8, 'maturity')}: the value is not a whole number: it has the digit '\uff13' "
        f"(U+FF13 FULLWIDTH DIGIT THREE), where only 0-9 count (value: '\uff13'); expected {MATURITY}",
    ]


def test_bad_cells_in_many_columns_come_in_row_then_column_order(tmp_path: Path) -> None:
    folder = assessments(tmp_path, {4: "148,network,1800,self-assessment,3,6\n",
                                    7: "1487,storage,2007,guess,3,4\n",
                                    2: "1485,network,2002,self_assessment,3,4\n"}, rows=6)
    year = "a whole number from 1990 to 2100"
    method = "one of self_assessment, external_review"
    code = "a four-digit municipality code such as 1485 that appears in municipalities"
    assert messages(folder) == [
        f"{where(folder, 4, 'municipality')}: the value is not a municipality code (value: '148'); "
        f"expected {code}",
        f"{where(folder, 4, 'round')}: the value is too small (value: '1800'); expected {year}",
        f"{where(folder, 4, 'target')}: the value is too large (value: '6'); expected {MATURITY}",
        f"{where(folder, 7, 'method')}: the value is not one of the allowed values (value: 'guess'); "
        f"expected {method}",
        f"{folder / 'assessments.csv'}, row 7, column 'municipality': refers to a municipalities entry "
        "that does not exist (value: '1487'); expected a key listed in municipalities",
        f"{folder / 'assessments.csv'}, row 7, column 'capability': refers to a capabilities entry "
        "that does not exist (value: 'storage'); expected a key listed in capabilities",
    ]


def test_a_duplicate_key_is_located_at_its_second_row(tmp_path: Path) -> None:
    folder = assessments(tmp_path, {6: GOOD_ROW.format(round=2003)})
    assert messages(folder) == [
        f"{where(folder, 6, 'municipality')}: duplicate key municipality=1485, capability=network, "
        "round=2003, method=self_assessment (first on row 3) (value: '1485'); expected each key once"]


@pytest.mark.parametrize(("text", "plain"), [
    ("a,b\n1,2\n3,4\n", True),
    ("a,b\r\n1,2\r\n3,\r\n", True),  # CRLF, an empty last cell
    ("a;b\n1;'=2\n", True),  # semicolons, a protective quote
    ("\ufeffa,b\n1,2\n", True),  # a byte-order mark
    ("a,b\n1,2\n\n3,4\n", False),  # a blank line: skipped, the next row keeps its number
    ("a,b\n1,2\n ,\n3,4\n", False),  # a line of blank cells: blank too
    ("a,b\n1,2,3\n4\n", False),  # a line longer and one shorter than the header
    ('a,b\n"1,5",2\n', False),  # quotes
    ("a,b\n1\r2,3\n", False),  # a carriage return alone
])
def test_the_plain_reader_reads_what_the_csv_module_reads(tmp_path: Path, text: str, plain: bool) -> None:
    path = tmp_path / "t.csv"
    path.write_bytes(text.encode())
    arrow = _read_plain(path, InputLimits())
    problems: list[Problem] = []
    with open(path, encoding="utf-8-sig", newline="") as handle:
        by_module = _read_rows(path, handle, problems, InputLimits())
    assert by_module is not None
    assert (arrow is not None) == plain
    if arrow is not None:
        assert (arrow.header, list(arrow.numbers)) == (by_module.header, list(by_module.numbers))
        assert arrow.rows == by_module.rows
        assert not problems


@pytest.mark.parametrize("extra", [0, 1])
def test_a_cell_beyond_what_the_csv_module_takes_is_left_to_it(tmp_path: Path, extra: int) -> None:
    """Counted in characters, not bytes: 'é' is two bytes. At the limit the file is plain (Arrow
    reads it); one character more, the csv module reads it and says what is wrong."""
    limits = InputLimits(cell_chars=1000)  # the csv module then takes 65,536 characters a cell
    path = tmp_path / "suppliers.csv"
    path.write_text(f"id,name\ns1,{'é' * (65_536 + extra)}\n", encoding="utf-8")
    problems: list[Problem] = []
    table = read_csv_table(path, problems, limits)
    assert (_read_plain(path, limits) is not None) == (not extra)
    if extra:
        assert table is None
        assert [str(p) for p in problems] == [f"{path}, row 2: the file is not valid CSV: field larger than "
                                              "field limit (65536); expected comma- or semicolon-separated "
                                              "values, a quoted cell closed by a quote, a quote inside one "
                                              'written as ""']
    else:
        assert table is not None and not problems
        assert table.rows[0].cells["name"] == "é" * 65_536
