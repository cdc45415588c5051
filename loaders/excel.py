"""A dataset as one Excel workbook, one sheet per table; and the data-collection template.

Reading: each sheet named after a table (``systems``, ...) is that table; its header is
row 1 and rows keep the numbers Excel shows. Blank rows and empty sheets are skipped;
sheets whose name starts with ``_`` or is ``README``/``Instruktioner`` are notes, not data.
Formulas give their cached value; a formula Excel never calculated is an error, and so
are merged cells (only the first cell of a merged range holds the value). Text a spreadsheet
would run as a formula is written with a protective quote, which reading removes
(``kb.safe_cells``).

Writing (``write_workbook``): the same layout, plus, for the template, an instructions
sheet in Swedish and English, header comments, drop-down lists and number checks, and a
hidden ``_lists`` sheet of municipality codes. ``write_workbook(Dataset.empty(), path)``
is the empty template shipped as ``data/template.xlsx``.
"""

from __future__ import annotations

import posixpath
import re
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Iterator
from datetime import date
from itertools import repeat
from pathlib import Path
from typing import Any

from openpyxl import Workbook, load_workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.comments import Comment
from openpyxl.styles import Font
from openpyxl.utils import column_index_from_string, get_column_letter, quote_sheetname
from openpyxl.utils.exceptions import InvalidFileException
from openpyxl.worksheet.datavalidation import DataValidation

from kb.catalogue import FYRBODAL
from kb.dataset import Dataset, Problem, RawDataset, RawRow, RawTable, shorten
from kb.model import MATURITY_LEVELS, TABLES, TABLES_BY_NAME, Column, Kind, Table
from kb.safe_cells import restore, spreadsheet_safe
from kb.settings import InputLimits
from loaders.limits import archive_problems, too_large, too_many_rows

NOTE_SHEETS = {"readme", "instruktioner", "instructions"}
"""Sheet names (lower case) that hold instructions, never data; so do names starting with '_'."""

README_SHEET = "README"
LISTS_SHEET = "_lists"
TEMPLATE_ROWS = 2000
"""Rows below the header that the template's drop-downs and checks cover (at least)."""


_EXCEL_ERRORS = {"#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A", "#SPILL!", "#CALC!"}
_FORMULA_TAG = re.compile(rb"<(?:\w+:)?f[\s>/]")
_MERGE_TAG = re.compile(rb'<(?:\w+:)?mergeCell\s+ref="([A-Z]+)(\d+)(?::([A-Z]+\d+))?"')
_TEXT_KINDS = {Kind.ID, Kind.CODE, Kind.TEXT, Kind.ENUM, Kind.BOOL}
_BOLD = Font(bold=True)


def is_note_sheet(name: str) -> bool:
    """True for a sheet of instructions or lists that the loader ignores."""
    return name.startswith("_") or name.strip().lower() in NOTE_SHEETS


# --- reading -------------------------------------------------------------------------------

def read_workbook(path: Path, limits: InputLimits | None = None) -> RawDataset:
    """Read every table sheet of the workbook at ``path``; problems met are in the result.

    The archive is judged first (``loaders.limits.archive_problems``: size, members, ratio,
    encryption, compression method) and nothing is expanded when it fails; a sheet of more
    than ``limits.rows`` rows is refused. ``limits`` defaults to ``InputLimits.from_env()``.
    Whatever else goes wrong inside the file (a part that is not XML, a truncated archive,
    ...) is one problem naming the sheet being read, never an exception: openpyxl and the XML
    parser raise many types on malformed input, and the error must not outlive this function
    (on Python 3.12.1 an XML ParseError kept until exit crashes the interpreter, CPython
    gh-111784, fixed in 3.12.2).
    """
    path = Path(path)
    limits = limits or InputLimits.from_env()
    raw = RawDataset(str(path))
    if refused := too_large(str(path), path.stat().st_size, limits):
        raw.problems.append(refused)
        return raw
    where = str(path)
    try:
        with zipfile.ZipFile(path) as archive:
            refused = archive_problems(archive, str(path), limits)
        if refused:
            raw.problems += refused
            return raw
        has_formulas, merged = _scan(path)
        values = load_workbook(path, read_only=True, data_only=True)
        formulas = load_workbook(path, read_only=True, data_only=False) if has_formulas else None
        try:
            for name in values.sheetnames:
                if not is_note_sheet(name):
                    where = f"{path}, sheet '{name}'"
                    table = _read_sheet(where, name, values[name], formulas[name] if formulas else None,
                                        raw.problems, limits)
                    if table is not None:
                        raw.tables[name] = table
                        ranges = merged.get(name, [])
                        raw.problems += _merge_problems(where, table, ranges)
        finally:
            values.close()
            if formulas:
                formulas.close()
    except Exception as err:  # any parser's error on a malformed file is a problem with the file
        raw.problems.append(Problem(where, "the file cannot be read as an Excel workbook "
                                    f"({_reason(path, err)})",
                                    expected="an .xlsx workbook saved by Excel or LibreOffice"))
        raw.tables.clear()
    return raw


