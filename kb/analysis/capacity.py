"""Capacity: the IT function's staff and cost per inhabitant against the region, the share
spent on development, and capabilities with no one behind them: the study's underfunding and
capacity-shortage signals."""

from __future__ import annotations

import numpy as np
import pandas as pd

from kb.analysis.common import (
    Phrase,
    bilingual,
    capabilities,
    check_method,
    names_text,
    query_frame,
    whole,
    with_reasons,
)
from kb.analysis.defaults import (
    ASSESSMENT_METHOD,
    CAPACITY_COVERED_MATURITY,
    CAPACITY_MIN_DEVELOPMENT_SHARE,
    CAPACITY_UNDERFUNDED_SHARE,
)
from kb.store.base import GraphStore

CAPACITY_COLUMNS = ["municipality", "municipality_name", "population", "year", "fte_total",
                    "fte_per_1000", "cost_total_sek", "cost_per_inhabitant", "development_share",
                    "region_median_cost_per_inhabitant", "cost_vs_median", "region_median_fte_per_1000",
                    "underfunded", "operations_heavy", "uncovered_capabilities", "uncovered_names",
                    "not_assessed_capabilities", "not_assessed_names", "signals", "reason", "reason_sv"]
_FIGURES = ["fte_operations", "fte_development", "cost_operations_sek", "cost_development_sek"]


def it_figures(store: GraphStore, year: int | None) -> pd.DataFrame:
    """Every municipality with its figures of ``year`` (default: the latest year in the data)."""
    rows = query_frame(store, "analysis/it_capacity",
                       ["municipality", "municipality_name", "population", "year", *_FIGURES])
    years = pd.to_numeric(rows["year"], errors="coerce")
    year = year if year is not None else (int(years.max()) if years.notna().any() else None)
    chosen = rows[years == year]
    region = rows[["municipality", "municipality_name", "population"]].drop_duplicates("municipality")
    return region.merge(chosen[["municipality", *_FIGURES]], on="municipality", how="left").assign(year=year)


def _ratios(rows: pd.DataFrame) -> pd.DataFrame:
    num = rows[_FIGURES].apply(pd.to_numeric, errors="coerce")
    people = pd.to_numeric(rows["population"], errors="coerce").where(lambda p: p > 0)
    fte = num["fte_operations"].add(num["fte_development"], fill_value=0)
    cost = num["cost_operations_sek"].add(num["cost_development_sek"], fill_value=0)
    by_cost = num["cost_development_sek"] / cost.where(cost > 0)
    by_fte = num["fte_development"] / fte.where(fte > 0)
    return rows.assign(fte_total=fte, fte_per_1000=(fte / people * 1000).round(2), cost_total_sek=cost,
                       cost_per_inhabitant=(cost / people).round(0),
                       development_share=by_cost.fillna(by_fte).round(3))


def uncovered(store: GraphStore, codes: list[str], covered_maturity: int,
              method: str) -> dict[str, tuple[list[str], list[str]]]:
    """Per municipality, (uncovered, not assessed): the capabilities (English names) with no
    supporting system it uses that are assessed below ``covered_maturity`` (uncovered), or
    have no current assessment at all (not assessed: unknown, its own state, not counted as
    uncovered). Found by the engine (query ``analysis/uncovered_capabilities``)."""
    caps = capabilities(store)
    rows = query_frame(store, "analysis/uncovered_capabilities",
                       ["municipality", "uncovered", "not_assessed"],
                       covered_maturity=covered_maturity, round=None, method=check_method(method))
    found = {m: (set(u), set(n)) for m, u, n in zip(rows["municipality"], rows["uncovered"],
                                                    rows["not_assessed"], strict=True)}
    names = dict(zip(caps["capability"], caps["capability_en"], strict=True))
    out = {}
    for m in codes:
        open_, unknown = found.get(m, (set(), set()))
        out[m] = ([names[c] for c in names if c in open_], [names[c] for c in names if c in unknown])
    return out


