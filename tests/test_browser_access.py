"""Header sign-in end to end: a real `streamlit run` behind a stand-in for the proxy (Chromium
sends the proxy's headers), so the role comes from st.context.headers, not from a test hook."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator

import pytest
from conftest import store_env
from test_app_access import ROLES
from test_browser import CHROMIUM, CHROMIUM_ARGS, ROOT, _free_port, _settle, _wait_healthy

from ui.texts import SV


@pytest.fixture
def header_app(store, tmp_path) -> Iterator[str]:
    """The app on an empty graph with KB_AUTH=header and the test roles file."""
    roles = tmp_path / "roles.toml"
    roles.write_text(ROLES, encoding="utf-8")
    port = _free_port()
    env = dict(os.environ, **store_env(store), KB_AUTH="header", KB_ROLES_FILE=str(roles),
               KB_USER_QUERIES_DIR=str(tmp_path / "q"))
    server = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "app.py", "--server.headless", "true",
         "--server.port", str(port), "--server.address", "127.0.0.1", "--server.fileWatcherType", "none",
         "--browser.gatherUsageStats", "false"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        _wait_healthy(f"http://127.0.0.1:{port}", server)
        yield f"http://127.0.0.1:{port}"
    finally:
        server.terminate()
        server.wait(timeout=15)


def test_the_proxys_header_decides_what_the_browser_may_open(header_app):
    if not CHROMIUM.exists():
        pytest.fail("Chromium is missing at /usr/bin/chromium: run the project's set-up first.")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            analyst = browser.new_context(extra_http_headers={"X-Forwarded-User": "ana@kommun.se"}).new_page()
            analyst.goto(f"{header_app}/console")
            analyst.get_by_role("heading", name=SV["console.title"]).wait_for(timeout=30_000)
            analyst.get_by_text("Inloggad som ana@kommun.se (analytiker)").wait_for(timeout=10_000)

            viewer = browser.new_context(extra_http_headers={"X-Forwarded-User": "vera@kommun.se"}).new_page()
            viewer.goto(f"{header_app}/console")
            viewer.get_by_text("Inloggad som vera@kommun.se (läsare)").wait_for(timeout=30_000)
            _settle(viewer)
            assert viewer.get_by_role("heading", name=SV["console.title"]).count() == 0
            assert viewer.get_by_role("button", name=SV["console.run"]).count() == 0

            nobody = browser.new_page()
            nobody.goto(header_app)
            nobody.get_by_text("Ingen inloggad användare").wait_for(timeout=30_000)
        finally:
            browser.close()
