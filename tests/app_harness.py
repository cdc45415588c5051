"""Running the Streamlit app in tests (AppTest), pointed at a graph on each engine in turn.

The app reads KB_GRAPH_URL and KB_GRAPH_NAME (and Neo4j's credentials), so each test points
it at its own graph; the cached store is keyed on both, so nothing leaks between tests.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT, LoadRecords, store_env
from streamlit.testing.v1 import AppTest

from kb.export import export_dataset
from kb.store import GraphStore
from loaders.csv_folder import write_csv_folder
from ui.texts import SV

APP = str(ROOT / "app.py")


def point_at(monkeypatch: pytest.MonkeyPatch, store: GraphStore) -> GraphStore:
    """``store``, with the app pointed at its graph."""
    for name, value in store_env(store).items():
        monkeypatch.setenv(name, value)
    return store


def app_graph(**records: list[dict[str, Any]]) -> Any:
    """A fixture (name it by assigning it): a fresh graph holding ``records``, the app pointed at it."""

    @pytest.fixture
    def fixture(store: GraphStore, load_records: LoadRecords, monkeypatch: pytest.MonkeyPatch) -> GraphStore:
        if records:
            load_records(**records)
        return point_at(monkeypatch, store)

    return fixture


def app_demo() -> Any:
    """A fixture: the shipped demo dataset, on each engine in turn, with the app pointed at it."""

    @pytest.fixture
    def fixture(demo_store: GraphStore, monkeypatch: pytest.MonkeyPatch) -> GraphStore:
        return point_at(monkeypatch, demo_store)

    return fixture


def open_page(page: str) -> AppTest:
    """The app run once on ``page``."""
    at = AppTest.from_file(APP, default_timeout=60).run()
    if page != "overview":
        at.switch_page(f"app_pages/{page}.py").run()
    return at


def metric(at: AppTest, key: str) -> str:
    """The value of the figure labelled with the Swedish text of ``key``."""
    return next(m.value for m in at.metric if m.label == SV[key])


def zipped_export(store: GraphStore, folder: Path, inner: str = "") -> bytes:
    """The graph exported as CSV files into ``folder``, zipped with each file under ``inner``."""
    write_csv_folder(export_dataset(store), folder)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for path in folder.glob("*.csv"):
            archive.write(path, f"{inner}{path.name}")
    return buffer.getvalue()
