"""Capacity (kapacitet): IT staff and cost per inhabitant against the region's median, the share
spent on development rather than operations, and the study's underfunding signals."""

import altair as alt
import pandas as pd
import streamlit as st

from kb.analysis.defaults import CAPACITY_MIN_DEVELOPMENT_SHARE, CAPACITY_UNDERFUNDED_SHARE
from ui import state
from ui.texts import t
from ui.widgets import analysis_behind, downloads, metric_row, page_start, table

page_start("capacity")

years = sorted({int(y) for y in pd.to_numeric(state.query("analysis/it_capacity")["year"]).dropna()},
               reverse=True)
left, middle, right = st.columns(3)
year = left.selectbox(t("capacity.year"), years, key="capacity_year") if years else None
underfunded = middle.slider(t("capacity.underfunded_share"), 0.3, 1.0, CAPACITY_UNDERFUNDED_SHARE, 0.05,
                            key="capacity_underfunded")
development = right.slider(t("capacity.min_development_share"), 0.0, 0.6, CAPACITY_MIN_DEVELOPMENT_SHARE,
                           0.05, key="capacity_development")
rows = state.analysis("capacity", year=year, underfunded_share=underfunded,
                      min_development_share=development)
figures = rows.dropna(subset=["cost_per_inhabitant"])
if figures.empty:
    st.info(t("capacity.no_figures"))
else:
    metric_row((t("capacity.underfunded"), int(rows["underfunded"].sum())),
               (t("capacity.operations_heavy"), int(rows["operations_heavy"].sum())),
               (t("capacity.median_cost"), f"{figures['region_median_cost_per_inhabitant'].iloc[0]:,.0f}"),
               (t("capacity.median_fte"), f"{figures['region_median_fte_per_1000'].iloc[0]:.2f}"))
    left, right = st.columns(2)
    flagged = {True: t("yes"), False: t("no")}
    cost = alt.Chart(figures.assign(flag=figures["underfunded"].map(flagged))).mark_bar().encode(
        x=alt.X("cost_per_inhabitant:Q", title=t("col.cost_per_inhabitant")),
        y=alt.Y("municipality_name:N", sort="-x", title=None),
        color=alt.Color("flag:N", title=t("col.underfunded"), scale=alt.Scale(domain=list(flagged.values()),
                                                              range=["#d73027", "#9ecae1"])),
        tooltip=["municipality_name", "cost_per_inhabitant", "cost_vs_median", "fte_per_1000"])
    median = alt.Chart(figures.head(1)).mark_rule(color="black") \
        .encode(x="region_median_cost_per_inhabitant:Q")
    left.caption(t("capacity.cost_chart"))
    left.altair_chart(cost + median, width="stretch")
    parts = {"development": t("capacity.development"), "operations": t("capacity.operations")}
    shares = pd.concat([figures.assign(part=parts["development"], share=figures["development_share"]),
                        figures.assign(part=parts["operations"], share=1 - figures["development_share"])])
    split = alt.Chart(shares.dropna(subset=["share"])).mark_bar().encode(
        x=alt.X("share:Q", title=t("capacity.share"), axis=alt.Axis(format="%"),
                scale=alt.Scale(domain=[0, 1])),
        y=alt.Y("municipality_name:N", sort="-x", title=None),
        color=alt.Color("part:N", title=None, scale=alt.Scale(domain=list(parts.values()),
                                                              range=["#1a9850", "#bbbbbb"])),
        order=alt.Order("part:N", sort="descending"),
        tooltip=["municipality_name", "part", alt.Tooltip("share:Q", format=".0%")])
    floor = alt.Chart(pd.DataFrame({"x": [development]})).mark_rule(color="black").encode(x="x:Q")
    right.caption(t("capacity.share_chart"))
    right.altair_chart(split + floor, width="stretch")

st.subheader(t("capacity.flags"))
only = st.checkbox(t("capacity.flagged_only"), key="capacity_flagged_only")
shown = rows[rows["signals"] > 0] if only else rows
table(shown, "capacity_table", ["municipality_name", "population", "fte_total", "fte_per_1000",
                                "cost_per_inhabitant", "cost_vs_median", "development_share", "underfunded",
                                "operations_heavy", "uncovered_capabilities", "uncovered_names", "signals",
                                "reason"])
downloads(rows, f"capacity-{year}")
analysis_behind("capacity")
