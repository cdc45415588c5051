"""Bad input, case by case: a clear message naming file, row, column, value and what was
expected; no traceback from ``kb load``; and the graph exactly as it was (checked by export).

The corpus is ``bad_inputs.BAD`` (plus ``test_loaders.BAD_CASES``); ``bad_inputs.MUST_LOAD``
holds awkward inputs that are valid and must load.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from bad_inputs import BAD, MUST_LOAD
from conftest import store_env
from test_loaders import BAD_CASES, assert_rejected, expected_tables, good, write_csv

from kb.export import export_dataset
from kb.load import load_path
from kb.store import GraphStore

KB = Path(sys.executable).parent / "kb"


def test_the_corpus_is_large_enough() -> None:
    assert len(BAD) >= 30
    assert not set(BAD) & set(BAD_CASES)
    formats = {name.split()[0] for name in BAD}
    assert formats == {"csv", "xlsx", "json", "yaml"}


@pytest.mark.parametrize("case", list(BAD))
def test_bad_input_names_the_cell_and_changes_nothing(store: GraphStore, tmp_path: Path, case: str) -> None:
    assert_rejected(store, tmp_path, *BAD[case])


@pytest.mark.parametrize("case", list(MUST_LOAD))
def test_awkward_but_valid_input_loads(store: GraphStore, tmp_path: Path, case: str) -> None:
    load_path(store, MUST_LOAD[case](tmp_path))
    assert export_dataset(store).tables == expected_tables()


CLI_CASES = ["csv unterminated quote", "xlsx merged cells", "json nested too deep",
             "yaml 30 February unquoted", "yaml python object tag", "csv number too large to store",
             "xlsx worksheet XML garbage", "xlsx encrypted", "xlsx unknown compression method",
             "yaml anchor and alias"]
"""Through the installed command; the garbage worksheet exited with a segfault (rc 139) on
Python 3.12.1 when its ParseError outlived the reader (CPython gh-111784)."""


def test_kb_load_reports_without_a_traceback(store: GraphStore, tmp_path: Path) -> None:
    """Through the installed ``kb`` command: exit 1, the cell named, no traceback, graph unchanged."""
    env = {**os.environ, **store_env(store)}
    load_path(store, write_csv(tmp_path / "good", good()))
    before = export_dataset(store).tables
    for case in CLI_CASES:
        make, where = BAD[case]
        folder = tmp_path / case.replace(" ", "_")
        folder.mkdir()
        result = subprocess.run([str(KB), "load", str(make(folder))], capture_output=True, text=True,
                                env=env, timeout=60)
        assert result.returncode == 1, (case, result.stdout, result.stderr)
        assert "Traceback" not in result.stderr, case
        assert where["message"] in result.stderr, (case, result.stderr)
        assert "Nothing was loaded; the graph is unchanged." in result.stderr
        assert export_dataset(store).tables == before, case
