"""Weak capabilities: per municipality, and regionally weighted by criticality."""

from __future__ import annotations

import pandas as pd

from kb.analysis.common import (
    current_assessments,
    current_by_capability,
    municipalities,
    municipality_code,
    names_text,
    query_frame,
)
from kb.analysis.defaults import (
    ASSESSMENT_METHOD,
    CRITICALITY_WEIGHT,
    STRONG_MATURITY,
    WEAK_GAP,
    WEAK_MATURITY,
)
from kb.store.base import GraphStore

WEAK_MUNICIPALITY_COLUMNS = [
    "municipality", "municipality_name", "capability", "capability_sv", "capability_en",
    "key_capability", "area", "round", "method", "maturity", "target", "gap",
    "reason_en", "reason_sv",
]
WEAK_COLUMNS = [
    "capability", "capability_sv", "capability_en", "key_capability", "area", "assessed",
    "weak", "weak_share", "mean_maturity", "mean_gap", "dependents", "score",
    "weak_municipalities", "reason_en", "reason_sv",
]
_KEY = ("key capability", "nyckelförmåga")


def mark_weak(rows: pd.DataFrame, threshold: int, min_gap: int) -> pd.DataFrame:
    """``rows`` (current assessments) with a bool column ``weak``:
    maturity <= ``threshold`` or gap >= ``min_gap``."""
    weak = (pd.to_numeric(rows["maturity"]) <= threshold) | (rows["gap"] >= min_gap)
    return rows.assign(weak=weak.astype(bool))


def weak_reason(maturity: int, target: int | None, gap: int, threshold: int,
                min_gap: int) -> tuple[str, str]:
    """Why one assessment is weak, in English and Swedish."""
    en, sv = [], []
    if maturity <= threshold:
        en.append(f"maturity {maturity} is at or below {threshold}")
        sv.append(f"mognad {maturity} är högst {threshold}")
    if gap >= min_gap:
        en.append(f"{gap} levels below its target {target}")
        sv.append(f"{gap} nivåer under målet {target}")
    return "; ".join(en), "; ".join(sv)


def weak_municipalities(store: GraphStore, *, threshold: int = WEAK_MATURITY,
                        min_gap: int = WEAK_GAP, municipality: str | None = None,
                        round: int | None = None,
                        method: str = ASSESSMENT_METHOD) -> pd.DataFrame:
    """Each (municipality, capability) where the municipality is weak, with the reason.

    Weak when ``maturity <= threshold`` or ``gap >= min_gap``, where ``gap`` =
    max(target - maturity, 0) of the current assessment (``round``, default the latest;
    ``method``, see ``kb.analysis.common.current_assessments``). ``municipality`` (code or
    name) keeps one municipality; one not in the graph is a ValueError. The engine keeps only
    the weak ones (``current_assessments`` with ``threshold`` and ``min_gap``). Rows by municipality,
    key capabilities first, then maturity (lowest first), then capability id.
    """
    code = None if municipality is None else municipality_code(store, municipality)
    rows = current_assessments(store, round, method, municipality=code, threshold=threshold,
                               min_gap=min_gap)
    if rows.empty:
        return pd.DataFrame(columns=WEAK_MUNICIPALITY_COLUMNS)
    reasons = [weak_reason(m, t, g, threshold, min_gap)
               for m, t, g in zip(rows["maturity"], rows["target"], rows["gap"], strict=True)]
    rows = rows.assign(reason_en=[en for en, _ in reasons], reason_sv=[sv for _, sv in reasons])
    rows = rows.sort_values(["municipality", "key_capability", "maturity", "capability"],
                            ascending=[True, False, True, True])
    return rows[WEAK_MUNICIPALITY_COLUMNS].reset_index(drop=True)


