"""How ``streamlit run app.py`` listens when the operator gives no address: on this machine only."""

from __future__ import annotations

import subprocess
import sys

import psutil
from test_browser import ROOT, _free_port, _wait_healthy


def test_the_app_listens_on_localhost_unless_told_otherwise(tmp_path) -> None:
    """With KB_AUTH=none everyone is an editor, so the default must not reach other machines."""
    port = _free_port()
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "KB_GRAPH_URL": f"embedded:{tmp_path / 'db'}"}
    server = subprocess.Popen([sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(port),
                               "--server.fileWatcherType", "none"], cwd=ROOT, env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
    try:
        _wait_healthy(f"http://127.0.0.1:{port}", server)
        listening = {c.laddr.ip for c in psutil.Process(server.pid).net_connections("tcp")
                     if c.status == psutil.CONN_LISTEN and c.laddr.port == port}
        assert listening == {"127.0.0.1"}
    finally:
        server.terminate()
        server.wait(timeout=15)