def _reason(path: Path, err: Exception) -> str:
    """What went wrong, in words, without a file path (the message names the file already)."""
    if isinstance(err, zipfile.BadZipFile | InvalidFileException):
        reason = "it is not a complete zip archive, which an .xlsx file is"
    elif isinstance(err, ET.ParseError):
        reason = f"its part {_broken_part(path)} is not well-formed XML: {err}"
    else:
        reason = f"{type(err).__name__}: {err}"
    return shorten(reason, 200)


def _broken_part(path: Path) -> str:
    """The name of the first XML part of the archive that does not parse (read in chunks)."""
    with zipfile.ZipFile(path) as archive:
        for name in archive.namelist():
            if name.endswith((".xml", ".rels")):
                parser = ET.XMLPullParser()
                try:
                    with archive.open(name) as part:
                        while chunk := part.read(1 << 20):
                            parser.feed(chunk)
                    parser.close()
                except ET.ParseError:
                    return repr(name)
    return "(unknown)"


def _local(name: str) -> str:
    """An XML tag or attribute name without its namespace."""
    return name.rsplit("}", 1)[-1]


def _sheet_parts(archive: zipfile.ZipFile) -> dict[str, str]:
    """Each sheet's name -> its part in the archive, from the workbook's sheet list and its
    relationships (as any OOXML reader finds them; namespaces ignored, so strict files work too)."""
    targets = {}
    with archive.open("xl/_rels/workbook.xml.rels") as rels:
        for element in ET.parse(rels).iter():
            if _local(element.tag) == "Relationship":
                target = element.get("Target", "")
                targets[element.get("Id")] = (target.lstrip("/") if target.startswith("/")
                                              else posixpath.normpath(f"xl/{target}"))
    parts = {}
    with archive.open("xl/workbook.xml") as workbook:
        for element in ET.parse(workbook).iter():
            if _local(element.tag) == "sheet":
                ident = next((v for k, v in element.attrib.items() if _local(k) == "id"), None)
                parts[element.get("name", "")] = targets.get(ident, "")
    return parts


def _scan(path: Path) -> tuple[bool, dict[str, list[tuple[str, int, str]]]]:
    """Whether some sheet holds a formula (a ``<f>`` element), and each sheet's merged ranges
    by sheet name.

    Ranges are (first column letter, first row, range text). Read in chunks, never whole.
    """
    has_formulas = False
    merged: dict[str, list[tuple[str, int, str]]] = {}
    with zipfile.ZipFile(path) as archive:
        for name in archive.namelist():
            if not (name.startswith("xl/worksheets/") and name.endswith(".xml")):
                continue
            found: dict[bytes, tuple[str, int, str]] = {}
            with archive.open(name) as part:
                tail = b""
                while chunk := part.read(1 << 20):
                    has_formulas = has_formulas or bool(_FORMULA_TAG.search(tail + chunk))
                    for match in _MERGE_TAG.finditer(tail + chunk):
                        letter, row, end = (g.decode() if g else "" for g in match.groups())
                        found[match.group(0)] = (letter, int(row), f"{letter}{row}:{end}".rstrip(":"))
                    tail = chunk[-80:]
            if found:
                merged[name] = list(found.values())
        parts = _sheet_parts(archive) if merged else {}
    return has_formulas, {sheet: merged[part] for sheet, part in parts.items() if part in merged}


def _merge_problems(origin: str, table: RawTable, ranges: list[tuple[str, int, str]]) -> list[Problem]:
    """One problem per merged range of a table sheet, at its first cell."""
    problems = []
    for letter, row, text in ranges:
        index = column_index_from_string(letter) - 1
        column = table.header[index] if index < len(table.header) else letter
        problems.append(Problem(origin, f"cells {text} are merged", row=row, column=column, value=text,
                                expected="one value in every cell (unmerge the cells and fill each one in)"))
    return problems


