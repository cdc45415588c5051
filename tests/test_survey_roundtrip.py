"""An assessment round end to end on the demo data: 14 questionnaires made, 12 filled in by
hand (openpyxl, typing into the unlocked cells), collected, and seen by the analyses.

What the test types is what it expects back: maturity (i + n) % 5 + 1 and target 5 for the
n-th capability of the i-th answering municipality; Sotenäs leaves two capabilities blank;
Orust stops using Power BI and adds Unit4 ERP. Dals-Ed (1438) and Åmål (1492) do not
answer, so they keep their 2024 assessments.
"""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from conftest import DEMO, LoadRecords
from survey_fill import fill_capabilities, row_of, type_into

from kb.analysis.common import current_assessments
from kb.export import export_dataset
from kb.load import load_path
from kb.store import GraphStore
from kb.survey import collect_answers, make_questionnaires, round_status

ROUND = 2027
MISSING = {"1438", "1492"}
BLANK = ("portfolio-steering", "project-steering")


@pytest.fixture
def demo(store: GraphStore) -> GraphStore:
    load_path(store, DEMO)
    return store


def _capability_ids(path: Path) -> list[str]:
    wb = openpyxl.load_workbook(path, read_only=True)
    ids = [row[0] for row in wb["Förmågor"].iter_rows(min_row=2, values_only=True)]
    wb.close()
    return ids


def _fill(paths: list[Path]) -> dict[tuple[str, str], tuple[int, int]]:
    """Fill in every questionnaire but the missing two; return what was typed per (code, capability)."""
    typed = {}
    answering = [p for p in paths if p.name.split("-")[1] not in MISSING]
    for i, path in enumerate(answering):
        code = path.name.split("-")[1]
        answers = {cap: ((i + n) % 5 + 1, 5) for n, cap in enumerate(_capability_ids(path))
                   if not (code == "1427" and cap in BLANK)}
        fill_capabilities(path, answers, ROUND)
        type_into(path, "IT-kapacitet", {(ROUND, "Drift, årsarbetare"): 4.5 + i,
                                         (ROUND, "Utveckling, årsarbetare"): 2.0})
        typed.update({(code, cap): value for cap, value in answers.items()})
    return typed


def _orust_changes_its_systems(path: Path) -> None:
    wb = openpyxl.load_workbook(path)
    first_blank = wb["System"].max_row - 24
    wb.close()
    type_into(path, "System", {("power-bi", "Används"): "nej"})
    wb = openpyxl.load_workbook(path)
    ws = wb["System"]
    assert ws.cell(first_blank, 1).value is None and ws.cell(first_blank, 1).protection.locked is False
    ws.cell(first_blank, 1).value = "unit4-erp"
    ws.cell(first_blank, 7).value = "2030-06-30"
    wb.save(path)


def test_a_round_made_filled_and_collected_for_twelve_of_fourteen(demo: GraphStore, tmp_path: Path) -> None:
    paths = make_questionnaires(demo, ROUND, tmp_path / "out", contact="Anna, anna@fyrbodal.se")
    assert len(paths) == 14 and paths[0].name == "2027-1421-orust.xlsx"
    typed = _fill(paths)
    _orust_changes_its_systems(paths[0])
    returned = [p for p in paths if p.name.split("-")[1] not in MISSING]

    report = collect_answers(demo, ROUND, returned)

    assert report.problems == [] and report.written == 12
    by_code = {r.municipality: r for r in report.results}
    assert {c for c, r in by_code.items() if r.status == "missing"} == MISSING
    assert by_code["1427"].status == "partly" and by_code["1427"].blank == BLANK
    assert by_code["1421"].systems_added == 1 and by_code["1421"].systems_removed == 1
    current = current_assessments(demo)
    seen = {(r.municipality, r.capability): (r.round, r.maturity, r.target) for r in current.itertuples()}
    assert {k: v for k, v in seen.items() if v[0] == ROUND} == {k: (ROUND, *v) for k, v in typed.items()}
    assert {k[0] for k, v in seen.items() if v[0] == 2024} == MISSING | {"1427"}
    assert {k[1] for k, v in seen.items() if v[0] == 2024 and k[0] == "1427"} == set(BLANK)
    graph = export_dataset(demo).tables
    orust = {u["system"]: u for u in graph["system_usage"] if u["municipality"] == "1421"}
    assert "power-bi" not in orust and orust["unit4-erp"]["contract_end"] == "2030-06-30"
    assert orust["unit4-erp"]["source_file"] == "2027-1421-orust.xlsx"
    capacity = {(c["municipality"], c["year"]): c for c in graph["it_capacity"]}
    assert capacity[("1421", ROUND)]["fte_operations"] == 4.5 and ("1438", ROUND) not in capacity


