"""Realism: where a self-assessment and an external review of the same municipality,
capability and round differ (the study found that municipalities overestimate their maturity)."""

from __future__ import annotations

import pandas as pd

from kb.analysis.common import names_text, query_frame, with_reasons
from kb.analysis.defaults import REALISM_MIN_DIFFERENCE
from kb.store.base import GraphStore

_KEYS = ["municipality", "municipality_name", "capability", "capability_en", "capability_sv",
         "key_capability", "round"]
DETAIL_COLUMNS = [*_KEYS, "self_maturity", "external_maturity", "difference", "overestimated",
                  "status", "reason", "reason_sv"]
_STATUS_SV = {"overestimated": "överskattning", "underestimated": "underskattning", "agrees": "stämmer"}
_SUMMARY = ["compared", "mean_difference", "overestimated", "underestimated", "agreed"]
MUNICIPALITY_COLUMNS = ["municipality", "municipality_name", "round", *_SUMMARY, "reason", "reason_sv"]
CAPABILITY_COLUMNS = ["capability", "capability_en", "capability_sv", "key_capability", "round",
                      *_SUMMARY, "reason", "reason_sv"]


def compared(store: GraphStore, round: int | None, min_difference: int) -> pd.DataFrame:
    """Self-assessment against external review, one row per municipality and capability."""
    both = query_frame(store, "analysis/realism_pairs",
                       [*_KEYS, "self_maturity", "external_maturity"], round=round)
    if round is None and not both.empty:
        both = both[both["round"] == both["round"].max()]
    difference = both["self_maturity"].astype(int) - both["external_maturity"].astype(int)
    status = difference.map(lambda d: "overestimated" if d >= min_difference
                            else "underestimated" if d <= -min_difference else "agrees")
    both = both.assign(difference=difference, overestimated=status == "overestimated", status=status)
    both = with_reasons(both, [(f"self-assessed {s}, external review {e}: {st}"
                                + (f" by {abs(d)}" if d else ""),
                                f"självskattning {s}, extern granskning {e}: {_STATUS_SV[st]}"
                                + (f" med {abs(d)}" if d else ""))
                               for s, e, st, d in zip(both["self_maturity"], both["external_maturity"],
                                                      both["status"], both["difference"], strict=True)])
    return both[DETAIL_COLUMNS].sort_values(["municipality", "capability"]).reset_index(drop=True)


def _summary(rows: pd.DataFrame, named: str) -> pd.Series:
    over = rows[rows["status"] == "overestimated"]
    under = (rows["status"] == "underestimated").sum()
    mean = round(float(rows["difference"].mean()), 2)
    reason = (f"{len(over)} of {len(rows)} self-assessments above the external review, "
              f"mean difference {mean:+.2f}")
    reason_sv = (f"{len(over)} av {len(rows)} självskattningar över den externa granskningen, "
                 f"medelskillnad {mean:+.2f}")
    if len(over):
        reason += f"; overestimated: {names_text(over[named])}"
        reason_sv += f"; överskattade: {names_text(over[named])}"
    return pd.Series({"compared": len(rows), "mean_difference": mean, "overestimated": len(over),
                      "underestimated": int(under), "agreed": len(rows) - len(over) - int(under),
                      "reason": reason, "reason_sv": reason_sv})


def realism(store: GraphStore, *, round: int | None = None, level: str = "municipality",
            min_difference: int = REALISM_MIN_DIFFERENCE) -> pd.DataFrame:
    """Self-assessment against external review of the same municipality, capability and round.

    ``difference`` = self maturity - external maturity; 'overestimated' when difference >=
    ``min_difference``, 'underestimated' when <= -``min_difference``, else 'agrees'.
    ``round`` defaults to the latest round with at least one such pair.

    ``level`` 'municipality' (default): per municipality, ``mean_difference`` (its mean
    overestimate) and the counts, most overestimating first. 'capability': the same per
    capability across the region. 'detail': one row per municipality and capability.
    """
    views = {"municipality": (["municipality", "municipality_name", "round"], "capability_en",
                              MUNICIPALITY_COLUMNS),
             "capability": (["capability", "capability_en", "capability_sv", "key_capability", "round"],
                            "municipality_name", CAPABILITY_COLUMNS)}
    if level not in (*views, "detail"):
        raise ValueError(f"level must be 'municipality', 'capability' or 'detail', not {level!r}")
    detail = compared(store, round, min_difference)
    if level == "detail":
        return detail
    keys, named, columns = views[level]
    if detail.empty:
        return pd.DataFrame(columns=columns)
    summary = detail.groupby(keys, sort=False)[["status", "difference", named]] \
        .apply(lambda rows: _summary(rows, named)).reset_index()
    summary = summary.sort_values(["mean_difference", keys[0]], ascending=[False, True])
    return summary[columns].reset_index(drop=True)
