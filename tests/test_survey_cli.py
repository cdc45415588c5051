"""``kb survey make``, ``collect`` and ``status`` on the command line (click's runner, in process).

Graph: municipalities 0001 Ett and 0002 Två, capabilities c1..c3 (tests/test_survey_bad.py),
assessed in 2024; round 2025 is made and 0001's answer collected from a folder.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import LoadRecords, store_env
from survey_fill import fill_capabilities
from test_survey_bad import _records

from kb.cli import cli
from kb.store import GraphStore


@pytest.fixture
def kb(store: GraphStore, load_records: LoadRecords, monkeypatch: pytest.MonkeyPatch):
    load_records(**_records())
    for name, value in store_env(store).items():
        monkeypatch.setenv(name, value)

    def run(*args: str) -> tuple[int, str]:
        result = CliRunner().invoke(cli, list(args), obj={})
        return result.exit_code, result.output

    return run


def test_make_collect_and_status(kb, tmp_path: Path) -> None:
    code, out = kb("survey", "make", "2025", str(tmp_path / "out"), "--municipality", "0001",
                   "--lang", "sv", "--deadline", "2025-04-30", "--contact", "Anna")
    assert (code, out) == (0, f"Wrote 1 questionnaire for round 2025 to {tmp_path / 'out'}\n")
    fill_capabilities(tmp_path / "out" / "2025-0001-ett.xlsx", {"c1": (3, 4), "c2": (2, None)}, 2025)

    code, out = kb("survey", "collect", "2025", str(tmp_path / "out"), "--dry-run")
    assert code == 0 and out.endswith("Dry run: nothing was written.\n")
    assert "  0001 Ett            partly   2025-0001-ett.xlsx (to write)\n      blank: c3\n" in out
    assert "against 2024: 1 improved, 0 declined, 0 unchanged, 1 new" in out

    code, out = kb("survey", "collect", "2025", str(tmp_path / "out"))
    assert code == 0 and "Replaced the rows of 1 municipality (all or nothing)" in out

    code, out = kb("survey", "status", "2025", "--format", "csv")
    lines = out.splitlines()
    assert lines[0] == "municipality,municipality_name,status,assessed,blank,collected_at,source_file"
    assert lines[1].startswith("0001,Ett,partly,2,1,") and lines[1].endswith(",2025-0001-ett.xlsx")
    assert lines[2] == "0002,Två,missing,0,3,,"


def test_collect_with_a_problem_exits_1_and_says_nothing_was_written(kb, tmp_path: Path) -> None:
    kb("survey", "make", "2025", str(tmp_path / "out"))
    fill_capabilities(tmp_path / "out" / "2025-0001-ett.xlsx", {"c1": (9, 4)}, 2025)
    code, out = kb("survey", "collect", "2025", str(tmp_path / "out"))
    assert code == 1
    assert "row 2, column 'I (Mognad 2025)': the value is too large (value: '9')" in out
    assert "Nothing was loaded; the graph is unchanged." in out


def test_make_refuses_an_unknown_municipality(kb, tmp_path: Path) -> None:
    code, out = kb("survey", "make", "2025", str(tmp_path / "out"), "--municipality", "9999")
    assert code == 1 and "column 'municipality': no such municipality in the graph (value: '9999')" in out
    assert not (tmp_path / "out").exists()
