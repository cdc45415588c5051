"""An assessment round in a real browser: questionnaires uploaded on the Data page, the report
checked, the answers merged, and the round status shown (its screenshot is the README's).

The demo data in a graph of its own; questionnaires of round 2025 (the round the page
proposes) for Orust (1421) and Sotenäs (1427) are filled in by hand (openpyxl), Sotenäs
leaving two capabilities blank, and uploaded together through the page's file picker.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pytest
from conftest import DEMO, store_env
from survey_fill import fill_capabilities
from test_browser import (
    CHROMIUM,
    CHROMIUM_ARGS,
    README_SHOTS,
    ROOT,
    SHOTS,
    _free_port,
    _settle,
    _wait_healthy,
)

from kb.load import load_path
from kb.store import GraphStore
from kb.survey import make_questionnaires
from ui.texts import SV

pytestmark = pytest.mark.browser
ROUND = 2025
"""The round the page proposes on the demo data: the one after its latest, 2024."""


@pytest.fixture
def round_app(store: GraphStore, tmp_path: Path) -> Iterator[tuple[str, list[Path]]]:
    """`streamlit run app.py` on the demo data, and two filled-in questionnaires of the round."""
    load_path(store, DEMO)
    paths = make_questionnaires(store, ROUND, tmp_path / "out", municipalities=["1421", "1427"])
    for path in paths:
        wb = openpyxl.load_workbook(path, read_only=True)
        ids = [r[0] for r in wb["Förmågor"].iter_rows(min_row=2, values_only=True)]
        wb.close()
        skip = ids[:2] if "1427" in path.name else []
        fill_capabilities(path, {cap: (n % 5 + 1, 4) for n, cap in enumerate(ids) if cap not in skip}, ROUND)
    port = _free_port()
    env = {**os.environ, **store_env(store)}
    with open(tmp_path / "streamlit.log", "w") as log:
        server = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", "app.py", "--server.headless", "true",
             "--server.port", str(port), "--server.address", "127.0.0.1", "--server.fileWatcherType",
             "none", "--browser.gatherUsageStats", "false"], cwd=ROOT, env=env, stdout=log,
            stderr=subprocess.STDOUT)
        try:
            _wait_healthy(f"http://127.0.0.1:{port}", server)
            yield f"http://127.0.0.1:{port}", paths
        finally:
            server.terminate()
            server.wait(timeout=15)


def test_answers_uploaded_checked_and_merged_in_a_browser(round_app: tuple[str, list[Path]]) -> None:
    if not CHROMIUM.exists():
        pytest.fail("Chromium is missing at /usr/bin/chromium: run the project's set-up first.")
    from playwright.sync_api import sync_playwright

    url, paths = round_app
    SHOTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 1100})
            page.goto(f"{url}/data")
            page.get_by_role("heading", name=SV["survey.title"]).wait_for(timeout=30_000)
            page.locator("input[type=file]").nth(1).set_input_files([str(p) for p in paths])
            page.get_by_text(SV["survey.checked"].format(answered=1, partly=1, missing=12)).wait_for(
                timeout=30_000)
            page.get_by_role("button", name=SV["survey.commit"]).click()
            page.get_by_text(SV["survey.committed"].format(count=2)).wait_for(timeout=30_000)
            _settle(page)
            status = page.get_by_text(f"{SV['survey.status']} {ROUND}")
            status.scroll_into_view_if_needed()
            cells = page.locator("[role=gridcell]").all_text_contents()
            assert "2025-1421-orust.xlsx" in cells and "2025-1427-sotenas.xlsx" in cells
            assert page.get_by_text("Traceback").count() == 0
            page.screenshot(path=str(SHOTS / "survey-status.png"))
            if os.environ.get("KB_UPDATE_SCREENSHOTS"):
                shutil.copyfile(SHOTS / "survey-status.png", README_SHOTS / "survey-status.png")
        finally:
            browser.close()
