"""The ``kb`` command through its installed entry point, on the real embedded engine."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import store_env

from kb.dataset import RawDataset
from kb.store import GraphStore
from kb.validate import validate
from loaders.csv_folder import write_csv_folder

KB = Path(sys.executable).parent / "kb"

TINY = {
    "dataset": [{"name": "tiny", "synthetic": True}],
    "municipalities": [
        {"code": "1485", "name": "Uddevalla", "population": 57000},
        {"code": "1438", "name": "Dals-Ed", "population": 4700},
    ],
    "capability_areas": [{"id": "ops", "name_sv": "Drift", "name_en": "Operations"}],
    "capabilities": [
        {"id": "c1", "area": "ops", "name_sv": "Driftleverans", "name_en": "Operations delivery"},
        {"id": "c2", "area": "ops", "name_sv": "Backup", "name_en": "Backup"},
    ],
    "capability_dependencies": [{"capability": "c2", "depends_on": "c1"}],
    "assessments": [
        {"municipality": "1485", "capability": "c1", "round": 2024, "method": "self_assessment",
         "maturity": 4, "target": 4},
        {"municipality": "1438", "capability": "c1", "round": 2024, "method": "self_assessment",
         "maturity": 1, "target": 3},
    ],
}


@pytest.fixture
def kb(store: GraphStore):
    """Run ``kb ARGS`` against a fresh graph on each engine in turn; return the process."""
    env = {**os.environ, **store_env(store)}

    def run(*args: str, **settings: str) -> subprocess.CompletedProcess:
        """``kb ARGS`` with the environment variables ``settings`` set as well."""
        return subprocess.run([str(KB), *args], capture_output=True, text=True, env=env | settings,
                              timeout=120)

    return run


@pytest.fixture
def tiny_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "tiny"
    write_csv_folder(validate(RawDataset.from_records(TINY)), folder)
    return folder


def _info(kb) -> dict:
    result = kb("info", "--json")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_load_then_info_counts_what_was_loaded(kb, store: GraphStore, tiny_folder: Path) -> None:
    result = kb("load", str(tiny_folder))
    assert result.returncode == 0, result.stderr
    assert "6 nodes and 5 relationships" in result.stdout
    assert "synthetic" in result.stdout
    info = _info(kb)
    assert info["backend"] == store.backend
    assert info["labels"] == {"Capability": 2, "CapabilityArea": 1, "Dataset": 1, "Municipality": 2}
    assert info["relationships"] == {"ASSESSED": 2, "DEPENDS_ON": 1, "IN_AREA": 2}


def test_bad_input_exits_non_zero_names_the_cell_and_changes_nothing(kb, tiny_folder: Path,
                                                                      tmp_path: Path) -> None:
    assert kb("load", str(tiny_folder)).returncode == 0
    before = _info(kb)
    bad = tmp_path / "bad"
    bad.mkdir()
    for path in tiny_folder.iterdir():
        (bad / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    text = (bad / "assessments.csv").read_text(encoding="utf-8").replace(",1,3", ",7,3")
    (bad / "assessments.csv").write_text(text, encoding="utf-8")
    result = kb("load", str(bad))
    assert result.returncode == 1
    assert "assessments.csv, row 3, column 'maturity'" in result.stderr
    assert "from 1 to 5" in result.stderr
    assert "Traceback" not in result.stderr
    assert _info(kb) == before


def test_query_takes_parameters_and_formats(kb, tiny_folder: Path) -> None:
    kb("load", str(tiny_folder))
    result = kb("query", "MATCH (m:Municipality) WHERE m.code = $code RETURN m.name AS name",
                "-p", "code=1438", "--format", "json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == [{"name": "Dals-Ed"}]
    csv_out = kb("query", "graph/label_counts", "--format", "csv").stdout.splitlines()
    assert csv_out[0] == "label,count"
    assert "Municipality,2" in csv_out


def test_a_saved_querys_list_default_runs_as_the_list_it_is(kb, tiny_folder: Path, tmp_path: Path) -> None:
    """Through ``kb query`` as through the console's form (tests/test_app.py): the default
    ``1485, 1438`` is the list of those two codes, and ``-p codes=1438`` replaces it."""
    folder = tmp_path / "saved"
    folder.mkdir()
    (folder / "by_code.cypher").write_text(
        "// title: Municipalities by code\n// param codes: list = 1485, 1438 | Codes.\n"
        "MATCH (m:Municipality) WHERE m.code IN $codes RETURN m.name AS name ORDER BY name\n",
        encoding="utf-8")
    saved = {"KB_USER_QUERIES_DIR": str(folder)}
    kb("load", str(tiny_folder))
    by_default = kb("query", "user/by_code", "--format", "json", **saved)
    assert by_default.returncode == 0, by_default.stderr
    assert json.loads(by_default.stdout) == [{"name": "Dals-Ed"}, {"name": "Uddevalla"}]
    given = kb("query", "user/by_code", "-p", "codes=1438", "--format", "json", **saved)
    assert json.loads(given.stdout) == [{"name": "Dals-Ed"}]


def test_query_is_read_only_unless_write_is_given(kb, tiny_folder: Path) -> None:
    kb("load", str(tiny_folder))
    refused = kb("query", "CREATE (:Municipality {code: '9999', name: 'X'})")
    assert refused.returncode == 1
    assert "only reads" in refused.stderr
    assert _info(kb)["labels"]["Municipality"] == 2
    allowed = kb("query", "--write", "CREATE (:Municipality {code: '9999', name: 'X'})")
    assert allowed.returncode == 0, allowed.stderr
    assert _info(kb)["labels"]["Municipality"] == 3


def test_export_then_load_gives_the_same_graph(kb, tiny_folder: Path, tmp_path: Path) -> None:
    kb("load", str(tiny_folder))
    before = _info(kb)
    out = tmp_path / "exported"
    assert kb("export", str(out)).returncode == 0
    assert (out / "assessments.csv").exists()
    assert kb("load", str(out)).returncode == 0
    assert _info(kb) == before


def test_load_if_empty_leaves_existing_data(kb, tiny_folder: Path, tmp_path: Path) -> None:
    kb("load", str(tiny_folder))
    result = kb("load", "--if-empty", str(tmp_path / "does-not-matter"))
    assert result.returncode == 0
    assert "already holds data" in result.stdout


def test_unknown_format_and_missing_path_are_clear_errors(kb, tmp_path: Path) -> None:
    result = kb("load", str(tmp_path / "nope.txt"))
    assert result.returncode == 1
    assert "no such file or folder" in result.stderr
    assert "Traceback" not in result.stderr


def test_schema_document_is_current() -> None:
    from kb.schema_doc import schema_markdown

    committed = (Path(__file__).parent.parent / "data" / "SCHEMA.md").read_text(encoding="utf-8")
    assert committed.strip() == schema_markdown().strip(), "run: python -m kb.schema_doc > data/SCHEMA.md"


@pytest.mark.parametrize("target", ["graph.xlsx", "graph.json", "graph.yaml"])
def test_export_to_each_file_format_loads_back_the_same(kb, tiny_folder: Path, tmp_path: Path,
                                                        target: str) -> None:
    kb("load", str(tiny_folder))
    before = _info(kb)
    out = tmp_path / target
    assert kb("export", str(out)).returncode == 0
    assert kb("load", str(out)).returncode == 0
    assert _info(kb) == before


def test_archimate_export_and_dry_run_import(kb, tiny_folder: Path, tmp_path: Path) -> None:
    kb("load", str(tiny_folder))
    before = _info(kb)
    out = tmp_path / "model.xml"
    exported = kb("export", str(out))
    assert exported.returncode == 0, exported.stderr
    assert "ArchiMate" in exported.stdout
    report = kb("import-archimate", str(out), "--dry-run")
    assert report.returncode == 0, report.stderr
    assert "capabilities" in report.stdout
    assert _info(kb) == before


@pytest.mark.parametrize(("args", "settings", "message"), [
    (("info",), {"KB_QUERY_TIMEOUT_MS": "abc"}, "KB_QUERY_TIMEOUT_MS='abc' cannot be used; expected a "
     "whole number of at least 1 written in digits 0-9 (the default is 5,000)"),
    (("info",), {"KB_QUERY_TIMEOUT_MS": "0"}, "KB_QUERY_TIMEOUT_MS='0' cannot be used"),
    (("info",), {"KB_QUERY_TIMEOUT_MS": "-5"}, "KB_QUERY_TIMEOUT_MS='-5' cannot be used"),
    (("info",), {"KB_ROW_CAP": "１０"}, "KB_ROW_CAP='１０' cannot be used"),
    (("validate", "."), {"KB_MAX_ROWS": "lots"}, "KB_MAX_ROWS='lots' cannot be used"),
    (("analyse", "weak", "--param", "threshold=abc"), {},
     "Invalid value for --param: $threshold must be a whole number in digits 0-9, not 'abc'"),
    (("analyse", "candidates", "--param", "need_weight=nan"), {},
     "$need_weight must be a number in digits 0-9, not 'nan'"),
    (("analyse", "weak", "--param", "round=٢٠٢٤"), {}, "$round must be a whole number"),
    (("query", "analysis/assessments", "-p", "round=ten"), {},
     "$round must be a whole number in digits 0-9, not 'ten'"),
])
def test_settings_and_parameters_that_cannot_be_used_exit_2_in_words(kb, args: tuple[str, ...],
                                                                     settings: dict[str, str],
                                                                     message: str) -> None:
    result = kb(*args, **settings)
    assert result.returncode == 2, (result.stdout, result.stderr)
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_analysis_parameters_without_a_default_are_typed_by_their_annotation(kb, tiny_folder: Path) -> None:
    """``from_round`` defaults to None: it was passed on as the text '2024' and the analysis failed."""
    tiny = {**TINY, "assessments": [*TINY["assessments"],
                                    {"municipality": "1438", "capability": "c1", "round": 2025,
                                     "method": "self_assessment", "maturity": 3}]}
    folder = tiny_folder.parent / "two-rounds"
    write_csv_folder(validate(RawDataset.from_records(tiny)), folder)
    assert kb("load", str(folder)).returncode == 0
    result = kb("analyse", "rounds", "--param", "from_round=2024", "--param", "to_round=2025",
                "--format", "json")
    assert result.returncode == 0, result.stderr
    rows = {r["capability"]: r for r in json.loads(result.stdout)}
    # c1: Dals-Ed 1 -> 3 is the only municipality assessed in both rounds.
    assert (rows["c1"]["from_round"], rows["c1"]["to_round"], rows["c1"]["mean_change"]) == (2024, 2025, 2.0)


def test_export_into_an_earlier_export_leaves_no_stale_table(kb, tiny_folder: Path, tmp_path: Path) -> None:
    """A table emptied since the last export kept its old file, which the next load brought back."""
    out = tmp_path / "exported"
    assert kb("load", str(tiny_folder)).returncode == 0
    assert kb("export", str(out)).returncode == 0
    assert (out / "capability_dependencies.csv").exists()
    fewer = {**TINY, "capability_dependencies": []}
    write_csv_folder(validate(RawDataset.from_records(fewer)), tmp_path / "fewer")
    assert kb("load", str(tmp_path / "fewer")).returncode == 0
    assert kb("export", str(out)).returncode == 0
    assert sorted(p.name for p in out.iterdir()) == ["assessments.csv", "capabilities.csv",
                                                     "capability_areas.csv", "dataset.csv",
                                                     "municipalities.csv"]
    assert kb("load", str(out)).returncode == 0
    assert _info(kb)["relationships"].get("DEPENDS_ON") is None


def test_export_refuses_a_folder_holding_other_files(kb, tiny_folder: Path, tmp_path: Path) -> None:
    out = tmp_path / "documents"
    out.mkdir()
    (out / "budget.xlsx").write_bytes(b"mine")
    assert kb("load", str(tiny_folder)).returncode == 0
    result = kb("export", str(out))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "holds files that are not tables of an export (budget.xlsx)" in result.stderr
    assert [p.name for p in out.iterdir()] == ["budget.xlsx"]
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no staging left
