"""``kb query`` stopped by a signal stops its query too: the embedded server it started goes with it.

FalkorDB cannot stop a running query from outside, so the CLI turns SIGTERM (and SIGHUP) into
an orderly exit, as Ctrl-C is: the store is closed, and the embedded server, used by this
process alone, is stopped with the query it was running.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest

KB = Path(sys.executable).parent / "kb"
LONG = ("UNWIND range(1, 100000) AS a UNWIND range(1, 100000) AS b "
        "WITH a, b WHERE a + b < 0 RETURN count(a) AS n")
"""Ten thousand million rows to look at: minutes of one CPU, with the time limit raised to 10 minutes."""


def _busy_server(folder: Path, seconds: float = 30.0) -> psutil.Process:
    """The embedded server of ``folder`` once it is busy with the query (its CPU time rises).

    The server runs detached; falkordblite notes its pid file beside the database."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            pidfile = json.loads((folder / "graph.rdb.settings").read_text())["pidfile"]
            server = psutil.Process(int(Path(pidfile).read_text()))
            if server.cpu_times().user > 1.0:
                return server
        except (OSError, ValueError, KeyError, psutil.Error):
            pass
        time.sleep(0.1)
    raise AssertionError(f"kb query started no busy server within {seconds:.0f} s")


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_a_signal_to_kb_query_stops_its_query_and_the_next_query_answers(tmp_path: Path,
                                                                         signum: int) -> None:
    folder = tmp_path / "db"
    env = {**os.environ, "KB_GRAPH_URL": f"embedded:{folder}", "KB_QUERY_TIMEOUT_MS": "600000"}
    for name in ("NEO4J_URI", "KB_GRAPH_NAME"):
        env.pop(name, None)
    running = subprocess.Popen([str(KB), "query", LONG], env=env, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True)
    server = None
    try:
        server = _busy_server(folder)
        running.send_signal(signum)
        _, stderr = running.communicate(timeout=10)
        assert running.returncode != 0
        assert "Traceback" not in stderr
        gone, _ = psutil.wait_procs([server], timeout=5)
        assert gone, "the embedded server still runs the query"
    finally:
        if running.poll() is None:
            running.kill()
        if server is not None and server.is_running():
            server.kill()
    started = time.monotonic()
    done = subprocess.run([str(KB), "query", "RETURN 1 AS one"], env=env, capture_output=True, text=True,
                          timeout=30)
    assert done.returncode == 0, done.stderr
    assert "1" in done.stdout and time.monotonic() - started < 15