def test_collecting_the_same_answers_again_changes_nothing(demo: GraphStore, tmp_path: Path) -> None:
    paths = make_questionnaires(demo, ROUND, tmp_path / "out", municipalities=["1421", "1427"])
    fill_capabilities(paths[0], {"portfolio-steering": (3, 4)}, ROUND)
    assert collect_answers(demo, ROUND, paths).written == 1  # 1427 returned its questionnaire blank
    before = export_dataset(demo).tables
    again = collect_answers(demo, ROUND, paths)
    assert again.written == 0 and {r.outcome for r in again.results if r.in_batch} == {"unchanged"}
    assert export_dataset(demo).tables == before


def test_a_late_answer_is_collected_on_its_own(demo: GraphStore, tmp_path: Path) -> None:
    first, late = make_questionnaires(demo, ROUND, tmp_path / "out", municipalities=["1421", "1492"])
    fill_capabilities(first, {"portfolio-steering": (3, 4)}, ROUND)
    collect_answers(demo, ROUND, [first])
    fill_capabilities(late, {"portfolio-steering": (2, 3)}, ROUND)

    report = collect_answers(demo, ROUND, [late])

    assert report.written == 1
    by_code = {r.municipality: r for r in report.results}
    assert (by_code["1421"].in_batch, by_code["1421"].status, by_code["1421"].file) == (
        False, "partly", "2027-1421-orust.xlsx")
    status = round_status(demo, ROUND).set_index("municipality")
    assert status.loc["1421", "assessed"] == 1 and status.loc["1492", "assessed"] == 1
    assert status.loc["1492", "source_file"] == "2027-1492-amal.xlsx"
    assert status.loc["1492", "collected_at"] >= status.loc["1421", "collected_at"] > ""
    assert status.loc["1438", "status"] == "missing"


def test_a_dry_run_reports_and_writes_nothing(demo: GraphStore, tmp_path: Path) -> None:
    (path,) = make_questionnaires(demo, ROUND, tmp_path / "out", municipalities=["1485"])
    before = export_dataset(demo).tables
    fill_capabilities(path, {"portfolio-steering": (4, 5)}, ROUND)
    report = collect_answers(demo, ROUND, [path], dry_run=True)
    assert [r.outcome for r in report.results if r.in_batch] == ["to write"] and report.written == 0
    assert export_dataset(demo).tables == before


def test_the_questionnaire_shows_last_round_read_only(demo: GraphStore, tmp_path: Path) -> None:
    (path,) = make_questionnaires(demo, ROUND, tmp_path / "out", municipalities=["1421"], lang="en")
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == ["Instructions", "Capabilities", "Systems", "IT capacity", "System catalogue",
                             "kb_survey"]
    assert wb["kb_survey"].sheet_state == "veryHidden" and wb.security.lockStructure
    ws = wb["Capabilities"]
    header = [c.value for c in ws[1]]
    assert header[5:10] == ["Maturity 2024", "Target 2024", "Self-assessed 2024", "Maturity 2027",
                            "Target 2027"]
    row = ws[row_of(ws, "portfolio-steering")]
    # data/demo/assessments.csv: 1421,portfolio-steering,2024,self_assessment,2,3
    assert [c.value for c in row[5:8]] == [2, 3, "yes"]
    assert ws.protection.sheet and all(c.protection.locked for c in row[:8])
    assert not any(c.protection.locked for c in row[8:11])
    checks = {str(v.sqref): v.formula1 for v in ws.data_validations.dataValidation}
    assert checks[f"I2:I{ws.max_row}"] == '"1,2,3,4,5"'


def test_the_analyses_count_each_municipalitys_latest_round(store: GraphStore,
                                                            load_records: LoadRecords) -> None:
    load_records(
        municipalities=[{"code": "0001", "name": "A"}, {"code": "0002", "name": "B"}],
        capability_areas=[{"id": "a", "name_sv": "A", "name_en": "A"}],
        capabilities=[{"id": "c", "area": "a", "name_sv": "C", "name_en": "C"}],
        assessments=[{"municipality": "0001", "capability": "c", "round": 2021, "method": "self_assessment",
                      "maturity": 1},
                     {"municipality": "0001", "capability": "c", "round": 2024, "method": "self_assessment",
                      "maturity": 3},
                     {"municipality": "0002", "capability": "c", "round": 2021, "method": "self_assessment",
                      "maturity": 2}])
    current = current_assessments(store)
    assert sorted(zip(current["municipality"], current["round"], current["maturity"])) == [
        ("0001", 2024, 3), ("0002", 2021, 2)]
