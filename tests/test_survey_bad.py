"""Bad answers, each refused with its location and nothing written.

The graph: municipalities 0001 and 0002; capabilities c1, c2, c3 in area a (rows 2, 3, 4 of
the capability sheet); systems s1 and s2, 0001 uses s1 (row 2 of its system sheet); both
assessed in 2024. Questionnaires are made for round 2025; in every batch below 0002's answer
is good, so the refusal is of the whole batch: the graph is compared before and after.
"""

from __future__ import annotations

import shutil
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from conftest import LoadRecords
from survey_fill import edit, fill_capabilities, type_into

from kb.export import export_dataset
from kb.store import GraphStore
from kb.survey import collect_answers, make_questionnaires

ROUND = 2025


def _records(capabilities: tuple[str, ...] = ("c1", "c2", "c3")) -> dict[str, list[dict[str, Any]]]:
    return {
        "municipalities": [{"code": "0001", "name": "Ett"}, {"code": "0002", "name": "Två"}],
        "capability_areas": [{"id": "a", "name_sv": "A", "name_en": "A"}],
        "capabilities": [{"id": c, "area": "a", "name_sv": c.upper(), "name_en": c.upper()}
                         for c in capabilities],
        "systems": [{"id": "s1", "name": "S1"}, {"id": "s2", "name": "S2"}],
        "system_usage": [{"municipality": "0001", "system": "s1"}],
        "assessments": [{"municipality": code, "capability": "c1", "round": 2024,
                         "method": "self_assessment", "maturity": 2} for code in ("0001", "0002")],
    }


@pytest.fixture
def made(store: GraphStore, load_records: LoadRecords, tmp_path: Path) -> dict[str, Path]:
    """Both questionnaires, 0002's filled in well."""
    load_records(**_records())
    one, two = make_questionnaires(store, ROUND, tmp_path / "out")
    fill_capabilities(two, {"c1": (3, 4), "c2": (2, 2), "c3": (1, 3)}, ROUND)
    return {"0001": one, "0002": two}


def _refused(store: GraphStore, paths: list[Path], **options: Any) -> list[str]:
    """The problems of collecting ``paths``, after checking that nothing was written."""
    before = export_dataset(store).tables
    report = collect_answers(store, ROUND, paths, **options)
    assert report.problems and report.written == 0
    assert export_dataset(store).tables == before
    return [str(p) for p in report.problems]


def test_maturity_7(store: GraphStore, made: dict[str, Path]) -> None:
    fill_capabilities(made["0001"], {"c2": (7, 5)}, ROUND)
    assert _refused(store, [made["0001"], made["0002"]]) == [
        f"{made['0001']}, sheet 'Förmågor', row 3, column 'I (Mognad 2025)': the value is too large "
        "(value: '7'); expected a whole number from 1 to 5"]


def test_text_in_a_number_cell(store: GraphStore, made: dict[str, Path]) -> None:
    type_into(made["0001"], "IT-kapacitet", {(ROUND, "Drift, årsarbetare"): "många"})
    assert _refused(store, [made["0001"], made["0002"]]) == [
        f"{made['0001']}, sheet 'IT-kapacitet', row 3, column 'B (Drift, årsarbetare)': the value is "
        "not a number (value: 'många'); expected a number of at least 0"]


def test_a_workbook_of_another_municipality(store: GraphStore, made: dict[str, Path]) -> None:
    assert _refused(store, [made["0002"]], municipalities=["0001"]) == [
        f"{made['0002']}, sheet 'kb_survey', column 'municipality': the municipality is not one of "
        "those being collected (value: '0002'); expected one of 0001"]


def test_an_edited_capability_id(store: GraphStore, made: dict[str, Path]) -> None:
    edit(made["0001"], "Förmågor", lambda ws: setattr(ws["A3"], "value", "c9"))
    assert _refused(store, [made["0001"], made["0002"]]) == [
        f"{made['0001']}, sheet 'Förmågor', row 3, column 'A (Förmåga-id)': the capability id was "
        "changed (value: 'c9'); expected the id the questionnaire was sent with (the grey cells must "
        "not be edited)",
        f"{made['0001']}, sheet 'Förmågor', row 3, column 'A (Förmåga-id)': the row of capability c2 "
        "is missing (deleted?); expected a row for every capability, c2 on row 3"]


def test_a_deleted_row(store: GraphStore, made: dict[str, Path]) -> None:
    edit(made["0001"], "Förmågor", lambda ws: ws.delete_rows(3))
    assert _refused(store, [made["0001"], made["0002"]]) == [
        f"{made['0001']}, sheet 'Förmågor', row 3, column 'A (Förmåga-id)': the row of capability c2 "
        "is missing (deleted?); expected a row for every capability, c2 on row 3"]