def _cell_value(origin: str, number: int, column: str, value: Any, formula: Any,
                problems: list[Problem]) -> Any:
    """The value of one cell, or None with a problem when Excel has no usable value for it."""
    if value is None and isinstance(formula, str) and formula.startswith("="):
        problems.append(Problem(origin, "the cell holds a formula that Excel has not calculated",
                                row=number, column=column, value=formula,
                                expected="a value (open and save the file in Excel, or paste as values)"))
        return None
    if isinstance(value, str) and value in _EXCEL_ERRORS:
        problems.append(Problem(origin, "the cell holds an Excel error", row=number, column=column,
                                value=value, expected="a value"))
        return None
    return value


def _rows(ws: Any) -> Iterator[tuple]:
    ws.reset_dimensions()  # some writers declare a wrong size; read what is there
    return ws.iter_rows(values_only=True)


def _read_sheet(origin: str, name: str, values_ws: Any, formulas_ws: Any | None,
                problems: list[Problem], limits: InputLimits) -> RawTable | None:
    """Read one sheet: row 1 is the header; None for a sheet with nothing in it or too many rows.

    ``formulas_ws`` is the same sheet read for its formulas, None when the workbook has none.
    """
    lines = zip(_rows(values_ws), _rows(formulas_ws) if formulas_ws else repeat(()), strict=False)
    first = next(lines, None)
    if first is None or all(v is None for v in first[0]):
        return None
    header = ["" if v is None else str(v).strip() for v in first[0]]
    rows = []
    for number, (values, formulas) in enumerate(lines, start=2):
        cells = {}
        for index, value in enumerate(values):
            formula = formulas[index] if index < len(formulas) else None
            column = header[index] if index < len(header) else ""
            value = _cell_value(origin, number, column or get_column_letter(index + 1), value,
                                formula, problems)
            if value is None or (isinstance(value, str) and not value.strip()):
                continue
            if column:
                cells[column] = restore(value)
            else:
                problems.append(Problem(origin, "a value in a column without a header", row=number,
                                        column=get_column_letter(index + 1), value=value,
                                        expected="a column name in row 1 above it"))
        if cells:
            if len(rows) == limits.rows:
                problems.append(too_many_rows(origin, len(rows) + 1, limits))
                return None
            rows.append(RawRow(number, cells))
    return RawTable.from_rows(name, origin, [h for h in header if h], rows)


# --- writing -------------------------------------------------------------------------------

TABLE_DESCRIPTIONS_SV = {
    "dataset": "En rad som beskriver datamängden: namn, version och om den är syntetisk.",
    "municipalities": "Kommuner, med SCB:s fyrsiffriga kommunkod.",
    "regions": "Regioner som kommuner hör till: kommunalförbund, län eller annan gruppering.",
    "region_members": "Vilken kommun som hör till vilken region.",
    "capability_areas": "Områden som grupperar förmågorna i förmågekartan.",
    "capabilities": "Förmågor i den digitala motorn; nio är markerade som nyckelförmågor.",
    "capability_dependencies": "En förmåga som behöver en annan för att fungera (inga cykler).",
    "suppliers": "Leverantörer av system och tjänster.",
    "systems": "System (applikationer och plattformar) och vem som levererar dem.",
    "system_capabilities": "Vilken förmåga ett system stödjer.",
    "system_integrations": "Integrationer: data som flödar från ett system till ett annat.",
    "system_usage": "Vilken kommun som använder vilket system, och på vilket avtal.",
    "assessments": "Mognadsbedömningar: en kommun, en förmåga, en omgång, en metod.",
    "it_capacity": "Kommunens IT-funktion per år: personal och kostnad, drift mot utveckling.",
    "collaborations": "Befintliga samverkansformer mellan kommuner.",
    "collaboration_members": "Vilken kommun som deltar i vilken samverkan.",
    "collaboration_capabilities": "Vilken förmåga en samverkan levererar.",
    "scenarios": "Namngivna scenarier: vem som levererar vilka förmågor åt vem, och genom vilket vägval.",
    "arrangements": "Ett arrangemang i ett scenario: vägval, leverantör, juridisk form och startår.",
    "arrangement_capabilities": "Vilka förmågor ett arrangemang levererar.",
    "arrangement_members": "Vilka kommuner som deltar i ett arrangemang (den ledande bland dem).",
}
"""Swedish descriptions of the tables, shown in the template's instructions."""

MATURITY_SV = {1: "inledande", 2: "upprepbar", 3: "definierad", 4: "styrd", 5: "optimerad"}

