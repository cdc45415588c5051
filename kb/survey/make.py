"""Questionnaires out: one Excel workbook per municipality, pre-filled from the graph.

Each workbook has a cover sheet (municipality, round, deadline, contact, how to fill it in,
the maturity scale in words), the capability map with last round's values read-only beside
the cells to fill, the municipality's systems to confirm or add to, its IT capacity, the
system catalogue, and a very hidden identity sheet (``layout.IDENTITY_SHEET``). Every sheet
is protected and only the answer cells are unlocked; the workbook's structure is locked,
so sheets cannot be added, removed, renamed or unhidden by mistake.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.workbook.protection import WorkbookProtection
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from kb.dataset import Dataset, InvalidDataset, Problem
from kb.model import TABLES_BY_NAME
from kb.safe_cells import spreadsheet_safe
from kb.store.base import GraphStore
from kb.survey.facts import RoundFacts, checked_round
from kb.survey.layout import (
    CAPABILITY_FIELDS,
    CAPACITY_FIELDS,
    CATALOGUE_FIELDS,
    COVER,
    FORMAT,
    IDENTITY_SHEET,
    KIND,
    LANGUAGES,
    MATURITY_WORDS,
    NEW_SYSTEM_ROWS,
    SELF_ASSESSMENT,
    SHEETS,
    SYSTEM_FIELDS,
    YES_NO,
    Field,
)
from loaders.excel import MATURITY_SV, column_check

_BOLD = Font(bold=True)
_HEADER_FILL = PatternFill("solid", fgColor="D9D9D9")
_ANSWER_FILL = PatternFill("solid", fgColor="FFF2CC")
_OPEN = Protection(locked=False)
_WRAP, _TOP = Alignment(wrap_text=True, vertical="top"), Alignment(vertical="top")
_COVER_LINE = 100
"""Characters of cover text per line in its column B (110 characters wide)."""
_DATE_FORMAT = "yyyy-mm-dd"
_MODEL_CHECKS = {"maturity": ("assessments", "maturity"), "target": ("assessments", "target"),
                 "annual_cost_sek": ("system_usage", "annual_cost_sek"),
                 **{f.name: ("it_capacity", f.name) for f in CAPACITY_FIELDS[1:]}}
"""Answer fields checked as their model column is in the data template (scale lists, numbers ≥ 0)."""


def file_name(round: int, code: str, name: str) -> str:
    """The questionnaire's file name, e.g. '2027-1485-uddevalla.xlsx'."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    slug = "-".join("".join(ch if ch.isalnum() else " " for ch in ascii_name).split())
    return f"{round}-{code}-{slug or 'kommun'}.xlsx"


def make_questionnaires(store: GraphStore, round: Any, folder: Path,
                        municipalities: Sequence[str] | None = None, lang: str = "sv",
                        deadline: date | None = None, contact: str = "") -> list[Path]:
    """Write one questionnaire per municipality (all in the graph, or those given) into
    ``folder``; return the paths, in municipality-code order.

    Raises ``InvalidDataset`` for a round outside 1990..2100, an unknown language or a
    municipality code the graph does not hold; nothing is written then.
    """
    round = checked_round(round, "kb survey make")
    facts = RoundFacts.read(store, round)
    names = facts.names()
    codes = sorted(set(municipalities) if municipalities else names)
    problems = [Problem("kb survey make", "no such municipality in the graph", column="municipality",
                        value=code, expected="a municipality code in the graph")
                for code in codes if code not in names]
    if lang not in LANGUAGES:
        problems.append(Problem("kb survey make", "unknown language", column="lang", value=lang,
                                expected="sv or en"))
    if problems:
        raise InvalidDataset(problems)
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    made = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    return [_write(facts, code, names[code], lang, deadline, contact, made,
                   folder / file_name(round, code, names[code])) for code in codes]


def _write(facts: RoundFacts, code: str, name: str, lang: str, deadline: date | None,
           contact: str, made: str, path: Path) -> Path:
    wb = Workbook()
    wb.remove(wb.active)
    sheets = SHEETS[lang]
    _cover(wb.create_sheet(sheets["cover"]), facts, code, name, lang, deadline, contact)
    catalogue = _catalogue(wb.create_sheet(sheets["catalogue"]), facts, lang)
    _capabilities(wb.create_sheet(sheets["capabilities"], 1), facts, code, lang)
    usage = _systems(wb.create_sheet(sheets["systems"], 2), facts, code, lang, catalogue)
    _capacity(wb.create_sheet(sheets["capacity"], 3), facts, code, lang)
    _identity(wb.create_sheet(IDENTITY_SHEET), facts, code, name, lang, usage, made)
    for ws in wb.worksheets:  # printed: landscape, one page wide
        ws.page_setup.orientation = "landscape"
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    wb.security = WorkbookProtection(lockStructure=True)
    wb.save(path)
    return path


