"""Building blocks the analyses share: which assessments count, and region-wide facts."""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from kb.analysis.defaults import ASSESSMENT_METHOD
from kb.queries import run_query
from kb.store.base import GraphStore

ASSESSMENT_COLUMNS = [
    "municipality", "municipality_name", "capability", "capability_sv", "capability_en",
    "key_capability", "area", "round", "method", "maturity", "target", "source",
]
METHOD_RANK = {"external_review": 0, "self_assessment": 1}


def query_frame(store: GraphStore, name: str, columns: list[str] | None = None,
                **params: object) -> pd.DataFrame:
    """Run the saved query ``name`` without a row cap and return its rows as a DataFrame.

    ``columns`` fixes the columns when the result is empty, so callers can rely on them.
    """
    result = run_query(store, name, dict(params), row_cap=None)
    frame = result.to_frame()
    if frame.empty and columns:
        return pd.DataFrame(columns=columns)
    return frame


def all_assessments(store: GraphStore, round: int | None = None) -> pd.DataFrame:
    """Every assessment (query ``analysis/assessments``), optionally of one round."""
    return query_frame(store, "analysis/assessments", ASSESSMENT_COLUMNS, round=round)


def current_assessments(store: GraphStore, round: int | None = None,
                        method: str = ASSESSMENT_METHOD) -> pd.DataFrame:
    """One assessment per (municipality, capability): of ``round``, or by default of the latest
    round in which that municipality assessed that capability (so a municipality that has not
    yet answered a new round keeps counting with its previous one).

    ``method`` 'preferred' keeps the external review where one exists, else the
    self-assessment; 'self_assessment' or 'external_review' keeps only that method.
    Adds ``gap`` = max(target - maturity, 0) (0 when there is no target). Reads only the
    bare values (query ``analysis/assessment_values``) and joins the names from
    ``municipalities`` and ``capabilities``, which keeps it fast on a national dataset.
    """
    values = ["municipality", "capability", "round", "method", "maturity", "target", "source"]
    rows = query_frame(store, "analysis/assessment_values", values, round=round, method=method)
    if rows.empty:
        return pd.DataFrame(columns=[*ASSESSMENT_COLUMNS, "gap"])
    rows = rows.assign(_rank=rows["method"].map(METHOD_RANK).fillna(2))
    rows = rows.sort_values(["municipality", "capability", "round", "_rank"],
                            ascending=[True, True, False, True])
    rows = rows.drop_duplicates(["municipality", "capability"]).drop(columns="_rank")
    names = municipalities(store)[["municipality", "municipality_name"]]
    caps = capabilities(store)[["capability", "capability_sv", "capability_en", "key_capability", "area"]]
    rows = rows.merge(names, on="municipality", how="left").merge(caps, on="capability", how="left")
    target = pd.to_numeric(rows["target"], errors="coerce")
    maturity = pd.to_numeric(rows["maturity"], errors="coerce")
    gap = (target - maturity).clip(lower=0).fillna(0).astype(int)
    return rows[ASSESSMENT_COLUMNS].assign(gap=gap).reset_index(drop=True)


MUNICIPALITY_COLUMNS = ["municipality", "municipality_name", "population"]
CAPABILITY_COLUMNS = ["capability", "capability_sv", "capability_en", "key_capability",
                      "area", "area_sv", "area_en"]


def municipalities(store: GraphStore) -> pd.DataFrame:
    """Every municipality in the graph (query ``analysis/municipalities``): the region."""
    return query_frame(store, "analysis/municipalities", MUNICIPALITY_COLUMNS)


def capabilities(store: GraphStore) -> pd.DataFrame:
    """Every capability with names, key flag and area (query ``analysis/capabilities``)."""
    return query_frame(store, "analysis/capabilities", CAPABILITY_COLUMNS)


def names_text(names: Iterable[object] | None) -> str:
    """Names as sorted, comma-separated text without repeats ('' for none)."""
    return ", ".join(sorted({str(n) for n in names if n is not None})) if names is not None else ""


Phrase = tuple[str, str]  # the same fact in English and in Swedish


def bilingual(parts: Iterable[Phrase], sep: str = "; ") -> Phrase:
    """(English, Swedish): the English halves of ``parts`` joined by ``sep``, and the Swedish."""
    parts = list(parts)
    return sep.join(en for en, _ in parts), sep.join(sv for _, sv in parts)


def with_reasons(frame: pd.DataFrame, reasons: Iterable[Phrase], english: str = "reason") -> pd.DataFrame:
    """``frame`` with the (English, Swedish) ``reasons``, one per row, as columns ``english``
    and ``reason_sv``."""
    reasons = list(reasons)
    return frame.assign(**{english: [en for en, _ in reasons], "reason_sv": [sv for _, sv in reasons]})


def reason_fields(phrase: Phrase, english: str = "reason") -> dict[str, str]:
    """The (English, Swedish) ``phrase`` as the row fields ``english`` and ``reason_sv``."""
    return {english: phrase[0], "reason_sv": phrase[1]}


def whole(value: float, lang: int) -> str:
    """``value`` rounded to a whole number with thousands grouped: '1,250' in English (``lang``
    0), '1 250' in Swedish (1)."""
    text = f"{value:,.0f}"
    return text if lang == 0 else text.replace(",", " ")