def test_a_duplicated_workbook_in_one_batch(store: GraphStore, made: dict[str, Path]) -> None:
    copy = made["0002"].with_name("kopia.xlsx")
    shutil.copy(made["0002"], copy)
    assert _refused(store, [made["0002"], copy]) == [
        f"{copy}: a second workbook for municipality 0002 in this batch (the first: {made['0002']}); "
        "expected one workbook per municipality; remove one of them"]


def test_a_file_that_is_not_a_workbook(store: GraphStore, made: dict[str, Path], tmp_path: Path) -> None:
    text = tmp_path / "svar.xlsx"
    text.write_text("Hej! Här är våra svar: c1 = 3.", encoding="utf-8")
    assert _refused(store, [text, made["0002"]]) == [
        f"{text}: the file is not an Excel workbook; expected a questionnaire (.xlsx) as it was sent out"]


def test_protection_removed_and_ids_changed(store: GraphStore, made: dict[str, Path]) -> None:
    def unprotect_and_change(ws: Any) -> None:
        ws.protection.sheet = False
        ws["A2"] = "s2"

    edit(made["0001"], "System", unprotect_and_change)
    assert _refused(store, [made["0001"], made["0002"]]) == [
        f"{made['0001']}, sheet 'System', column 'A (System-id)': the row of system s1 is missing "
        "(deleted or its id changed?); expected the row of s1, with In use set to no if no longer used"]


def test_a_workbook_of_another_round(store: GraphStore, made: dict[str, Path]) -> None:
    before = export_dataset(store).tables
    report = collect_answers(store, ROUND + 1, [made["0002"]])
    assert [str(p) for p in report.problems] == [
        f"{made['0002']}, sheet 'kb_survey', column 'round': the questionnaire is for round 2025, not "
        "2026 (value: '2025'); expected a questionnaire of round 2026"]
    assert export_dataset(store).tables == before


def test_a_changed_capability_map(store: GraphStore, made: dict[str, Path],
                                  load_records: LoadRecords) -> None:
    load_records(**_records(("c1", "c2", "c3", "c4")))
    problems = _refused(store, [made["0002"]])
    assert len(problems) == 1 and problems[0].startswith(
        f"{made['0002']}, sheet 'kb_survey', column 'map_version': the capability map has changed "
        "since the questionnaire was made")


def test_a_changed_header(store: GraphStore, made: dict[str, Path]) -> None:
    edit(made["0001"], "Förmågor", lambda ws: setattr(ws["I1"], "value", "Mognad"))
    assert _refused(store, [made["0001"], made["0002"]]) == [
        f"{made['0001']}, sheet 'Förmågor', row 1, column 'I': the column header was changed "
        "(value: 'Mognad'); expected 'Mognad 2025'"]


CRAFTED: dict[str, Callable[[zipfile.ZipFile], None]] = {
    "unpacks to 30 MB": lambda z: z.writestr("xl/worksheets/sheet1.xml", b"<a>" + b" " * 30_000_000),
    "holds 500 parts": lambda z: [z.writestr(f"x/{i}.xml", b"") for i in range(500)] and None,
}


@pytest.mark.parametrize("craft", CRAFTED, ids=list(CRAFTED))
def test_a_crafted_workbook_is_refused_before_it_is_read(store: GraphStore, made: dict[str, Path],
                                                         tmp_path: Path, craft: str) -> None:
    bomb = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        CRAFTED[craft](archive)
    (problem,) = _refused(store, [bomb, made["0002"]])
    assert problem.startswith(f"{bomb}: the workbook holds ") and "expected at most 200 parts" in problem


def test_a_zip_of_answers_is_read_like_the_files(store: GraphStore, made: dict[str, Path],
                                                 tmp_path: Path) -> None:
    fill_capabilities(made["0001"], {"c1": (7, 5)}, ROUND)
    bundle = tmp_path / "svar.zip"
    with zipfile.ZipFile(bundle, "w") as archive:
        for path in made.values():
            archive.write(path, f"inkorg/{path.name}")
        archive.writestr("../../evil.xlsx", b"not a workbook")
    problems = _refused(store, [bundle])
    assert problems == [
        f"{bundle}: inkorg/{made['0001'].name}, sheet 'Förmågor', row 2, column 'I (Mognad 2025)': the "
        "value is too large (value: '7'); expected a whole number from 1 to 5",
        f"{bundle}: ../../evil.xlsx: the file is not an Excel workbook; expected a questionnaire (.xlsx) "
        "as it was sent out"]
    assert not (tmp_path.parent / "evil.xlsx").exists()
