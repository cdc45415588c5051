"""A dataset as one Excel workbook, one sheet per table; and the data-collection template.

Reading: each sheet named after a table (``systems``, ...) is that table; its header is
row 1 and rows keep the numbers Excel shows. Blank rows and empty sheets are skipped;
sheets whose name starts with ``_`` or is ``README``/``Instruktioner`` are notes, not data.
Formulas give their cached value; a formula Excel never calculated is an error.

Writing (``write_workbook``): the same layout, plus, for the template, an instructions
sheet in Swedish and English, header comments, drop-down lists and number checks, and a
hidden ``_lists`` sheet of municipality codes. ``write_workbook(Dataset.empty(), path)``
is the empty template shipped as ``data/template.xlsx``.
"""

from __future__ import annotations

import zipfile
from datetime import date
from pathlib import Path
from typing import Any

from openpyxl import Workbook, load_workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.comments import Comment
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.utils.exceptions import InvalidFileException
from openpyxl.worksheet.datavalidation import DataValidation

from kb.dataset import Dataset, Problem, RawDataset, RawRow, RawTable
from kb.model import MATURITY_LEVELS, TABLES, TABLES_BY_NAME, Column, Kind, Table

NOTE_SHEETS = {"readme", "instruktioner", "instructions"}
"""Sheet names (lower case) that hold instructions, never data; so do names starting with '_'."""

README_SHEET = "README"
LISTS_SHEET = "_lists"
TEMPLATE_ROWS = 2000
"""Rows below the header that the template's drop-downs and checks cover (at least)."""

FYRBODAL_MUNICIPALITIES = {
    "1421": "Orust", "1427": "Sotenäs", "1430": "Munkedal", "1435": "Tanum",
    "1438": "Dals-Ed", "1439": "Färgelanda", "1460": "Bengtsfors", "1461": "Mellerud",
    "1484": "Lysekil", "1485": "Uddevalla", "1486": "Strömstad", "1487": "Vänersborg",
    "1488": "Trollhättan", "1492": "Åmål",
}
"""The 14 municipalities of Fyrbodal by SCB code: the template's default code list."""

_EXCEL_ERRORS = {"#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A", "#SPILL!", "#CALC!"}
_TEXT_KINDS = {Kind.ID, Kind.CODE, Kind.TEXT, Kind.ENUM, Kind.BOOL}
_BOLD = Font(bold=True)


def is_note_sheet(name: str) -> bool:
    """True for a sheet of instructions or lists that the loader ignores."""
    return name.startswith("_") or name.strip().lower() in NOTE_SHEETS


# --- reading -------------------------------------------------------------------------------

def read_workbook(path: Path) -> RawDataset:
    """Read every table sheet of the workbook at ``path``; problems met are in the result."""
    path = Path(path)
    raw = RawDataset(str(path))
    try:
        values = load_workbook(path, read_only=True, data_only=True)
        formulas = load_workbook(path, read_only=True, data_only=False)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, ValueError, OSError) as err:
        raw.problems.append(Problem(str(path), f"the file cannot be read as an Excel workbook ({err})",
                                    expected="an .xlsx workbook saved by Excel or LibreOffice"))
        return raw
    try:
        for name in values.sheetnames:
            if not is_note_sheet(name):
                table = _read_sheet(f"{path}, sheet '{name}'", name, values[name], formulas[name],
                                    raw.problems)
                if table is not None:
                    raw.tables[name] = table
    finally:
        values.close()
        formulas.close()
    return raw


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


def _read_sheet(origin: str, name: str, values_ws: Any, formulas_ws: Any,
                problems: list[Problem]) -> RawTable | None:
    """Read one sheet: row 1 is the header; None for a sheet with nothing in it."""
    values_ws.reset_dimensions()
    formulas_ws.reset_dimensions()
    lines = zip(values_ws.iter_rows(values_only=True), formulas_ws.iter_rows(values_only=True))
    first = next(lines, None)
    if first is None or all(v is None for v in first[0]):
        return None
    header = ["" if v is None else str(v).strip() for v in first[0]]
    rows = []
    for number, (values, formulas) in enumerate(lines, start=2):
        cells = {}
        for index, (value, formula) in enumerate(zip(values, formulas)):
            column = header[index] if index < len(header) else ""
            value = _cell_value(origin, number, column or get_column_letter(index + 1), value,
                                formula, problems)
            if value is None or (isinstance(value, str) and not value.strip()):
                continue
            if not column:
                problems.append(Problem(origin, "a value in a column without a header", row=number,
                                        column=get_column_letter(index + 1), value=value,
                                        expected="a column name in row 1 above it"))
            cells[column] = value
        if cells:
            rows.append(RawRow(number, {k: v for k, v in cells.items() if k}))
    return RawTable(name, origin, [h for h in header if h], rows)


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
    return [[(text, bold) for text, bold in row] for row in rows]


def _validation(column: Column, table: Table, dataset: Dataset) -> DataValidation | None:
    """The drop-down or number check for ``column``, or None when the column is free text."""
    if column.references:
        target = TABLES_BY_NAME[column.references]
        if target is table:  # the municipality code itself: offer the known codes
            source, last = LISTS_SHEET, len(_list_municipalities(dataset)) + 1
        else:
            source, last = target.name, max(TEMPLATE_ROWS, len(dataset.tables[target.name])) + 1
        letter = get_column_letter(target.column_names.index(target.key[0]) + 1)
        return DataValidation("list", formula1=f"{quote_sheetname(source)}!${letter}$2:${letter}${last}",
                              errorStyle="warning")
    if target_is_self_key(column, table):
        return _validation(column.__class__(column.name, column.kind, column.description,
                                            references=table.name), table, dataset)
    if column.kind is Kind.ENUM:
        return DataValidation("list", formula1='"' + ",".join(column.choices) + '"')
    if column.kind is Kind.BOOL:
        return DataValidation("list", formula1='"true,false"')
    if column.kind in (Kind.INT, Kind.FLOAT) and column.minimum is not None:
        kind = "whole" if column.kind is Kind.INT else "decimal"
        low, high = f"{column.minimum:g}", None if column.maximum is None else f"{column.maximum:g}"
        if kind == "whole" and high is not None and column.maximum - column.minimum < 10:
            choices = range(int(column.minimum), int(column.maximum) + 1)
            return DataValidation("list", formula1='"' + ",".join(map(str, choices)) + '"')
        if high is None:
            return DataValidation(kind, operator="greaterThanOrEqual", formula1=low)
        return DataValidation(kind, operator="between", formula1=low, formula2=high)
    return None


def target_is_self_key(column: Column, table: Table) -> bool:
    """True for the municipality code column of the municipalities sheet (its own key)."""
    return table.name == "municipalities" and column.name == table.key[0]
