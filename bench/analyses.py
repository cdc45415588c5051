"""Time every analysis registered in ``kb.analysis.ANALYSES`` and the scenario effects: in the
benchmark's process (a warm-up run, then the median) and cold, each in a fresh Python process
with nothing cached, with the rows and bytes it read from the engine.

``python -m bench.analyses [--scales national,nordic,stress] [--before PATH]`` runs only this part
of the benchmark on the embedded engine: each scale's synthetic dataset is loaded once into a
temporary database, then every analysis is run cold, with this tree's code and, with
``--before``, with the code of another checkout (for example ``/work/main``), in the same run.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from kb.analysis import ANALYSES, get_analysis
from kb.store.base import GraphStore

ROOT = Path(__file__).resolve().parent.parent
SLOW_S = 3.0
"""An analysis whose warm-up takes longer than this is timed once more, not ``repeat`` times."""
COLD_TIMEOUT_S = 900
SCENARIO = "scenario-effects"
COLD_FIELDS = ("cold_s", "import_s", "open_s", "rows_read", "bytes_read", "queries")

CHILD = r"""
import json, sys, time
started = time.perf_counter()
from kb.settings import Settings
from kb.store import open_store
url, graph, name = sys.argv[1:4]
if name == "scenario-effects":
    from kb.scenario import effects, from_candidates
else:
    from kb.analysis import get_analysis
    function = get_analysis(name).function
imported = time.perf_counter()
store = open_store(Settings(graph_url=url, graph_name=graph, query_timeout_ms=600000))
read, tally = store.read, {"rows_read": 0, "bytes_read": 0, "queries": 0}
def counting(cypher, params=None, **limits):
    result = read(cypher, params, **limits)
    tally["queries"] += 1
    tally["rows_read"] += len(result.rows)
    tally["bytes_read"] += len(json.dumps(result.rows, default=str, ensure_ascii=False).encode())
    return result
store.read = counting
opened = time.perf_counter()
if name == "scenario-effects":
    scenario = from_candidates(store, "bench", 10)
    from kb.analysis import common
    common._SNAPSHOTS.clear()  # the effects read cold too: nothing the candidates read is kept
    tally.update(rows_read=0, bytes_read=0, queries=0)
    opened = time.perf_counter()
    rows = len(effects(store, scenario).map)
else:
    rows = len(function(store))
done = time.perf_counter()
print(json.dumps({"status": "ok", "cold_s": done - opened, "import_s": imported - started,
                  "open_s": opened - imported, "rows": rows, **tally}))