def capacity(store: GraphStore, *, year: int | None = None,
             underfunded_share: float = CAPACITY_UNDERFUNDED_SHARE,
             min_development_share: float = CAPACITY_MIN_DEVELOPMENT_SHARE,
             covered_maturity: int = CAPACITY_COVERED_MATURITY,
             method: str = ASSESSMENT_METHOD) -> pd.DataFrame:
    """Each municipality's IT capacity against the region, with underfunding signals.

    For ``year`` (default: the latest year with figures): ``fte_per_1000`` = (FTE operations
    + development) / population x 1000; ``cost_per_inhabitant`` = (cost operations +
    development) / population; ``development_share`` = development cost / total cost (FTE
    shares when there are no costs). ``cost_vs_median`` = cost per inhabitant / the median
    over the municipalities with figures. Signals: ``underfunded`` when cost_vs_median <
    ``underfunded_share``; ``operations_heavy`` when development_share <
    ``min_development_share``; ``uncovered_capabilities`` = capabilities with no current
    assessment at ``covered_maturity`` or higher and no supporting system the municipality
    uses; ``not_assessed_capabilities`` = capabilities with no current assessment and no
    supporting system (not known to be uncovered: its own state). ``signals`` counts the four
    (uncovered and not assessed when > 0); most signals first, then the lowest cost against
    the median. Municipalities without figures stay, with a reason.
    """
    rows = _ratios(it_figures(store, year))
    gaps = uncovered(store, rows["municipality"].tolist(), covered_maturity, method)
    median_cost = rows["cost_per_inhabitant"].median()
    median_cost = median_cost if median_cost > 0 else np.nan
    rows = rows.assign(region_median_cost_per_inhabitant=median_cost,
                       cost_vs_median=(rows["cost_per_inhabitant"] / median_cost).round(2),
                       region_median_fte_per_1000=rows["fte_per_1000"].median(),
                       uncovered_capabilities=rows["municipality"].map(lambda m: len(gaps[m][0])),
                       uncovered_names=rows["municipality"].map(lambda m: names_text(gaps[m][0])),
                       not_assessed_capabilities=rows["municipality"].map(lambda m: len(gaps[m][1])),
                       not_assessed_names=rows["municipality"].map(lambda m: names_text(gaps[m][1])))
    rows = rows.assign(underfunded=rows["cost_vs_median"] < underfunded_share,
                       operations_heavy=rows["development_share"] < min_development_share)
    rows = rows.assign(signals=rows["underfunded"].astype(int) + rows["operations_heavy"].astype(int)
                       + (rows["uncovered_capabilities"] > 0).astype(int)
                       + (rows["not_assessed_capabilities"] > 0).astype(int))
    rows = with_reasons(rows, [_reason(row, underfunded_share, min_development_share)
                               for _, row in rows.iterrows()])
    rows = rows.sort_values(["signals", "cost_vs_median", "municipality"], ascending=[False, True, True],
                            na_position="last")
    return rows[CAPACITY_COLUMNS].reset_index(drop=True)


def _reason(row: pd.Series, underfunded_share: float, min_development_share: float) -> Phrase:
    parts = []
    if pd.isna(row["fte_total"]) and pd.isna(row["cost_total_sek"]):
        year = row["year"]
        parts.append((f"no IT capacity figures for {year}", f"inga siffror om IT-kapacitet för {year}"))
    if pd.notna(row["cost_vs_median"]):
        cost, share = row["cost_per_inhabitant"], f"{row['cost_vs_median']:.0%}"
        median, below = row["region_median_cost_per_inhabitant"], row["underfunded"]
        parts.append((f"IT cost {whole(cost, 0)} SEK per inhabitant is {share} of the region's median "
                      f"{whole(median, 0)}"
                      + (f" (below {underfunded_share:.0%}: underfunded)" if below else ""),
                      f"IT-kostnaden {whole(cost, 1)} kr per invånare är {share} av regionens median "
                      f"{whole(median, 1)}" + (f" (under {underfunded_share:.0%}: underfinansierad)"
                                                if below else "")))
    if pd.notna(row["development_share"]):
        share, heavy = f"{row['development_share']:.0%}", row["operations_heavy"]
        parts.append((f"development is {share} of IT spending"
                      + (f" (below {min_development_share:.0%}: operations-heavy; shift from drift"
                         " to utveckling)" if heavy else ""),
                      f"utveckling är {share} av IT-kostnaderna"
                      + (f" (under {min_development_share:.0%}: driftstung; flytta resurser från drift"
                         " till utveckling)" if heavy else "")))
    if row["uncovered_capabilities"]:
        count = row["uncovered_capabilities"]
        parts.append((f"{count} capabilit(ies) with no one behind them",
                      f"{count} förmåg(or) som ingen står bakom"))
    if row["not_assessed_capabilities"]:
        count = row["not_assessed_capabilities"]
        parts.append((f"{count} capabilit(ies) not assessed and without a supporting system",
                      f"{count} förmåg(or) utan bedömning och utan stödjande system"))
    return bilingual(parts)
