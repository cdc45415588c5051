"""Injection: names and values full of Cypher and spreadsheet syntax stay plain data through
load (CSV, Excel, JSON), saved queries with parameters and export; and exported CSV and
Excel cells never start a formula (``kb.safe_cells``), while loading them back gives the
original text.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

import openpyxl
import pandas as pd
import pytest
from bad_inputs import sorted_tables
from test_loaders import good, write_json

from kb.dataset import RawDataset
from kb.export import export_dataset
from kb.formatting import write_frame
from kb.load import load_path, read_path
from kb.queries import run_query
from kb.safe_cells import FORMULA_STARTS, restore, spreadsheet_safe
from kb.store import GraphStore
from kb.validate import validate
from loaders.csv_folder import write_csv_folder
from loaders.excel import write_workbook

HOSTILE = [
    "it's \"quoted\"", "back`tick` `Capability`", "{braces} {{x}}", "x'}) DETACH DELETE n //",
    "$param and $label", "line one\nline two", "Åmål – ÆØ ß 東京 🚀", "a\\b\\\\c", "MATCH (n) RETURN n",
    "=1+1", "+46 70 123", "-minus", "@SUM(A1)", "=HYPERLINK(\"http://x\")", "'=already quoted",
    "''=two quotes", "'plain quote", "a\tb",
]
"""Each becomes a capability id, its Swedish name and a system's name in the dataset below.
(Not CR LF inside a cell: an .xlsx file, being XML, gives it back as LF.)"""


def hostile_tables() -> dict[str, list[dict[str, Any]]]:
    tables = good()
    for number, text in enumerate(HOSTILE):
        tables["capabilities"].append({"id": text, "area": "infra", "name_sv": text,
                                       "name_en": f"capability {number}", "description": text})
        tables["systems"].append({"id": f"s{number}", "name": text, "category": text})
        tables["system_capabilities"].append({"system": f"s{number}", "capability": text})
    tables["system_usage"][0]["source"] = "-5"  # text that looks like a negative number
    return tables


def expected() -> dict[str, list[dict[str, Any]]]:
    return sorted_tables(validate(RawDataset.from_records(hostile_tables())).tables)


def _dataset() -> Any:
    return validate(RawDataset.from_records(hostile_tables()))


WRITERS = {
    "csv": lambda tmp: write_csv_folder(_dataset(), tmp / "csv") and tmp / "csv",
    "xlsx": lambda tmp: write_workbook(_dataset(), tmp / "data.xlsx"),
    "json": lambda tmp: write_json(tmp / "data.json", hostile_tables()),
}
"""The product's own CSV and Excel writers (a hand-made file's leading quote before '=' is
taken as protective, by the rule of ``kb.safe_cells``), and JSON as anyone writes it."""


@pytest.mark.parametrize("fmt", list(WRITERS))
def test_hostile_text_loads_and_exports_as_plain_data(store: GraphStore, tmp_path: Path, fmt: str) -> None:
    load_path(store, WRITERS[fmt](tmp_path))
    assert export_dataset(store).tables == expected()


def test_hostile_text_is_found_by_parameters(store: GraphStore, tmp_path: Path) -> None:
    load_path(store, WRITERS["json"](tmp_path))
    for text in HOSTILE:
        node = run_query(store, "graph/focus", {"label": "Capability", "key": text}).scalar()
        assert node.properties["id"] == node.properties["name_sv"] == text
    names = {row[1] for row in run_query(store, "graph/nodes_of_label", {"label": "Capability"}).rows}
    assert set(HOSTILE) <= names
    nodes = store.read("MATCH (n) WHERE NOT n:KnowledgeBase RETURN count(n)").scalar()  # not Neo4j's marker
    assert nodes == 12 + 2 * len(HOSTILE)


@pytest.mark.parametrize("target", ["csv", "export.xlsx"])
def test_exports_load_back_to_the_same_graph(store: GraphStore, tmp_path: Path, target: str) -> None:
    load_path(store, WRITERS["json"](tmp_path))
    exported = export_dataset(store)
    path = tmp_path / target
    write_workbook(exported, path, template=False) if target.endswith(".xlsx") else \
        write_csv_folder(exported, path)
    assert read_path(path).tables == exported.tables
    load_path(store, path)
    assert export_dataset(store).tables == expected()


def _starts_a_formula(cell: Any) -> bool:
    return isinstance(cell, str) and cell.startswith(FORMULA_STARTS)


def test_exported_csv_cells_never_start_a_formula(tmp_path: Path) -> None:
    dataset = validate(RawDataset.from_records(hostile_tables()))
    write_csv_folder(dataset, tmp_path / "out")
    cells = {}
    for name in ("capabilities", "systems", "system_usage"):
        with open(tmp_path / "out" / f"{name}.csv", encoding="utf-8", newline="") as handle:
            cells[name] = [cell for row in csv.reader(handle) for cell in row]
    assert not any(_starts_a_formula(c) for values in cells.values() for c in values)
    assert "'=1+1" in cells["capabilities"] and "'-minus" in cells["capabilities"]
    assert "'''=two quotes" in cells["capabilities"] and "'plain quote" in cells["capabilities"]
    assert "'-5" in cells["system_usage"]  # text, so quoted


def test_exported_excel_cells_never_start_a_formula(tmp_path: Path) -> None:
    tables = hostile_tables()
    tables["system_usage"][0]["annual_cost_sek"] = 0.0
    dataset = validate(RawDataset.from_records(tables))
    path = write_workbook(dataset, tmp_path / "out.xlsx", template=False)
    wb = openpyxl.load_workbook(path)
    cells = [cell for ws in wb.worksheets for row in ws.iter_rows() for cell in row]
    assert not any(cell.data_type == "f" or _starts_a_formula(cell.value) for cell in cells)
    assert "'@SUM(A1)" in {cell.value for cell in cells}


def test_negative_numbers_stay_numbers(tmp_path: Path) -> None:
    frame = pd.DataFrame({"change": [-1.5, 2], "note": ["-1.5", "=cmd|'/c calc'!A0"]})
    out = io.StringIO()
    write_frame(frame, "csv", out)
    assert out.getvalue().splitlines() == ["change,note", "-1.5,'-1.5", "2.0,'=cmd|'/c calc'!A0"]


@pytest.mark.parametrize("text", [*HOSTILE, "", "'", "''", "'x", "\tleading tab", "\rcr", "=", "'-", "''-"])
def test_safe_and_restore_are_inverse(text: str) -> None:
    safe = spreadsheet_safe(text)
    assert restore(safe) == text
    assert not safe.startswith(FORMULA_STARTS)
    assert spreadsheet_safe(-5) == -5 and restore(-5) == -5


def test_app_downloads_neutralise_formula_cells() -> None:
    import pandas as pd

    from ui.widgets import _flat

    frame = pd.DataFrame({"name": ["=HYPERLINK(\"x\")", "plain", "@SUM(A1)"], "score": [-1.5, 2.0, 3.0],
                          "members": [["=a", "b"], [], ["c"]]})
    flat = _flat(frame)
    assert flat["name"].tolist() == ["'=HYPERLINK(\"x\")", "plain", "'@SUM(A1)"]
    assert flat["score"].tolist() == [-1.5, 2.0, 3.0]  # numbers stay numbers
    assert flat["members"].tolist() == ["'=a, b", "", "c"]
