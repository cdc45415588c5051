"""``python -m kb`` is the ``kb`` command (for a virtual environment whose scripts are not on PATH)."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import DEMO


def test_python_m_kb_runs_the_command(tmp_path) -> None:
    done = subprocess.run([sys.executable, "-m", "kb", "validate", str(DEMO)], capture_output=True,
                          text=True, timeout=120, env={"KB_GRAPH_URL": f"embedded:{tmp_path / 'db'}",
                                                       "PATH": "/usr/bin:/bin"})
    assert done.returncode == 0, done.stderr
    assert "valid" in done.stdout.lower() and "Traceback" not in done.stderr
