"""Capability heatmap: municipalities by capabilities, coloured by maturity or gap to target."""

import altair as alt
import streamlit as st

from ui import state
from ui.texts import capability_column, language, t
from ui.widgets import page_start, query_behind, round_and_sources

page_start("heatmap")

rounds = state.assessment_rounds()
areas = state.query("graph/areas")
area_names = dict(zip(areas["id"], areas[f"name_{language()}"])) if not areas.empty else {}
left, middle, right = st.columns(3)
chosen_round = left.selectbox(t("heatmap.round"), rounds, key="heatmap_round") if rounds else None
method = left.selectbox(t("heatmap.method"), ["preferred", "self_assessment", "external_review"],
                        format_func=lambda m: t(f"method.{m}"), key="heatmap_method")
chosen_areas = middle.multiselect(t("heatmap.areas"), list(area_names), format_func=area_names.get,
                                  key="heatmap_areas", placeholder=t("choose"))
key_only = middle.checkbox(t("heatmap.key_only"), key="heatmap_key_only")
metric = right.radio(t("heatmap.colour_by"), ["maturity", "gap"], format_func=lambda m: t(f"heatmap.{m}"),
                     key="heatmap_metric", horizontal=True)

rows = state.assessments(chosen_round, method)
if chosen_areas:
    rows = rows[rows["area"].isin(chosen_areas)]
if key_only:
    rows = rows[rows["key_capability"].astype(bool)]
if rows.empty:
    st.info(t("heatmap.nothing"))
    st.stop()

name = capability_column()
scheme = alt.Scale(domain=[1, 5], scheme="redyellowgreen") if metric == "maturity" else \
    alt.Scale(domain=[0, 4], scheme="orangered")
chart = alt.Chart(rows).mark_rect().encode(
    x=alt.X(f"{name}:N", title=t("col.capability"), sort=None,
            axis=alt.Axis(labelLimit=220, labelAngle=-60, labelOverlap=False, labelFontSize=10)),
    y=alt.Y("municipality_name:N", title=t("col.municipality")),
    color=alt.Color(f"{metric}:Q", title=t(f"heatmap.{metric}"), scale=scheme),
    tooltip=["municipality_name", name, "maturity", "target", "gap", "round", "method", "source"],
).properties(height=alt.Step(26))
st.altair_chart(chart, width="stretch")
st.caption(round_and_sources(rows))

with st.expander(t("heatmap.table"), expanded=False):
    table = rows.pivot_table(index="municipality_name", columns=name, values=metric, aggfunc="first")
    st.dataframe(table, key="heatmap_table")
query_behind(*state.assessments_queries(chosen_round, method), "graph/areas")

st.subheader(t("heatmap.drill"))
municipalities = dict(zip(rows["municipality"], rows["municipality_name"]))
capabilities = dict(zip(rows["capability"], rows[name]))
left, right = st.columns(2)
municipality = left.selectbox(t("col.municipality"), [None, *sorted(municipalities, key=municipalities.get)],
                              format_func=lambda c: t("heatmap.all") if c is None else municipalities[c],
                              key="heatmap_drill_municipality")
capability = right.selectbox(t("col.capability"), [None, *sorted(capabilities, key=capabilities.get)],
                             format_func=lambda c: t("heatmap.all") if c is None else capabilities[c],
                             key="heatmap_drill_capability")
if municipality or capability:
    every = state.every_assessment()
    detail = every if municipality is None else every[every["municipality"] == municipality]
    detail = detail if capability is None else detail[detail["capability"] == capability]
    if capability is None:
        detail = detail[detail["capability"].isin(rows["capability"])]
    st.dataframe(detail[["municipality_name", name, "round", "method", "maturity", "target", "source"]]
                 .rename(columns={"municipality_name": t("col.municipality"), name: t("col.capability")}),
                 hide_index=True, key="heatmap_detail")
else:
    st.caption(t("heatmap.drill_hint"))
