"""The loaders: CSV folder, Excel workbook (and the template), JSON and YAML.

Every format must give the same validated dataset; bad input must give a message that
names file, row, column, value and what was expected, and leave the graph as it was.
"""

from __future__ import annotations

import copy
import csv
import json
import re
import zipfile
from datetime import datetime
from pathlib import Path
from typing import Any

import openpyxl
import pytest
import yaml

from kb.catalogue import FYRBODAL
from kb.dataset import Dataset, InvalidDataset, Problem, RawDataset
from kb.export import export_dataset
from kb.load import load_path, read_path
from kb.model import TABLES, TABLES_BY_NAME
from kb.store import GraphStore
from kb.validate import validate
from loaders import read_dataset
from loaders.csv_folder import write_csv_folder
from loaders.excel import LISTS_SHEET, README_SHEET, write_workbook
from loaders.json_yaml import write_document

FYRBODAL_CODES = {code for code, _, _ in FYRBODAL}
ROOT = Path(__file__).resolve().parent.parent
TEMPLATE = ROOT / "data" / "template.xlsx"

TRICKY_TEXT = 'Line one, with "quotes"; and a comma\nline two: Åmål'

GOOD: dict[str, list[dict[str, Any]]] = {
    "dataset": [{"name": "test", "title": "Test data", "synthetic": True, "source": "synthetic: tests"}],
    "municipalities": [
        {"code": "1485", "name": "Uddevalla", "county_code": "14", "population": 57000,
         "population_year": 2023},
        {"code": "1488", "name": "Trollhättan", "population": 59000},
    ],
    "regions": [{"id": "fyrbodal", "name": "Fyrbodal", "kind": "kommunalforbund"}],
    "region_members": [{"municipality": "1485", "region": "fyrbodal"},
                       {"municipality": "1488", "region": "fyrbodal"}],
    "capability_areas": [{"id": "infra", "name_sv": "Infrastruktur", "name_en": "Infrastructure"}],
    "capabilities": [
        {"id": "network", "area": "infra", "name_sv": "Nätverk", "name_en": "Network",
         "description": TRICKY_TEXT, "key_capability": True},
        {"id": "identity", "area": "infra", "name_sv": "Identitet", "name_en": "Identity",
         "key_capability": False},
    ],
    "capability_dependencies": [{"capability": "identity", "depends_on": "network", "reason": "logins"}],
    "suppliers": [{"id": "acme", "name": "Acme AB", "org_number": "556000-0000"}],
    "systems": [
        {"id": "idp", "name": "IdP", "supplier": "acme", "lifecycle": "invest",
         "end_of_support": "2027-06-30", "hosting": "saas"},
        {"id": "fw", "name": "Firewall", "lifecycle": "tolerate"},
    ],
    "system_capabilities": [{"system": "idp", "capability": "identity"},
                            {"system": "fw", "capability": "network"}],
    "system_integrations": [{"system": "idp", "integrates_with": "fw", "kind": "API"}],
    "system_usage": [{"municipality": "1485", "system": "idp", "contract_end": "2026-12-31",
                      "annual_cost_sek": 125000.5, "source": "synthetic"}],
    "assessments": [
        {"municipality": "1485", "capability": "network", "round": 2024, "method": "self_assessment",
         "maturity": 3, "target": 4, "source": "synthetic"},
        {"municipality": "1485", "capability": "network", "round": 2024, "method": "external_review",
         "maturity": 2},
    ],
    "it_capacity": [{"municipality": "1488", "year": 2024, "fte_operations": 12.5, "fte_development": 3.0,
                     "cost_operations_sek": 14000000.0, "cost_development_sek": 2500000.0}],
    "collaborations": [{"id": "ssc", "name": "Shared service", "form": "avtalssamverkan", "started": 2019}],
    "collaboration_members": [{"municipality": "1485", "collaboration": "ssc"},
                              {"municipality": "1488", "collaboration": "ssc"}],
    "collaboration_capabilities": [{"collaboration": "ssc", "capability": "identity"}],
}
"""A small valid dataset touching every table, kind and awkward character."""


def good() -> dict[str, list[dict[str, Any]]]:
    """A fresh copy of GOOD, safe to spoil."""
    return copy.deepcopy(GOOD)