"""
"""The cold run: imports, opens the store, wraps ``read`` to count what crosses the wire (rows,
and bytes as the rows' JSON text: a measure of the volume that does not depend on the engine's
protocol), times the one call. The scenario is made from the candidates before the clock starts,
and the snapshot they filled is dropped, so the effects are timed cold as well."""


def cold(url: str, graph: str, name: str, root: Path = ROOT) -> dict[str, Any]:
    """Analysis ``name`` in a fresh process running the code under ``root``: ``cold_s`` (the call
    alone; imports and opening the store are ``import_s`` and ``open_s``), rows and bytes read."""
    env = os.environ | {"PYTHONPATH": str(root)}
    try:
        done = subprocess.run([sys.executable, "-c", CHILD, url, graph, name], cwd=root, env=env,
                              capture_output=True, text=True, timeout=COLD_TIMEOUT_S)
    except subprocess.TimeoutExpired:
        return {"status": "error", "error": f"over {COLD_TIMEOUT_S} s"}
    lines = done.stdout.strip().splitlines()
    if done.returncode or not lines:
        return {"status": "error", "error": (done.stderr.strip().splitlines() or ["no output"])[-1][:300]}
    return json.loads(lines[-1])


def time_analysis(store: GraphStore, name: str, repeat: int) -> dict[str, Any]:
    """Run analysis ``name`` once to warm up, then ``repeat`` times; report the median seconds.

    Status 'missing' when its module is not written yet, 'error' when it raises.
    """
    try:
        analysis = get_analysis(name)
    except (ImportError, AttributeError) as err:
        return {"status": "missing", "error": str(err)}
    try:
        started = time.perf_counter()
        rows = len(analysis.function(store))
        slow = time.perf_counter() - started > SLOW_S
        runs = []
        for _ in range(1 if slow else repeat):
            started = time.perf_counter()
            analysis.function(store)
            runs.append(time.perf_counter() - started)
    except Exception as err:  # an analysis failing is a result to report, not a crash
        return {"status": "error", "error": f"{type(err).__name__}: {err}"[:300]}
    return {"status": "ok", "median_s": statistics.median(runs), "runs": runs, "rows": rows}


def time_scenario_effects(store: GraphStore, repeat: int) -> dict[str, Any]:
    """``kb.scenario.effects`` of a scenario made from the top 10 candidates (not saved): the
    map after, contracts, legacy, capacity and risks, timed like an analysis."""
    from kb.scenario import effects, from_candidates

    try:
        scenario = from_candidates(store, "bench", 10)
        runs = []
        for _ in range(repeat + 1):
            started = time.perf_counter()
            rows = len(effects(store, scenario).map)
            runs.append(time.perf_counter() - started)
    except Exception as err:  # a failure is a result to report, as for the analyses
        return {"status": "error", "error": f"{type(err).__name__}: {err}"[:300]}
    return {"status": "ok", "median_s": statistics.median(runs[1:]), "runs": runs[1:], "rows": rows}


def with_cold(store: GraphStore, name: str, warm: dict[str, Any],
              cold_names: tuple[str, ...] | None = None) -> dict[str, Any]:
    """``warm``'s result with the cold run's figures (``cold_s``, ``rows_read``, ``bytes_read``)
    added, on the embedded engine (a fresh process reaches it by its folder), when ``name`` is
    one of ``cold_names`` (None: every analysis)."""
    chosen = cold_names is None or name in cold_names
    if store.backend != "embedded" or warm.get("status") != "ok" or not chosen:
        return warm
    found = cold(store.settings.graph_url, store.settings.graph_name, name)
    if found.get("status") != "ok":
        return warm | {"cold_error": found.get("error")}
    return warm | {k: found[k] for k in COLD_FIELDS}


def time_analyses(store: GraphStore, repeat: int,
                  cold_names: tuple[str, ...] | None = None) -> dict[str, dict[str, Any]]:
    """Every registered analysis, by name, and the scenario effects: warm, and cold on the
    embedded engine (those of ``cold_names``; None: all)."""
    timed = {name: time_analysis(store, name, repeat) for name in ANALYSES}
    timed[SCENARIO] = time_scenario_effects(store, repeat)
    return {name: with_cold(store, name, result, cold_names) for name, result in timed.items()}


def _table(results: dict[str, dict[str, dict[str, Any]]], scales: list[str], labels: list[str]) -> str:
    """Markdown: one row per analysis, per scale and code the cold seconds, rows and bytes read."""
    def cell(r: dict[str, Any] | None) -> str:
        if not r:
            return "–"
        if r.get("status") != "ok":
            return r.get("error", "error")[:40]
        return f"{r['cold_s']:.3f} s · {r['rows_read']:,} rows · {r['bytes_read'] / 1e6:.2f} MB"

    header = ["analysis"] + [f"{s} ({label})" for s in scales for label in labels]
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for name in [*ANALYSES, SCENARIO]:
        lines.append("| " + " | ".join([f"`{name}`"] + [cell(results.get(f"{s}/{label}", {}).get(name))
                                                        for s in scales for label in labels]) + " |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    """Only the cold analyses, on fresh embedded databases, printed as a Markdown table."""
    from bench.run import SCALES
    from kb.load import write_dataset
    from kb.settings import Settings
    from kb.store import open_store
    from kb.store.falkor import _kill_and_wait
    from kb.synthetic import generate

    parser = argparse.ArgumentParser(prog="python -m bench.analyses", description=__doc__)
    parser.add_argument("--scales", default="national,nordic,stress")
    parser.add_argument("--before", type=Path, help="another checkout whose code is timed too")
    parser.add_argument("--only", help="comma-separated analyses (default: all and the scenario effects)")
    args = parser.parse_args(argv)
    scales = args.scales.split(",")
    names = args.only.split(",") if args.only else [*ANALYSES, SCENARIO]
    codes = {"after": ROOT, **({"before": args.before.resolve()} if args.before else {})}
    results: dict[str, dict[str, dict[str, Any]]] = {}
    with tempfile.TemporaryDirectory(prefix="kb-bench-analyses-") as folder:
        for scale in scales:
            url = f"embedded:{Path(folder) / scale}"
            store = open_store(Settings(graph_url=url, graph_name="kb", query_timeout_ms=600_000))
            write_dataset(store, generate(SCALES[scale]))
            for label, root in codes.items():
                results[f"{scale}/{label}"] = {n: cold(url, "kb", n, root) for n in names}
                print(f"[bench.analyses] {scale} {label} done", file=sys.stderr, flush=True)
            server = store._db.client.pid
            store.close()
            _kill_and_wait(server)  # as bench.run does: the folder is ours
    print(_table(results, scales, list(codes)))
    print("\n" + json.dumps(results))


if __name__ == "__main__":
    main()
