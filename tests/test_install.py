"""``pip install .`` gives the library and the ``kb`` command without the app's Streamlit and pyvis.

One test, about a minute: a fresh virtual environment, the package installed from this checkout
(dependencies from PyPI, through pip's cache), then ``kb load data/demo`` and
``kb analyse candidates`` run from outside the checkout with nothing of the checkout importable.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ("pyproject.toml", "README.md", "LICENSE", "kb", "loaders", "queries")
"""What the package is built from, copied out so the build leaves nothing in the checkout."""


@pytest.mark.install
def test_pip_install_gives_the_library_and_kb_without_the_app(tmp_path: Path) -> None:
    source = tmp_path / "source"
    source.mkdir()
    for name in PACKAGE:
        if (ROOT / name).is_dir():
            shutil.copytree(ROOT / name, source / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(ROOT / name, source)
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=120)
    python, kb = venv / "bin" / "python", venv / "bin" / "kb"
    env = {k: v for k, v in os.environ.items()
           if k not in ("PYTHONPATH", "VIRTUAL_ENV", "NEO4J_URI") and not k.startswith("KB_")}
    installed = subprocess.run([str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
                                str(source)], capture_output=True, text=True, env=env, timeout=600)
    assert installed.returncode == 0, installed.stderr[-3000:]

    outside = tmp_path / "elsewhere"
    outside.mkdir()
    env["KB_GRAPH_URL"] = f"embedded:{tmp_path / 'db'}"

    def run(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run(list(args), capture_output=True, text=True, env=env, cwd=outside, timeout=300)

    for absent in ("streamlit", "pyvis", "bench", "ui", "app_pages"):
        probe = run(str(python), "-c", f"import {absent}")
        assert probe.returncode != 0 and "ModuleNotFoundError" in probe.stderr, f"{absent} is importable"
    loaded = run(str(kb), "load", str(ROOT / "data" / "demo"))
    assert loaded.returncode == 0, loaded.stderr[-3000:]
    assert "Municipality" in loaded.stdout or "municipalities" in loaded.stdout
    analysed = run(str(kb), "analyse", "candidates", "--format", "csv")
    assert analysed.returncode == 0, analysed.stderr[-3000:]
    header, *rows = analysed.stdout.splitlines()
    assert "capability" in header and len(rows) > 0
    located = run(str(python), "-c", "import kb, kb.queries; print(kb.__file__, kb.queries.queries_dir())")
    assert str(ROOT) not in located.stdout and str(source) not in located.stdout, located.stdout
