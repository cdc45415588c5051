"""The project's loader in a process of its own, so that its peak memory is its own.

``python -m bench.project_load FOLDER URL GRAPH REPEAT [--changes]`` times ``kb.load.read_path``
(reading the CSV folder and validating it) and ``kb.load.write_dataset`` (the
all-or-nothing load; with ``--changes`` also the change report against the graph it replaces,
as ``kb load`` does by default) REPEAT times and prints one JSON object:
``{"runs": [{"read_validate_s", "write_s", "total_s"}], "peak_rss_mb", "nodes", "relationships"}``.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

from kb.load import read_path, write_dataset
from kb.settings import Settings
from kb.store import open_store


def main(folder: str, url: str, graph: str, repeat: int, compare: bool = False) -> dict:
    """Load ``folder`` into ``graph`` of ``url`` ``repeat`` times (with the change report when
    ``compare``); return the timings."""
    runs, report = [], None
    with open_store(replace(Settings.from_env(), graph_url=url, graph_name=graph)) as store:
        for _ in range(repeat):
            started = time.perf_counter()
            dataset = read_path(folder)
            read_s = time.perf_counter() - started
            report = write_dataset(store, dataset, compare=compare)
            total = time.perf_counter() - started
            runs.append({"read_validate_s": read_s, "write_s": total - read_s, "total_s": total})
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {"runs": runs, "peak_rss_mb": peak_kb / 1024,
            "nodes": report.nodes if report else 0,
            "relationships": report.relationships if report else 0}


def in_child(folder: Path, url: str, graph: str, repeat: int,
             env: dict[str, str] | None = None, compare: bool = False) -> dict[str, Any]:
    """Run ``main`` in a child process (with ``env`` added to its environment); its JSON result.

    Raises RuntimeError with the end of the child's error output when it fails.
    """
    root = Path(__file__).resolve().parent.parent
    args = [str(folder), url, graph, str(repeat), *(["--changes"] if compare else [])]
    done = subprocess.run([sys.executable, "-m", "bench.project_load", *args], cwd=root,
                          capture_output=True, text=True, env={**os.environ, **(env or {})})
    if done.returncode != 0:
        raise RuntimeError(f"the project's loader failed: {done.stderr[-1000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


if __name__ == "__main__":
    folder_arg, url_arg, graph_arg, repeat_arg = sys.argv[1:5]
    print(json.dumps(main(folder_arg, url_arg, graph_arg, int(repeat_arg), "--changes" in sys.argv[5:])))