def dependents(store: GraphStore) -> dict[str, int]:
    """Criticality: for every capability, how many capabilities depend on it transitively.

    Counted in the graph (query ``analysis/capability_dependents``): the capabilities from
    which a DEPENDS_ON path of any length leads to it, itself excluded; cycles are safe.
    """
    rows = query_frame(store, "analysis/capability_dependents", ["capability", "dependents"])
    return {c: int(n) for c, n in zip(rows["capability"], rows["dependents"], strict=True)}


def summarise(store: GraphStore, threshold: int, min_gap: int, round: int | None, method: str,
              strong_maturity: int = STRONG_MATURITY) -> pd.DataFrame:
    """Per capability with a current assessment (``current_by_capability``, counted by the
    engine): assessed, weak, weak_share, mean_maturity, mean_gap (rounded) and the names of
    the weak municipalities (``weak_municipalities``, sorted text; ``weak_names``, a list)."""
    out = current_by_capability(store, threshold=threshold, min_gap=min_gap,
                                strong_maturity=strong_maturity, round=round, method=method)
    names = dict(zip(*(municipalities(store)[c] for c in ("municipality", "municipality_name")),
                     strict=True))
    weak_names = out["weak_codes"].map(lambda codes: [names.get(c) for c in codes])
    return out.assign(weak_share=(out["weak"] / out["assessed"]).round(3),
                      mean_maturity=out["mean_maturity"].round(2), mean_gap=out["mean_gap"].round(2),
                      weak_names=weak_names, weak_municipalities=weak_names.map(names_text))


def weak(store: GraphStore, *, threshold: int = WEAK_MATURITY, min_gap: int = WEAK_GAP,
         criticality_weight: float = CRITICALITY_WEIGHT, round: int | None = None,
         method: str = ASSESSMENT_METHOD) -> pd.DataFrame:
    """Regionally weak capabilities, weighted by criticality, highest score first.

    A municipality is weak in a capability as in ``weak_municipalities``. Per capability
    that at least one municipality is weak in: ``assessed`` = municipalities with a current
    assessment, ``weak_share`` = weak / assessed, ``dependents`` = capabilities that depend
    on it transitively (DEPENDS_ON*, see ``dependents``) and
    ``score = weak_share * (1 + criticality_weight * dependents / D)``, D being the most
    dependents of any capability in the graph (the factor is 1 when nothing depends on
    anything). Ties: key capabilities first, then capability id.
    """
    out = summarise(store, threshold, min_gap, round, method)
    out = out[out["weak"] > 0].copy()
    if out.empty:
        return pd.DataFrame(columns=WEAK_COLUMNS)
    deps = dependents(store)
    most = max(deps.values(), default=0) or 1
    out["dependents"] = out["capability"].map(deps).fillna(0).astype(int)
    share = out["weak"] / out["assessed"]
    out["score"] = (share * (1 + criticality_weight * out["dependents"] / most)).round(3)
    out["reason_en"] = out.apply(lambda r: _reason(r, 0), axis=1)
    out["reason_sv"] = out.apply(lambda r: _reason(r, 1), axis=1)
    out = out.sort_values(["score", "key_capability", "capability"], ascending=[False, False, True])
    return out[WEAK_COLUMNS].reset_index(drop=True)


def _reason(row: pd.Series, lang: int) -> str:
    share = f"{row['weak_share']:.0%}"
    parts = [
        (f"weak in {row['weak']} of {row['assessed']} municipalities ({share}): "
         f"{row['weak_municipalities']}",
         f"svag i {row['weak']} av {row['assessed']} kommuner ({share}): "
         f"{row['weak_municipalities']}"),
        (f"mean maturity {row['mean_maturity']:.1f}, mean gap {row['mean_gap']:.1f}",
         f"medelmognad {row['mean_maturity']:.1f}, medelgap {row['mean_gap']:.1f}"),
        (f"{row['dependents']} capabilities depend on it", f"{row['dependents']} förmågor beror på den"),
    ]
    if row["key_capability"]:
        parts.append(_KEY)
    return "; ".join(p[lang] for p in parts)
