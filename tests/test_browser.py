"""The app in a real browser: `streamlit run` on a loaded database, driven by headless Chromium.

Visits every page, checks what is drawn (the synthetic notice, a municipality in the
heatmap, nodes in the graph explorer's canvas, a result row in the console) and saves a
screenshot per page in tests/artifacts/screenshots/; the main pages' screenshots are also
copied to docs/screenshots/ for the README when KB_UPDATE_SCREENSHOTS=1 is set.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import store_env

from kb.store import GraphStore
from ui.texts import SV

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = Path("/usr/bin/chromium")
SHOTS = ROOT / "tests" / "artifacts" / "screenshots"
README_SHOTS = ROOT / "docs" / "screenshots"
MAIN_PAGES = ("overview", "heatmap", "candidates", "graph", "console")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
PAGES = {  # url path -> (page name, its title)
    "": ("overview", SV["overview.title"]), "candidates": ("candidates", SV["candidates.title"]),
    "municipality": ("municipality", SV["municipality.title"]),
    "suppliers": ("suppliers", SV["suppliers.title"]), "legacy": ("legacy", SV["legacy.title"]),
    "impact": ("impact", SV["impact.title"]), "heatmap": ("heatmap", SV["heatmap.title"]),
    "graph": ("graph", SV["graph.title"]), "console": ("console", SV["console.title"]),
    "data": ("data", SV["data.title"]),
    "partners": ("partners", SV["partners.title"]), "trends": ("trends", SV["trends.title"]),
    "capacity": ("capacity", SV["capacity.title"]), "realism": ("realism", SV["realism.title"]),
}

FIGURES = {"trends": "trends.improving", "capacity": "capacity.median_cost", "realism": "realism.compared"}
"""A metric each page shows only when its analysis found something."""


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_healthy(url: str, server: subprocess.Popen, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"streamlit exited with {server.returncode}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.read() == b"ok":
                    return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"streamlit did not answer at {url} within {seconds:.0f} s")


@pytest.fixture
def app_url(demo_store: GraphStore, tmp_path: Path) -> Iterator[str]:
    """`streamlit run app.py` on the demo data, on each engine in turn, stopped afterwards."""
    store = demo_store
    port = _free_port()
    env = dict(os.environ, **store_env(store))
    log = open(tmp_path / "streamlit.log", "w")  # noqa: SIM115 - closed after the server stops
    server = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "app.py", "--server.headless", "true",
         "--server.port", str(port), "--server.address", "127.0.0.1", "--server.fileWatcherType", "none",
         "--browser.gatherUsageStats", "false"],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        _wait_healthy(f"http://127.0.0.1:{port}", server)
        yield f"http://127.0.0.1:{port}"
    finally:
        server.terminate()
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        log.close()


def _check(page, name: str) -> None:
    """The page's own content, beyond its title."""
    if name == "heatmap":
        page.get_by_text("Uddevalla").first.wait_for(timeout=20_000)
    elif name == "graph":
        frame = page.frame_locator("iframe").first
        frame.locator(".vis-network canvas").wait_for(timeout=20_000)
        caption = page.get_by_text(" noder").first.inner_text()  # "9 noder och 12 relationer ..."
        assert _drawn_nodes(page) == int(caption.split()[0]) > 1, caption
        page.wait_for_timeout(1500)  # let the layout settle for the screenshot
    elif name == "console":
        page.get_by_role("button", name=SV["console.run"]).click()
        cells = page.locator("[role=gridcell]")  # the grid's accessible (hidden) cells
        cells.first.wait_for(state="attached", timeout=20_000)
        assert any(":Municipality" in text for text in cells.all_text_contents())
    elif name == "candidates":
        page.get_by_text(SV["candidates.summary"]).wait_for(timeout=20_000)
    elif name == "partners":
        page.frame_locator("iframe").first.locator(".vis-network canvas").wait_for(timeout=20_000)
        page.locator("[role=gridcell]", has_text="Uddevalla").first.wait_for(state="attached", timeout=20_000)
    elif name in FIGURES:
        page.get_by_test_id("stMetricLabel").filter(has_text=SV[FIGURES[name]]).first.wait_for(timeout=20_000)
        page.locator(".vega-embed canvas, .vega-embed svg").first.wait_for(timeout=20_000)
        page.locator("[role=gridcell]").first.wait_for(state="attached", timeout=20_000)


def _drawn_nodes(page) -> int:
    """How many nodes the vis network in the page's iframe holds (a canvas exists with none)."""
    script = "() => typeof network !== 'undefined' && network.body.data.nodes.length"
    for _ in range(100):
        for frame in page.frames[1:]:
            if count := frame.evaluate(script):
                return count
        page.wait_for_timeout(200)
    return 0


def _settle(page, seconds: float = 15.0) -> None:
    """Wait until Streamlit has finished the run: no status widget, no stale or skeleton element."""
    page.wait_for_function(
        """() => !document.querySelector('[data-testid="stStatusWidget"]')
                 && !document.querySelector('[data-stale="true"]')
                 && !document.querySelector('[data-testid="stSkeleton"]')""",
        timeout=seconds * 1000)
    page.wait_for_timeout(300)


def test_every_page_in_a_real_browser(app_url: str, demo_store: GraphStore) -> None:
    if not CHROMIUM.exists():
        pytest.fail("Chromium is missing at /usr/bin/chromium: run the project's set-up "
                    "(make setup, which installs Debian's chromium package) first.")
    from playwright.sync_api import sync_playwright

    SHOTS.mkdir(parents=True, exist_ok=True)
    README_SHOTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            for path, (name, title) in PAGES.items():
                page.goto(f"{app_url}/{path}")
                page.get_by_role("heading", name=title).first.wait_for(timeout=30_000)
                page.get_by_text(SV["notice.synthetic"]).first.wait_for(timeout=10_000)
                _check(page, name)
                _settle(page)
                assert page.get_by_text("Traceback").count() == 0, f"{name} shows an exception"
                page.screenshot(path=str(SHOTS / f"{demo_store.backend}-{name}.png"))
                if (name in MAIN_PAGES and demo_store.backend == "embedded"
                        and os.environ.get("KB_UPDATE_SCREENSHOTS")):
                    shutil.copyfile(SHOTS / f"embedded-{name}.png", README_SHOTS / f"{name}.png")
        finally:
            browser.close()


def test_graph_tooltips_show_hostile_properties_as_text():
    """A property that is HTML, with 'href' in it so that pyvis uses its own tooltip (which set
    the title as HTML): shown on hover, it must stay text and run nothing."""
    if not CHROMIUM.exists():
        pytest.fail("Chromium is missing at /usr/bin/chromium: run the project's set-up first.")
    from playwright.sync_api import sync_playwright

    from kb.graphview import to_html, view_of
    from kb.store.base import GraphNode

    hostile = '<img src=x onerror="window.__xss = 1"> see href'
    html = to_html(view_of([GraphNode(1, ("System",), {"id": "s1", "name": "S", "category": hostile})], []))
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page()
            page.set_content(html)
            page.wait_for_function("() => typeof network !== 'undefined'")
            page.evaluate("network.emit('showPopup', '1')")
            page.wait_for_timeout(500)
            assert page.evaluate("window.__xss") is None
            assert page.locator(".popup img").count() == 0
            assert hostile in page.locator(".popup").inner_text()
        finally:
            browser.close()
