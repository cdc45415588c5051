"""The project's loader in a process of its own, so that its peak memory is its own.

``python -m bench.project_load FOLDER URL GRAPH REPEAT`` times ``kb.load.read_path``
(reading the CSV folder and validating it) and ``kb.load.write_dataset`` (the
all-or-nothing load) REPEAT times and prints one JSON object:
``{"runs": [{"read_validate_s", "write_s", "total_s"}], "peak_rss_mb", "nodes", "relationships"}``.
"""

from __future__ import annotations

import json
import resource
import sys
import time

from kb.load import read_path, write_dataset
from kb.settings import Settings
from kb.store import open_store


def main(folder: str, url: str, graph: str, repeat: int) -> dict:
    """Load ``folder`` into ``graph`` of ``url`` ``repeat`` times; return the timings."""
    runs, report = [], None
    with open_store(Settings(graph_url=url, graph_name=graph)) as store:
        for _ in range(repeat):
            started = time.perf_counter()
            dataset = read_path(folder)
            read_s = time.perf_counter() - started
            report = write_dataset(store, dataset)
            total = time.perf_counter() - started
            runs.append({"read_validate_s": read_s, "write_s": total - read_s, "total_s": total})
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {"runs": runs, "peak_rss_mb": peak_kb / 1024,
            "nodes": report.nodes if report else 0,
            "relationships": report.relationships if report else 0}


if __name__ == "__main__":
    print(json.dumps(main(sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]))))