def _cover(ws: Worksheet, facts: RoundFacts, code: str, name: str, lang: str,
           deadline: date | None, contact: str) -> None:
    text = COVER[lang]
    ws.column_dimensions["A"].width, ws.column_dimensions["B"].width = 18, 110
    ws.append([text["title"].format(round=facts.round)])
    ws["A1"].font = Font(bold=True, size=14)
    ws.append([])
    for key, value in (("municipality", f"{name} ({code})"), ("round", str(facts.round)),
                       ("deadline", deadline.isoformat() if deadline else "–"),
                       ("contact", contact or "–")):
        ws.append([text[key], spreadsheet_safe(value)])
        ws.cell(ws.max_row, 1).font = _BOLD
    ws.append([])
    ws.append([text["how"]])
    ws.cell(ws.max_row, 1).font = _BOLD
    for step in text["steps"]:
        _wrapped(ws, step[:1], step[3:])
    ws.append([])
    ws.append([text["scale"]])
    ws.cell(ws.max_row, 1).font = _BOLD
    for level, words in MATURITY_WORDS[lang].items():
        label = MATURITY_SV[level] if lang == "sv" else words.split(":")[0].lower()
        _wrapped(ws, f"{level} ({label})", words.split(": ", 1)[1])
    ws.protection.sheet = True


