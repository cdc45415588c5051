"""Round status: which municipalities have answered a round, which are missing, and when and
from which file each answer was collected (the provenance kept on the rows)."""

from __future__ import annotations

import pandas as pd

from kb.queries import run_query
from kb.store.base import GraphStore
from kb.survey.layout import SELF_ASSESSMENT

STATUS_COLUMNS = ["municipality", "municipality_name", "status", "assessed", "blank",
                  "collected_at", "source_file"]
ANSWERED, PARTLY, MISSING = "answered", "partly", "missing"


def status_of(assessed: int, capabilities: int) -> str:
    """'answered' when every capability is assessed, 'missing' when none is, else 'partly'."""
    return MISSING if assessed == 0 else ANSWERED if assessed >= capabilities else PARTLY


def round_status(store: GraphStore, round: int) -> pd.DataFrame:
    """One row per municipality in the graph (query ``survey/round_status``), by code.

    ``assessed`` counts its self-assessments of ``round`` and ``blank`` the capabilities
    without one; ``status`` is answered, partly or missing (``status_of``); ``collected_at``
    is the latest time one of its rows was collected and ``source_file`` the files they came
    from (both empty for rows loaded with a dataset rather than collected).
    """
    rows = run_query(store, "survey/round_status", {"round": round, "method": SELF_ASSESSMENT},
                     row_cap=None).records()
    out = [{"municipality": r["municipality"], "municipality_name": r["municipality_name"],
            "status": status_of(r["assessed"], r["capabilities"]), "assessed": r["assessed"],
            "blank": max(r["capabilities"] - r["assessed"], 0), "collected_at": r["collected_at"] or "",
            "source_file": ", ".join(sorted(r["source_files"]))} for r in rows]
    return pd.DataFrame(out, columns=STATUS_COLUMNS)