_INSTRUCTIONS = (
    ("Datainsamlingsmall – förmågekarta för kommunal IT", True),
    ("Fyll i en flik per tabell. Rad 1 är rubriker och får inte ändras; varje rad under den är en "
     "post. Kolumner märkta 'ja' under Obligatorisk måste fyllas i. Använd rullistorna där de finns. "
     "Kommunkoder är SCB:s fyrsiffriga koder (t.ex. 1485 Uddevalla). Datum skrivs ÅÅÅÅ-MM-DD. "
     "Flikar vars namn börjar med _ och denna flik läses inte in. Ladda in filen med: kb load fil.xlsx",
     False),
    ("Data-collection template – capability map for municipal IT", True),
    ("Fill in one sheet per table. Row 1 holds the column names and must not be changed; each row "
     "below it is one record. Columns marked 'yes' under Required must be filled in. Use the drop-down "
     "lists where there are any. Municipality codes are SCB's four-digit codes (e.g. 1485 Uddevalla). "
     "Dates are written YYYY-MM-DD. Sheets whose name starts with _ and this sheet are not loaded. "
     "Load the file with: kb load file.xlsx", False),
    ("", False),
    ("Mognadsskala / Maturity scale (1–5)", True),
)


def _readme_rows() -> list[list[Any]]:
    """The instructions sheet: the text above, the maturity scale, the sheets and their columns."""
    rows: list[list[Any]] = [[(text, bold)] for text, bold in _INSTRUCTIONS]
    rows += [[(str(level), False), (MATURITY_SV[level], False), (name, False)]
             for level, name in MATURITY_LEVELS.items()]
    rows += [[("", False)], [("Flik / Sheet", True), ("Beskrivning", True), ("Description", True),
                             ("Obligatorisk / Required", True)]]
    rows += [[(t.name, False), (TABLE_DESCRIPTIONS_SV[t.name], False), (t.description, False),
              ("ja / yes" if t.required else "nej / no", False)] for t in TABLES]
    rows += [[("", False)], [("Flik / Sheet", True), ("Kolumn / Column", True),
                             ("Obligatorisk / Required", True), ("Tillåtna värden / Expected", True),
                             ("Description", True)]]
    rows += [[(t.name, False), (c.name, False), ("ja / yes" if c.required else "nej / no", False),
              (c.expected(), False), (c.description, False)] for t in TABLES for c in t.columns]
    return rows


def _list_municipalities(dataset: Dataset) -> dict[str, str]:
    """Codes offered on the municipalities sheet: Fyrbodal's and the dataset's, by code."""
    known = {code: name for code, name, _ in FYRBODAL}
    known.update({row["code"]: row.get("name", "") for row in dataset.tables["municipalities"]})
    return dict(sorted(known.items()))


def _reference_range(column: Column, dataset: Dataset) -> str | None:
    """The cells a key or reference column picks from: the referenced sheet's key column.

    The municipality code on its own sheet picks from the hidden list of known codes.
    """
    if column.kind is Kind.CODE and not column.references:
        return f"{LISTS_SHEET}!$A$2:$A${len(_list_municipalities(dataset)) + 1}"
    if not column.references:
        return None
    target = TABLES_BY_NAME[column.references]
    letter = get_column_letter(target.column_names.index(target.key[0]) + 1)
    last = max(TEMPLATE_ROWS, len(dataset.tables[target.name])) + 1
    return f"{quote_sheetname(target.name)}!${letter}$2:${letter}${last}"


def _validation(column: Column, dataset: Dataset) -> DataValidation | None:
    """The drop-down or number check for ``column``, or None when the column is free text.

    References warn (the loader reports what is really wrong); fixed choices stop.
    """
    reference = _reference_range(column, dataset)
    if reference:
        return DataValidation("list", formula1=reference, errorStyle="warning")
    if column.kind is Kind.ENUM:
        return DataValidation("list", formula1='"' + ",".join(column.choices) + '"')
    if column.kind is Kind.BOOL:
        return DataValidation("list", formula1='"true,false"')
    if column.kind not in (Kind.INT, Kind.FLOAT) or column.minimum is None:
        return None
    kind = "whole" if column.kind is Kind.INT else "decimal"
    low = f"{column.minimum:g}"
    if column.maximum is None:
        return DataValidation(kind, operator="greaterThanOrEqual", formula1=low)
    if kind == "whole" and column.maximum - column.minimum < 10:  # a scale such as maturity 1-5
        levels = range(int(column.minimum), int(column.maximum) + 1)
        return DataValidation("list", formula1='"' + ",".join(map(str, levels)) + '"')
    return DataValidation(kind, operator="between", formula1=low, formula2=f"{column.maximum:g}")


