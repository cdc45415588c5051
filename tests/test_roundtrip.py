"""The Excel round trip: export the graph as the filled template, edit it, load it back."""

from __future__ import annotations

from pathlib import Path

from openpyxl import load_workbook

from kb.export import export_dataset
from kb.load import load_path
from kb.queries import run_query
from loaders import write_dataset
from tests.conftest import DEMO


def _header_index(sheet, name: str) -> int:
    return [cell.value for cell in sheet[1]].index(name) + 1


def test_edited_workbook_updates_only_what_changed(store, tmp_path: Path) -> None:
    load_path(store, DEMO)
    original = export_dataset(store)
    workbook_path = tmp_path / "filled.xlsx"
    write_dataset(original, workbook_path)

    book = load_workbook(workbook_path)
    sheet = book["assessments"]
    maturity = _header_index(sheet, "maturity")
    first = {cell_name: sheet.cell(2, _header_index(sheet, cell_name)).value
             for cell_name in ("municipality", "capability", "round", "method")}
    old_value = sheet.cell(2, maturity).value
    new_value = 5 if old_value != 5 else 1
    sheet.cell(2, maturity).value = new_value
    suppliers = book["suppliers"]
    suppliers.append(["new-supplier", "Ny Leverantör AB", "556000-0000"])
    book.save(workbook_path)

    report = load_path(store, workbook_path, compare=True)
    changes = report.changes
    assert changes is not None
    assessments = changes["assessments"]
    assert (assessments.changed, assessments.added, assessments.removed) == (1, 0, 0)
    assert assessments.unchanged == len(original.tables["assessments"]) - 1
    assert (changes["suppliers"].added, changes["suppliers"].changed) == (1, 0)
    untouched = {name for name, c in changes.items() if not c.any}
    assert untouched == {t for t, rows in original.tables.items() if rows} - {"assessments", "suppliers"}

    stored = run_query(store, "analysis/assessments", {"round": first["round"]}).records()
    edited = next(r for r in stored if r["municipality"] == first["municipality"]
                  and r["capability"] == first["capability"] and r["method"] == first["method"])
    assert edited["maturity"] == new_value


def test_loading_the_same_file_again_reports_no_change(store, tmp_path: Path) -> None:
    load_path(store, DEMO)
    report = load_path(store, DEMO, compare=True)
    assert report.changes is not None
    assert not any(c.any for c in report.changes.values())
