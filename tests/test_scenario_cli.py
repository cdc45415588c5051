"""``kb scenario list | show | compare | from-candidates`` through the installed entry point."""

from __future__ import annotations

import json
from pathlib import Path

from scenario_fixture import TODAY, records
from test_cli import kb  # noqa: F401 - the fixture
from test_loaders import write_csv


def test_list_show_and_compare_mirror_the_library(kb, tmp_path: Path) -> None:  # noqa: F811
    assert kb("load", str(write_csv(tmp_path / "csv", records()))).returncode == 0
    listed = json.loads(kb("scenario", "list", "--format", "json").stdout)
    assert [(r["id"], r["arrangements"]) for r in listed] == [("s1", 4), ("s2", 2)]
    shown = kb("scenario", "show", "s1", "--format", "json", "--param", f"today={TODAY}")
    figures = {r["figure"]: r["value"] for r in json.loads(shown.stdout)}
    assert (figures["weak_cells"], figures["total_gap"]) == (0, 4.0)  # worked out in the fixture
    risks = kb("scenario", "show", "s2", "--table", "risks", "--format", "csv", "--param", f"today={TODAY}")
    assert risks.stdout.splitlines()[0].startswith("kind,serious,")
    assert "double" in risks.stdout and "weak_lead" in risks.stdout
    compared = kb("scenario", "compare", "s1", "s2", "--param", f"today={TODAY}")
    assert compared.returncode == 0, compared.stderr
    assert "s2 against today: weak cells 10 → 9;" in compared.stdout


def test_from_candidates_saves_and_bad_names_are_clear(kb, tmp_path: Path) -> None:  # noqa: F811
    assert kb("load", str(write_csv(tmp_path / "csv", records(with_scenarios=False)))).returncode == 0
    made = kb("scenario", "from-candidates", "--top", "2", "top", "--format", "json")
    assert made.returncode == 0, made.stderr
    assert len(json.loads(made.stdout)) == 2
    assert [r["id"] for r in json.loads(kb("scenario", "list", "--format", "json").stdout)] == ["top"]
    missing = kb("scenario", "show", "nope")
    assert missing.returncode == 1 and "No scenario 'nope'; known: top" in missing.stderr
    bad = kb("scenario", "show", "top", "--param", "nonsense=1")
    assert bad.returncode == 2 and "no parameter 'nonsense'" in bad.stderr