def _wrapped(ws: Worksheet, label: str, text: str) -> None:
    """A row of a label and a text wrapped in column B, tall enough for its lines."""
    ws.append([label, text])
    ws.cell(ws.max_row, 1).alignment, ws.cell(ws.max_row, 2).alignment = _TOP, _WRAP
    ws.row_dimensions[ws.max_row].height = 15 * (len(text) // _COVER_LINE + 1)


def _header(ws: Worksheet, fields: Sequence[Field], lang: str, facts: RoundFacts) -> None:
    ws.append([f.header(lang, facts.round, facts.previous_round) for f in fields])
    for index, field in enumerate(fields, start=1):
        cell = ws.cell(1, index)
        cell.font, cell.fill = _BOLD, _ANSWER_FILL if field.answer else _HEADER_FILL
        ws.column_dimensions[get_column_letter(index)].width = field.width
    ws.freeze_panes = "B2"


def _protect(ws: Worksheet, fields: Sequence[Field], rows: Iterable[int],
             extra: Sequence[str] = ()) -> None:
    """Unlock the answer cells (and ``extra`` fields) of ``rows``, then protect the sheet;
    columns and rows may still be resized."""
    opened = [i for i, f in enumerate(fields, start=1) if f.answer or f.name in extra]
    for row in rows:
        for index in opened:
            ws.cell(row, index).protection = _OPEN
            ws.cell(row, index).fill = _ANSWER_FILL
    ws.protection.sheet = True
    ws.protection.formatColumns = ws.protection.formatRows = False


def _check(ws: Worksheet, fields: Sequence[Field], name: str, cells: str,
           check: DataValidation | None = None) -> None:
    """Attach ``check`` (by default the model column's check) to column ``name`` over ``cells``
    (row range such as '2:56')."""
    if check is None:
        check = column_check(TABLES_BY_NAME[_MODEL_CHECKS[name][0]].column(_MODEL_CHECKS[name][1]),
                             Dataset.empty())
    if check is None:
        return
    letter = get_column_letter([f.name for f in fields].index(name) + 1)
    first, last = cells.split(":")
    check.add(f"{letter}{first}:{letter}{last}")
    ws.add_data_validation(check)


def _yes_no(lang: str) -> DataValidation:
    return DataValidation("list", formula1='"' + ",".join(YES_NO[lang]) + '"', allow_blank=True,
                          showErrorMessage=True)


def _capabilities(ws: Worksheet, facts: RoundFacts, code: str, lang: str) -> None:
    _header(ws, CAPABILITY_FIELDS, lang, facts)
    before, yes_no = facts.previous_of(code), YES_NO[lang]
    answered = {a["capability"]: a for a in facts.assessments(code)}  # a questionnaire made again
    for cap in facts.capability_map():
        old, now = before.get(cap["id"], {}), answered.get(cap["id"], {})
        method = old.get("method")
        ws.append([spreadsheet_safe(v) for v in (
            cap["id"], cap["area_row"].get(f"name_{lang}", cap.get("area", "")), cap[f"name_{lang}"],
            cap.get("description", ""), yes_no[0] if cap.get("key_capability") else yes_no[1],
            _whole(old.get("maturity")), _whole(old.get("target")),
            "" if method is None else yes_no[0] if method == SELF_ASSESSMENT else yes_no[1],
            now.get("maturity"), now.get("target"), now.get("comment"))])
    last = ws.max_row
    for name in ("maturity", "target"):
        _check(ws, CAPABILITY_FIELDS, name, f"2:{last}")
    _protect(ws, CAPABILITY_FIELDS, range(2, last + 1))


def _whole(value: Any) -> int | None:
    """A maturity read from a frame (maybe a float or NaN) as a whole number, or None."""
    return None if value is None or value != value else int(value)


def _catalogue(ws: Worksheet, facts: RoundFacts, lang: str) -> str:
    """The catalogue sheet; returns the range of its system ids, for the drop-down of new rows."""
    _header(ws, CATALOGUE_FIELDS, lang, facts)
    for system in facts.systems().values():
        ws.append([spreadsheet_safe(v) for v in (system["id"], system["name"], system["supplier_name"],
                                                 system.get("category", ""))])
    ws.protection.sheet = True
    return f"{quote_sheetname(ws.title)}!$A$2:$A${max(ws.max_row, 2)}"


def _systems(ws: Worksheet, facts: RoundFacts, code: str, lang: str, catalogue: str) -> list[str]:
    """The municipality's systems, then empty rows to add to; returns the pre-filled system ids."""
    _header(ws, SYSTEM_FIELDS, lang, facts)
    systems = facts.systems()
    usage = sorted(facts.usage(code), key=lambda u: systems[u["system"]]["name"].lower())
    for use in usage:
        system = systems[use["system"]]
        ws.append([spreadsheet_safe(system["id"]), spreadsheet_safe(system["name"]),
                   spreadsheet_safe(system["supplier_name"]), system.get("lifecycle", ""),
                   _date(system.get("end_of_support")), YES_NO[lang][0], _date(use.get("contract_end")),
                   use.get("annual_cost_sek")])
    filled, last = ws.max_row, ws.max_row + NEW_SYSTEM_ROWS
    for row in range(2, last + 1):
        for name in ("end_of_support", "contract_end"):
            ws.cell(row, [f.name for f in SYSTEM_FIELDS].index(name) + 1).number_format = _DATE_FORMAT
    _check(ws, SYSTEM_FIELDS, "in_use", f"2:{last}", _yes_no(lang))
    _check(ws, SYSTEM_FIELDS, "annual_cost_sek", f"2:{last}")
    _check(ws, SYSTEM_FIELDS, "system", f"{filled + 1}:{last}",
           DataValidation("list", formula1=catalogue, allow_blank=True, showErrorMessage=True))
    _protect(ws, SYSTEM_FIELDS, range(2, filled + 1))
    _protect(ws, SYSTEM_FIELDS, range(filled + 1, last + 1), extra=("system",))
    return [use["system"] for use in usage]


def _date(value: Any) -> date | None:
    return date.fromisoformat(value) if value else None


def _capacity(ws: Worksheet, facts: RoundFacts, code: str, lang: str) -> None:
    _header(ws, CAPACITY_FIELDS, lang, facts)
    before = facts.capacity_before(code) or {}
    now = (facts.capacity(code, facts.round) or [{}])[0]
    ws.append([before.get("year", "–"), *(before.get(f.name) for f in CAPACITY_FIELDS[1:])])
    ws.append([facts.round, *(now.get(f.name) for f in CAPACITY_FIELDS[1:])])
    for field in CAPACITY_FIELDS[1:]:
        _check(ws, CAPACITY_FIELDS, field.name, "3:3")
    _protect(ws, CAPACITY_FIELDS, [3])


def _identity(ws: Worksheet, facts: RoundFacts, code: str, name: str, lang: str,
              systems: list[str], made: str) -> None:
    for row in (("key", "value"), ("kind", KIND), ("format", FORMAT), ("municipality", code),
                ("municipality_name", name), ("round", facts.round),
                ("previous_round", facts.previous_round or ""), ("lang", lang),
                ("map_version", facts.map_version()), ("systems", ",".join(systems)),
                ("made_at", made)):
        ws.append([spreadsheet_safe(v) for v in row])
    ws.sheet_state = "veryHidden"
    ws.protection.sheet = True
