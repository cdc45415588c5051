"""Overview: the region's mean maturity per capability, to show its strongest and weakest."""

from __future__ import annotations

import pandas as pd

from kb.analysis.common import current_by_capability
from kb.analysis.defaults import ASSESSMENT_METHOD, STRONG_MATURITY, WEAK_GAP, WEAK_MATURITY
from kb.store.base import GraphStore

MATURITY_COLUMNS = ["capability", "capability_sv", "capability_en", "key_capability", "area",
                    "mean_maturity", "municipalities"]


def capability_maturity(store: GraphStore, *, strongest: bool = False, top: int | None = None,
                        round: int | None = None, method: str = ASSESSMENT_METHOD) -> pd.DataFrame:
    """The capabilities by the region's mean maturity, weakest first (``strongest``: strongest
    first), the first ``top`` of them (None: all).

    ``mean_maturity`` = mean of the current assessments (``current_assessments``: each
    municipality's that counts, of ``round``, by ``method``; averaged by the engine,
    ``current_by_capability``), rounded to 2 decimals; ``municipalities`` = how many are
    assessed in it. Ties: capability id.
    """
    out = current_by_capability(store, threshold=WEAK_MATURITY, min_gap=WEAK_GAP,
                                strong_maturity=STRONG_MATURITY, round=round, method=method)
    if out.empty:
        return pd.DataFrame(columns=MATURITY_COLUMNS)
    out = out.assign(mean_maturity=out["mean_maturity"].round(2), municipalities=out["assessed"])
    out = out.sort_values(["mean_maturity", "capability"], ascending=[not strongest, True])
    return out[MATURITY_COLUMNS].head(top if top is not None else len(out)).reset_index(drop=True)
