"""Render the app's pages with Streamlit's ``AppTest``, timed.

The pages are those ``app.py`` lists in its navigation (``st.Page("app_pages/x.py", ...)``),
else every ``pages/*.py``. Each page is rendered as a user reaches it: ``app.py`` runs, then
the test switches to the page, and that second run is timed. The first render in the process
is reported as ``first_s`` (imports and caches warm up there); then ``repeat`` renders in
fresh sessions give ``median_s``. KB_GRAPH_URL and KB_GRAPH_NAME point the app at the database.
"""

from __future__ import annotations

import os
import re
import statistics
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
PAGE_TIMEOUT_S = 120
APP = "app.py"
_PAGE = re.compile(r"""st\.Page\(\s*["']([^"']+\.py)["']""")


def page_files(root: Path = ROOT) -> list[str]:
    """``app.py`` (its default page) and each page, as paths relative to ``root``."""
    app = root / APP
    if app.exists():
        return [APP, *dict.fromkeys(_PAGE.findall(app.read_text(encoding="utf-8")))]
    return [str(p.relative_to(root)) for p in sorted((root / "pages").glob("*.py"))]


@contextmanager
def _env(values: dict[str, str]) -> Iterator[None]:
    saved = {k: os.environ.get(k) for k in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for key, old in saved.items():
            if old is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = old


def _render(root: Path, page: str) -> tuple[float, list[str]]:
    """Seconds to render ``page`` in a fresh session, and the exceptions it shows."""
    from streamlit.logger import set_log_level
    from streamlit.testing.v1 import AppTest

    set_log_level("error")  # silences "missing ScriptRunContext" warnings of bare-mode runs
    via_app = (root / APP).exists()
    app = AppTest.from_file(str(root / (APP if via_app else page)), default_timeout=PAGE_TIMEOUT_S)
    if via_app and page != APP:
        app.run()
        app.switch_page(page)
    started = time.perf_counter()
    app.run()
    seconds = time.perf_counter() - started
    return seconds, [str(e.value)[:300] for e in app.exception]


def time_page(root: Path, page: str, repeat: int) -> dict[str, Any]:
    """First render and median of ``repeat`` more; status 'error' when the page shows an exception."""
    try:
        first, errors = _render(root, page)
        runs = [_render(root, page)[0] for _ in range(repeat)]
    except Exception as err:  # a page failing is a result to report
        return {"status": "error", "error": f"{type(err).__name__}: {err}"[:300]}
    result: dict[str, Any] = {"status": "error" if errors else "ok", "first_s": first,
                              "median_s": statistics.median(runs), "runs": runs}
    if errors:
        result["error"] = errors[0]
    return result


def time_pages(url: str, graph: str, repeat: int, root: Path = ROOT) -> dict[str, dict[str, Any]]:
    """Every page by its path relative to ``root``, rendered against graph ``graph`` at ``url``."""
    with _env({"KB_GRAPH_URL": url, "KB_GRAPH_NAME": graph}):
        return {page: time_page(root, page, repeat) for page in page_files(root)}
