"""The Scenarios page in a real browser: build a scenario from the candidates, change one
arrangement and see the figures change, compare two; a screenshot for the README."""

from __future__ import annotations

import os
import shutil

import pytest
from conftest import DEMO
from test_browser import CHROMIUM, CHROMIUM_ARGS, README_SHOTS, SHOTS, _settle, app_url  # noqa: F401

from kb.load import load_path
from kb.store import GraphStore
from ui.texts import SV

pytestmark = pytest.mark.browser


@pytest.fixture
def demo_store(store: GraphStore) -> GraphStore:
    """The demo dataset in a graph of its own: this test writes scenarios (app_url serves it)."""
    load_path(store, DEMO)
    return store


def _figure(page, label: str) -> str:
    metric = page.get_by_test_id("stMetric").filter(has_text=label).first
    return metric.get_by_test_id("stMetricValue").inner_text()


def _choose(page, label: str, option: str) -> None:
    page.get_by_label(label).first.click()
    page.get_by_role("option", name=option, exact=True).click()
    _settle(page)


def test_build_change_and_compare_in_a_real_browser(store, app_url):  # noqa: F811 - store first: app_url serves it
    if not CHROMIUM.exists():
        pytest.fail("Chromium is missing at /usr/bin/chromium: run make setup first.")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            page.goto(f"{app_url}/scenarios")
            page.get_by_role("heading", name=SV["scenarios.title"]).first.wait_for(timeout=30_000)
            _settle(page)
            page.get_by_text(SV["scenarios.build"]).click()
            page.get_by_label(SV["scenarios.name"]).fill("topp")
            page.get_by_label(SV["scenarios.top"]).fill("3")
            page.get_by_label(SV["scenarios.top"]).press("Enter")
            _settle(page)
            page.get_by_role("button", name=SV["scenarios.build_button"]).click()
            page.get_by_text(SV["scenarios.built"].format(name="topp", count=3)).wait_for(timeout=30_000)
            _settle(page)
            gap = _figure(page, "sammanlagt glapp till målen")
            # the first candidate moves trend watching to the region at 4: at 3 the gaps grow
            page.get_by_text(SV["scenarios.tab_edit"], exact=True).click()
            _settle(page)
            _choose(page, SV["scenarios.provider_maturity"], "3")
            page.get_by_role("button", name=SV["scenarios.save"]).click()
            page.get_by_text(SV["scenarios.saved"].format(name="topp-1")).wait_for(timeout=30_000)
            _settle(page)
            assert float(_figure(page, "sammanlagt glapp till målen")) > float(gap)
            page.get_by_text(SV["scenarios.tab_compare"], exact=True).click()
            _settle(page)
            page.get_by_text("bohuslan-par mot i dag:").wait_for(timeout=20_000)
            page.get_by_text("regionen-leder mot i dag:").wait_for(timeout=20_000)
            assert page.get_by_text("Traceback").count() == 0
            page.get_by_text(SV["scenarios.tab_effects"], exact=True).click()
            _settle(page)
            _choose(page, SV["scenarios.choose"],
                    "Trollhättan levererar säkerhet, alla slår ihop driften (trollhattan-dalsland)")
            page.locator(".vega-embed canvas, .vega-embed svg").first.wait_for(timeout=20_000)
            _settle(page)
            SHOTS.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(SHOTS / "scenarios.png"))
            if os.environ.get("KB_UPDATE_SCREENSHOTS"):
                shutil.copyfile(SHOTS / "scenarios.png", README_SHOTS / "scenarios.png")
        finally:
            browser.close()