def expected_tables() -> dict[str, list[dict[str, Any]]]:
    """GOOD as the graph gives it back: rows sorted by key, as ``kb.export`` orders them."""
    tables = validate(RawDataset.from_records(good())).tables
    return {t.name: sorted(tables[t.name], key=lambda r, t=t: tuple(str(r[k]) for k in t.key))
            for t in TABLES}


# --- writing sources as a person might -------------------------------------------------------

def _text(value: Any, decimal: str = ".") -> str:
    if isinstance(value, bool):
        return "ja" if value else "nej"
    if isinstance(value, float):
        return str(value).replace(".", decimal)
    return str(value)


def write_csv(folder: Path, tables: dict[str, list[dict]], delimiter: str = ",", decimal: str = ".",
              encoding: str = "utf-8") -> Path:
    """One CSV file per table, all columns the rows use, cells written as text."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, rows in tables.items():
        header = list(dict.fromkeys(k for row in rows for k in row))
        with open(folder / f"{name}.csv", "w", encoding=encoding, newline="") as handle:
            writer = csv.writer(handle, delimiter=delimiter)
            writer.writerow(header)
            for row in rows:
                writer.writerow([_text(row[k], decimal) if k in row else "" for k in header])
    return folder


def _excel_value(column: str, table: str, value: Any) -> Any:
    known = TABLES_BY_NAME[table].column_names
    kind = TABLES_BY_NAME[table].column(column).kind if column in known else None
    if kind == "date" and value is not None:
        return datetime.fromisoformat(value)
    if kind == "code" and isinstance(value, str) and value.isdigit():
        return int(value)  # Excel turns a typed code into a number
    return value


def write_xlsx(path: Path, tables: dict[str, list[dict]]) -> Path:
    """A workbook as Excel users make them: native numbers and dates, a notes sheet, a blank row."""
    wb = openpyxl.Workbook()
    wb.active.title = "README"
    wb["README"]["A1"] = "Notes that the loader must ignore"
    wb.create_sheet("_notes")["A1"] = "also ignored"
    for name, rows in tables.items():
        ws = wb.create_sheet(name)
        header = list(dict.fromkeys(k for row in rows for k in row))
        ws.append(header)
        for row in rows:
            ws.append([_excel_value(k, name, row.get(k)) for k in header])
    wb.save(path)
    return path


def write_json(path: Path, tables: dict[str, list[dict]]) -> Path:
    path.write_text(json.dumps(tables, ensure_ascii=False, indent=1), encoding="utf-8")
    return path


def write_yaml(path: Path, tables: dict[str, list[dict]]) -> Path:
    path.write_text(yaml.safe_dump(tables, allow_unicode=True), encoding="utf-8")
    return path


WRITERS = {
    "csv": lambda tmp, tables: write_csv(tmp / "csv", tables),
    "csv_semicolon": lambda tmp, tables: write_csv(tmp / "csv", tables, ";", ","),
    "csv_bom": lambda tmp, tables: write_csv(tmp / "csv", tables, encoding="utf-8-sig"),
    "xlsx": lambda tmp, tables: write_xlsx(tmp / "data.xlsx", tables),
    "json": lambda tmp, tables: write_json(tmp / "data.json", tables),
    "yaml": lambda tmp, tables: write_yaml(tmp / "data.yaml", tables),
}


# --- the same dataset from every format ---------------------------------------------------------

@pytest.mark.parametrize("fmt", list(WRITERS))
def test_every_format_gives_the_same_dataset(tmp_path: Path, fmt: str) -> None:
    reference = validate(RawDataset.from_records(good()))
    dataset = read_path(WRITERS[fmt](tmp_path, good()))
    assert dataset.tables == reference.tables
    assert dataset.tables["capabilities"][0]["description"] == TRICKY_TEXT
    assert dataset.tables["systems"][0]["end_of_support"] == "2027-06-30"  # a date cell in Excel
    assert dataset.tables["it_capacity"][0]["fte_operations"] == 12.5  # '12,5' with ';' CSV


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "json", "yaml"])
def test_every_format_loads_the_same_graph(store: GraphStore, tmp_path: Path, fmt: str) -> None:
    report = load_path(store, WRITERS[fmt](tmp_path, good()))
    assert report.nodes == 1 + 2 + 1 + 1 + 2 + 1 + 2 + 1 + 1
    assert export_dataset(store).tables == expected_tables()


def test_excel_rows_are_numbered_as_excel_shows_them(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "gap.xlsx", good())
    wb = openpyxl.load_workbook(path)
    wb["municipalities"].insert_rows(2)  # a blank row 2: Uddevalla moves to row 3
    wb["municipalities"]["D4"] = "many"  # Trollhättan's population, now on row 4
    wb.save(path)
    with pytest.raises(InvalidDataset) as caught:
        read_path(path)
    assert_problem(caught.value.problems, file="gap.xlsx, sheet 'municipalities'", row=4,
                   column="population", value="many", expected="a whole number")


def test_excel_hidden_table_sheets_are_read_and_stray_values_reported(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "hidden.xlsx", good())
    wb = openpyxl.load_workbook(path)
    wb["suppliers"].sheet_state = "hidden"
    wb["regions"]["E2"] = "no header above me"
    wb.save(path)
    raw = read_dataset(path)
    assert raw.tables["suppliers"].rows[0].cells["id"] == "acme"
    assert_problem(raw.problems, file="hidden.xlsx, sheet 'regions'", row=2, column="E",
                   value="no header above me", message="a value in a column without a header")


def test_excel_formula_with_a_cached_value_gives_the_value(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "cached.xlsx", good())
    wb = openpyxl.load_workbook(path)
    wb["municipalities"]["D2"] = "=50000+7000"
    wb.save(path)
    _set_cached_value(path, "50000+7000", "57000")
    assert read_path(path).tables["municipalities"][0]["population"] == 57000


def _set_cached_value(path: Path, formula: str, value: str) -> None:
    """Write the value Excel would have cached for ``formula`` into the saved file."""
    with zipfile.ZipFile(path) as source:
        parts = {name: source.read(name) for name in source.namelist()}
    for name, data in parts.items():
        if name.startswith("xl/worksheets/"):
            parts[name] = re.sub(rf"<f>{re.escape(formula)}</f><v\s*/>|<f>{re.escape(formula)}</f><v></v>",
                                 f"<f>{formula}</f><v>{value}</v>", data.decode()).encode()
    with zipfile.ZipFile(path, "w") as target:
        for name, data in parts.items():
            target.writestr(name, data)


# --- bad input: a clear message, and the graph untouched -------------------------------------

def assert_problem(problems: list[Problem], *, file: str, message: str = "", row: int | None = None,
                   column: str | None = None, value: Any = None, expected: str = "") -> Problem:
    """The one problem that matches everything given (file and texts as substrings)."""
    found = [p for p in problems
             if file in p.file and message in p.message and expected in p.expected
             and (row is None or p.row == row) and (column is None or p.column == column)
             and (value is None or str(p.value) == str(value))]
    assert found, "no such problem among:\n" + "\n".join(map(str, problems))
    shown = str(found[0])
    assert file in shown and message in shown and expected in shown
    if value is not None:
        assert repr(str(value)) in shown or repr(value) in shown
    return found[0]


def assert_rejected(store: GraphStore, tmp_path: Path, make, where: dict[str, Any]) -> InvalidDataset:
    """With GOOD loaded, the input ``make(tmp_path)`` fails with the problem ``where`` (see
    ``assert_problem``) and leaves the graph as it was."""
    load_path(store, write_csv(tmp_path / "good", good()))
    before = export_dataset(store).tables
    bad = make(tmp_path)
    with pytest.raises(InvalidDataset) as caught:
        load_path(store, bad)
    assert_problem(caught.value.problems, **where)
    assert export_dataset(store).tables == before == expected_tables()
    return caught.value


def _spoil(change) -> dict[str, list[dict]]:
    tables = good()
    change(tables)
    return tables


def _csv_with(tmp: Path, change) -> Path:
    return write_csv(tmp / "csv", _spoil(change))


def _drop_name(tables: dict) -> None:
    for row in tables["municipalities"]:
        del row["name"]


def _empty_suppliers(tmp: Path) -> Path:
    folder = write_csv(tmp / "csv", good())
    (folder / "suppliers.csv").write_text("", encoding="utf-8")
    return folder


def _latin1(tmp: Path) -> Path:
    folder = write_csv(tmp / "csv", good())
    text = (folder / "municipalities.csv").read_text(encoding="utf-8")
    (folder / "municipalities.csv").write_bytes(text.encode("latin-1"))
    return folder


def _formula(tmp: Path) -> Path:
    path = write_xlsx(tmp / "data.xlsx", good())
    wb = openpyxl.load_workbook(path)
    wb["municipalities"]["D3"] = "=SUM(D2:D2)"
    wb.save(path)
    return path


def _text_file(name: str, text: str):
    def make(tmp: Path) -> Path:
        path = tmp / name
        path.write_text(text, encoding="utf-8")
        return path
    return make


BAD_CASES: dict[str, tuple[Any, dict[str, Any]]] = {
    "missing required column": (
        lambda tmp: _csv_with(tmp, _drop_name),
        dict(file="municipalities.csv", row=1, column="name", message="required column is missing",
             expected="text")),
    "unknown column": (
        lambda tmp: _csv_with(tmp, lambda t: t["capabilities"][0].update(colour="blue")),
        dict(file="capabilities.csv", row=1, column="colour", message="unknown column",
             expected="one of id, area")),
    "wrong type": (
        lambda tmp: _csv_with(tmp, lambda t: t["municipalities"][1].update(population="many")),
        dict(file="municipalities.csv", row=3, column="population", value="many",
             message="not a whole number", expected="a whole number")),
    "maturity 7": (
        lambda tmp: _csv_with(tmp, lambda t: t["assessments"][0].update(maturity=7)),
        dict(file="assessments.csv", row=2, column="maturity", value="7", message="too large",
             expected="from 1 to 5")),
    "unknown municipality": (
        lambda tmp: _csv_with(tmp, lambda t: t["system_usage"][0].update(municipality="1499")),
        dict(file="system_usage.csv", row=2, column="municipality", value="1499",
             message="does not exist", expected="a key listed in municipalities")),
    "duplicate key": (
        lambda tmp: _csv_with(tmp, lambda t: t["capabilities"][1].update(id="network")),
        dict(file="capabilities.csv", row=3, column="id", value="network",
             message="duplicate key id=network (first on row 2)", expected="each key once")),
    "empty file": (
        _empty_suppliers,
        dict(file="suppliers.csv", message="the file is empty", expected="a header row")),
    "dependency cycle": (
        lambda tmp: _csv_with(tmp, lambda t: t["capability_dependencies"].append(
            {"capability": "network", "depends_on": "identity"})),
        dict(file="capability_dependencies.csv", message="cycle", expected="without cycles")),
    "latin-1 csv": (
        _latin1,
        dict(file="municipalities.csv", message="not UTF-8", expected="UTF-8")),
    "excel formula": (
        _formula,
        dict(file="data.xlsx, sheet 'municipalities'", row=3, column="population", value="=SUM(D2:D2)",
             message="formula that Excel has not calculated", expected="a value")),
    "excel wrong value": (
        lambda tmp: write_xlsx(tmp / "data.xlsx", _spoil(
            lambda t: t["assessments"][1].update(method="guess"))),
        dict(file="data.xlsx, sheet 'assessments'", row=3, column="method", value="guess",
             expected="one of self_assessment, external_review")),
    "json syntax": (
        _text_file("data.json", '{"municipalities": [\n  {"code": "1485",}\n]}'),
        dict(file="data.json", message="not valid JSON: Expecting property name enclosed in double "
             "quotes at line 2, column 19")),
    "yaml syntax": (
        _text_file("data.yaml", "municipalities:\n  - code: '1485\n    name: x\n"),
        dict(file="data.yaml", message="not valid YAML", expected="an object")),
    "json not an object": (
        _text_file("data.json", "[1, 2]"),
        dict(file="data.json", message="the document holds a list", expected="an object")),
    "yaml empty": (
        _text_file("data.yaml", ""),
        dict(file="data.yaml", message="the file is empty", expected="an object")),
    "json table not a list": (
        _text_file("data.json", '{"municipalities": {"code": "1485"}}'),
        dict(file="data.json, table 'municipalities'", message="not a list", value="dict",
             expected="a list of objects")),
    "json item not an object": (
        lambda tmp: write_json(tmp / "data.json", _spoil(
            lambda t: t["municipalities"].insert(1, "1486"))),
        dict(file="data.json, table 'municipalities'", row=2, value="1486", message="not an object",
             expected="an object of column: value")),
    "json wrong value keeps item numbers": (
        lambda tmp: write_json(tmp / "data.json", _spoil(
            lambda t: (t["municipalities"].insert(0, 5), t["municipalities"][2].update(population=-1)))),
        dict(file="data.json, table 'municipalities'", row=3, column="population", value="-1",
             message="too small", expected="of at least 0")),
}


@pytest.mark.parametrize("case", list(BAD_CASES))
def test_bad_input_is_reported_and_changes_nothing(store: GraphStore, tmp_path: Path, case: str) -> None:
    error = assert_rejected(store, tmp_path, *BAD_CASES[case])
    assert str(error).startswith(f"{len(error.problems)} problem")


def test_all_problems_are_reported_at_once(tmp_path: Path) -> None:
    def spoil(tables: dict) -> None:
        tables["municipalities"][0]["population"] = "many"
        tables["assessments"][0]["maturity"] = 0
        tables["systems"][1]["hosting"] = "cloud"

    with pytest.raises(InvalidDataset) as caught:
        read_path(_csv_with(tmp_path, spoil))
    assert {(p.column, p.row) for p in caught.value.problems} == {
        ("population", 2), ("maturity", 2), ("hosting", 3)}


def test_unknown_file_and_missing_path_are_problems(tmp_path: Path) -> None:
    (tmp_path / "data.txt").write_text("x", encoding="utf-8")
    assert_problem(read_dataset(tmp_path / "data.txt").problems, file="data.txt",
                   message="unknown format .txt", expected=".xlsx")
    assert_problem(read_dataset(tmp_path / "nope.json").problems, file="nope.json",
                   message="no such file")
    (tmp_path / "broken.xlsx").write_bytes(b"not a zip file")
    assert_problem(read_dataset(tmp_path / "broken.xlsx").problems, file="broken.xlsx",
                   message="cannot be read as an Excel workbook", expected=".xlsx")


# --- idempotency and round trips -----------------------------------------------------------------

def test_loading_twice_gives_the_same_graph(store: GraphStore, tmp_path: Path) -> None:
    source = write_csv(tmp_path / "csv", good())
    load_path(store, source)
    first = export_dataset(store).tables
    load_path(store, source)
    assert export_dataset(store).tables == first == expected_tables()


def test_csv_export_round_trip(store: GraphStore, tmp_path: Path) -> None:
    load_path(store, write_csv(tmp_path / "csv", good()))
    first = export_dataset(store)
    write_csv_folder(first, tmp_path / "export")
    load_path(store, tmp_path / "export")
    second = export_dataset(store)
    assert second.tables == first.tables == expected_tables()
    network = next(row for row in second.tables["capabilities"] if row["id"] == "network")
    assert network["description"] == TRICKY_TEXT


@pytest.mark.parametrize("name", ["export.xlsx", "export.json", "export.yaml"])
def test_other_formats_round_trip(store: GraphStore, tmp_path: Path, name: str) -> None:
    load_path(store, write_json(tmp_path / "data.json", good()))
    first = export_dataset(store)
    path = tmp_path / name
    write_workbook(first, path) if name.endswith(".xlsx") else write_document(first, path)
    assert read_path(path).tables == first.tables
    load_path(store, path)
    assert export_dataset(store).tables == first.tables


def test_text_that_looks_like_a_formula_stays_text(tmp_path: Path) -> None:
    tables = good()
    tables["capabilities"][1]["description"] = "=not a formula"
    dataset = validate(RawDataset.from_records(tables))
    write_workbook(dataset, tmp_path / "t.xlsx", template=False)
    assert read_path(tmp_path / "t.xlsx").tables == dataset.tables


# --- the Excel template ---------------------------------------------------------------------------

def _structure(path: Path) -> list[tuple[str, str, tuple]]:
    wb = openpyxl.load_workbook(path, read_only=True)
    out = []
    for ws in wb.worksheets:
        header = next(ws.iter_rows(max_row=1, values_only=True), ())
        out.append((ws.title, ws.sheet_state, header if ws.title != README_SHEET else ()))
    wb.close()
    return out


def test_committed_template_is_what_the_code_writes(tmp_path: Path) -> None:
    fresh = write_workbook(Dataset.empty(), tmp_path / "template.xlsx")
    assert _structure(TEMPLATE) == _structure(fresh)
    sheets = [title for title, _, _ in _structure(TEMPLATE)]
    assert sheets == [README_SHEET, *(t.name for t in TABLES), LISTS_SHEET]
    for title, state, header in _structure(TEMPLATE):
        if title in TABLES_BY_NAME:
            assert header == TABLES_BY_NAME[title].column_names and state == "visible"


def test_empty_template_says_what_is_missing() -> None:
    with pytest.raises(InvalidDataset) as caught:
        read_path(TEMPLATE)
    assert {p.message for p in caught.value.problems} == {
        f"the table '{name}' is missing or empty"
        for name in ("municipalities", "capability_areas", "capabilities")}


def test_filled_template_loads(store: GraphStore, tmp_path: Path) -> None:
    path = write_workbook(validate(RawDataset.from_records(good())), tmp_path / "filled.xlsx")
    load_path(store, path)
    assert export_dataset(store).tables == expected_tables()


def _checks(ws: Any) -> dict[str, tuple[str, str | None, str]]:
    """Column letter -> (type, formula1, error style) of each data validation on the sheet."""
    return {str(dv.sqref).split(":")[0].rstrip("0123456789"): (dv.type, dv.formula1, dv.errorStyle)
            for dv in ws.data_validations.dataValidation}


def test_template_offers_drop_downs_and_instructions() -> None:
    wb = openpyxl.load_workbook(TEMPLATE)
    assessments = _checks(wb["assessments"])
    assert assessments["E"] == ("list", '"1,2,3,4,5"', None)  # maturity
    assert assessments["F"] == ("list", '"1,2,3,4,5"', None)  # target
    assert assessments["D"] == ("list", '"self_assessment,external_review"', None)
    assert assessments["A"] == ("list", "'municipalities'!$A$2:$A$2001", "warning")
    assert assessments["C"][0] == "whole"  # round, 1990-2100
    systems = _checks(wb["systems"])
    assert systems["E"][1] == '"tolerate,invest,migrate,eliminate"'
    assert systems["G"][1] == '"on_premise,hosted,saas"'
    assert _checks(wb["capabilities"])["F"][1] == '"true,false"'
    assert _checks(wb["regions"])["C"][1] == '"kommunalforbund,county,other"'
    assert _checks(wb["collaborations"])["C"][1].startswith('"avtalssamverkan,')
    assert _checks(wb["municipalities"])["A"] == ("list", f"{LISTS_SHEET}!$A$2:$A$15", "warning")
    lists = wb[LISTS_SHEET]
    assert lists.sheet_state == "hidden"
    assert {row[0] for row in lists.iter_rows(min_row=2, values_only=True)} == FYRBODAL_CODES
    ws = wb["assessments"]
    assert ws.freeze_panes == "A2" and ws["A1"].font.bold
    assert "1 (initial) to 5 (optimised)" in ws["E1"].comment.text
    readme = "\n".join(str(c) for row in wb[README_SHEET].iter_rows(values_only=True) for c in row if c)
    assert "Mognadsskala" in readme and "optimised" in readme and "optimerad" in readme
    assert all(t.name in readme for t in TABLES)


def test_template_lists_the_datasets_own_municipalities(tmp_path: Path) -> None:
    tables = good()
    tables["municipalities"].append({"code": "0180", "name": "Stockholm"})
    path = write_workbook(validate(RawDataset.from_records(tables)), tmp_path / "t.xlsx")
    lists = openpyxl.load_workbook(path)[LISTS_SHEET]
    codes = [row[0] for row in lists.iter_rows(min_row=2, values_only=True)]
    assert codes == sorted({*FYRBODAL_CODES, "0180"})
