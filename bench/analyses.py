"""Time every analysis registered in ``kb.analysis.ANALYSES``: a warm-up run, then the median."""

from __future__ import annotations

import statistics
import time
from typing import Any

from kb.analysis import ANALYSES, get_analysis
from kb.store.base import GraphStore

SLOW_S = 3.0
"""An analysis whose warm-up takes longer than this is timed once more, not ``repeat`` times."""


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


def time_analyses(store: GraphStore, repeat: int) -> dict[str, dict[str, Any]]:
    """Every registered analysis, by name, and the scenario effects."""
    timed = {name: time_analysis(store, name, repeat) for name in ANALYSES}
    return timed | {"scenario-effects": time_scenario_effects(store, repeat)}
