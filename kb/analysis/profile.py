"""Profile: a municipality's strengths and weaknesses against the region."""

from __future__ import annotations

import numpy as np
import pandas as pd

from kb.analysis.common import current_assessments, municipality_code
from kb.analysis.defaults import ASSESSMENT_METHOD, PROFILE_MARGIN
from kb.store.base import GraphStore

PROFILE_COLUMNS = [
    "municipality", "municipality_name", "capability", "capability_sv", "capability_en",
    "key_capability", "area", "maturity", "target", "gap", "region_mean", "difference", "rank",
    "of", "assessment", "reason_en", "reason_sv",
]
_WORDS = {"strength": ("a strength", "en styrka"), "weakness": ("a weakness", "en svaghet"),
          "on par": ("on par with the region", "i nivå med regionen")}


def profile(store: GraphStore, *, municipality: str | None = None,
            margin: float = PROFILE_MARGIN, round: int | None = None,
            method: str = ASSESSMENT_METHOD) -> pd.DataFrame:
    """Each municipality's maturity per capability against the region, key capabilities first.

    Per (municipality, capability) with a current assessment: ``region_mean`` = mean
    maturity of all municipalities assessed on the capability, ``difference`` = maturity -
    region_mean, ``rank`` = 1 + municipalities with a higher maturity (ties share a rank)
    ``of`` the number assessed. ``assessment`` is 'strength' when difference >= ``margin``,
    'weakness' when difference <= -``margin``, else 'on par'. ``municipality`` (code or name)
    keeps one municipality; None gives every municipality (a long table). Rows by
    municipality, key capabilities first, then difference (weakest first), then capability.
    Raises ValueError for a municipality that is not in the graph.
    """
    rows = current_assessments(store, round, method)
    code = None if municipality is None else municipality_code(store, municipality)
    if rows.empty:
        return pd.DataFrame(columns=PROFILE_COLUMNS)
    maturity = pd.to_numeric(rows["maturity"])
    by_capability = maturity.groupby(rows["capability"])
    rows = rows.assign(
        maturity=maturity, region_mean=by_capability.transform("mean").round(2),
        difference=(maturity - by_capability.transform("mean")).round(2),
        rank=by_capability.rank(method="min", ascending=False).astype(int),
        of=by_capability.transform("count").astype(int))
    if code is not None:
        rows = rows[rows["municipality"] == code]
    if rows.empty:
        return pd.DataFrame(columns=PROFILE_COLUMNS)
    rows["assessment"] = np.select([rows["difference"] >= margin, rows["difference"] <= -margin],
                                   ["strength", "weakness"], "on par")
    rows = _with_reasons(rows)
    rows = rows.sort_values(["municipality", "key_capability", "difference", "capability"],
                            ascending=[True, False, True, True])
    return rows[PROFILE_COLUMNS].reset_index(drop=True)


def _with_reasons(rows: pd.DataFrame) -> pd.DataFrame:
    """``rows`` with ``reason_en`` and ``reason_sv``, written once per capability and maturity
    (every fact of a reason is the same for one maturity of one capability) and joined."""
    facts = ["maturity", "region_mean", "rank", "of", "assessment"]
    distinct = rows.drop_duplicates(["capability", "maturity"])[["capability", *facts]]
    values = list(zip(*(distinct[f].tolist() for f in facts), strict=True))
    distinct = distinct.assign(reason_en=[_reason(*v, lang=0) for v in values],
                               reason_sv=[_reason(*v, lang=1) for v in values])
    reasons = distinct.set_index(["capability", "maturity"])[["reason_en", "reason_sv"]]
    return rows.join(reasons, on=["capability", "maturity"])


def _reason(maturity: int, mean: float, rank: int, of: int, assessment: str, lang: int) -> str:
    word = _WORDS[assessment][lang]
    if lang == 0:
        return f"maturity {maturity} against the regional mean {mean:.1f}, rank {rank} of {of}: {word}"
    return f"mognad {maturity} mot regionens medel {mean:.1f}, plats {rank} av {of}: {word}"