def column_check(column: Column, dataset: Dataset) -> DataValidation | None:
    """The drop-down or number check of ``column`` (None for free text), with its description
    as the input message and what is expected as the error message; not yet on any cell."""
    check = _validation(column, dataset)
    if check is not None:
        check.showErrorMessage = check.showInputMessage = check.allow_blank = True
        check.errorTitle, check.error = column.name, f"Expected {column.expected()}"[:255]
        check.promptTitle, check.prompt = column.name[:32], column.description[:255]
    return check


def _checks(ws: Any, table: Table, dataset: Dataset) -> None:
    """Attach each column's drop-down or check, with its description as the input message."""
    last = max(TEMPLATE_ROWS, len(dataset.tables[table.name])) + 1
    for index, column in enumerate(table.columns, start=1):
        check = column_check(column, dataset)
        if check is None:
            continue
        letter = get_column_letter(index)
        check.add(f"{letter}2:{letter}{last}")
        ws.data_validations.append(check)


def _width(column: Column, rows: list[dict[str, Any]]) -> float:
    """Column width in characters: the header or the longest of the first 200 values, 10 to 50."""
    longest = max([len(column.name)] + [len(str(r.get(column.name, ""))) for r in rows[:200]])
    return min(50, max(10, longest + 2))


def _format_columns(ws: Any, table: Table, rows: list[dict[str, Any]]) -> None:
    """Widths, and number formats that keep typed entries as the column expects (text, ISO date)."""
    for index, column in enumerate(table.columns, start=1):
        dimension = ws.column_dimensions[get_column_letter(index)]
        dimension.width = _width(column, rows)
        if column.kind in _TEXT_KINDS:
            dimension.number_format = "@"
        elif column.kind is Kind.DATE:
            dimension.number_format = "yyyy-mm-dd"


def _header(ws: Any, table: Table, template: bool) -> list[WriteOnlyCell]:
    cells = []
    for column in table.columns:
        cell = WriteOnlyCell(ws, column.name)
        cell.font = _BOLD
        if template:
            required = "Obligatorisk / required. " if column.required else ""
            cell.comment = Comment(f"{required}{column.description}\nExpected: {column.expected()}",
                                   "kb", width=320, height=120)
        cells.append(cell)
    return cells


def _cell(ws: Any, column: Column, value: Any) -> Any:
    """A value as Excel should hold it: dates as dates, booleans as true/false, formula-like text quoted."""
    if value is None:
        return None
    if column.kind is Kind.DATE:
        cell = WriteOnlyCell(ws, date.fromisoformat(str(value)))
        cell.number_format = "yyyy-mm-dd"
        return cell
    if isinstance(value, bool):
        return "true" if value else "false"
    return spreadsheet_safe(value)


def _write_table(wb: Workbook, table: Table, dataset: Dataset, template: bool) -> None:
    ws = wb.create_sheet(table.name)
    rows = dataset.tables.get(table.name, [])
    _format_columns(ws, table, rows)
    ws.freeze_panes = "A2"
    if template:
        _checks(ws, table, dataset)
    ws.append(_header(ws, table, template))
    for row in rows:
        ws.append([_cell(ws, c, row.get(c.name)) for c in table.columns])


def _write_readme(wb: Workbook) -> None:
    ws = wb.create_sheet(README_SHEET)
    for letter, width in zip("ABCDE", (26, 40, 60, 24, 60), strict=True):
        ws.column_dimensions[letter].width = width
    for row in _readme_rows():
        cells = []
        for text, bold in row:
            cell = WriteOnlyCell(ws, text)
            cell.font = Font(bold=bold)
            cells.append(cell)
        ws.append(cells)


def _write_lists(wb: Workbook, dataset: Dataset) -> None:
    ws = wb.create_sheet(LISTS_SHEET)
    ws.sheet_state = "hidden"
    ws.append(["code", "name"])
    for code, name in _list_municipalities(dataset).items():
        ws.append([code, name])


def write_workbook(dataset: Dataset, path: Path, template: bool = True) -> Path:
    """Write ``dataset`` as a workbook the loader reads back; return ``path``.

    Every table gets a sheet (header in bold, frozen). With ``template`` the workbook is
    the data-collection template: instructions, header comments, drop-downs and checks.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    wb = Workbook()  # not write-only: the sheets then declare their size, so they open quicker
    wb.remove(wb.active)
    if template:
        _write_readme(wb)
    for table in TABLES:
        _write_table(wb, table, dataset, template)
    if template:
        _write_lists(wb, dataset)
    wb.save(path)
    return path
