"""Realism: self-assessment (självskattning) against external review (extern granskning) of the
same municipality, capability and round; the study found municipalities overestimate."""

import altair as alt
import streamlit as st

from kb.analysis.defaults import REALISM_MIN_DIFFERENCE
from ui import state
from ui.texts import language, t
from ui.widgets import analysis_behind, downloads, metric_row, page_start, table

STATUSES = ("overestimated", "agrees", "underestimated")

page_start("realism")

found = sorted((int(r) for r in state.query("analysis/assessment_rounds")["round"]), reverse=True)
left, middle, right = st.columns(3)
chosen = left.selectbox(t("realism.round"), [None, *found], key="realism_round",
                        format_func=lambda r: t("realism.latest") if r is None else str(r))
level = middle.radio(t("realism.level"), ["municipality", "capability"], key="realism_level",
                     format_func=lambda x: t(f"realism.{x}"), horizontal=True)
least = right.slider(t("realism.min_difference"), 1, 3, REALISM_MIN_DIFFERENCE, key="realism_min_difference")
detail = state.analysis("realism", round=chosen, level="detail", min_difference=least)
if detail.empty:
    st.info(t("realism.none"))
    analysis_behind("realism")
    st.stop()

counts = detail["status"].value_counts()
metric_row((t("realism.compared"), len(detail)),
           (t("realism.overestimated"), int(counts.get("overestimated", 0)),
            f"{counts.get('overestimated', 0) / len(detail):.0%}"),
           (t("realism.underestimated"), int(counts.get("underestimated", 0))),
           (t("realism.mean_difference"), f"{detail['difference'].mean():+.2f}"))
name = f"capability_{language()}"
label = "municipality_name" if level == "municipality" else name
summary = state.analysis("realism", round=chosen, level=level, min_difference=least)
chart = alt.Chart(summary).mark_bar(color="#fc8d59").encode(
    x=alt.X("mean_difference:Q", title=t("realism.chart")),
    y=alt.Y(f"{label}:N", sort="-x", title=None, axis=alt.Axis(labelLimit=260, labelOverlap=False)),
    tooltip=[label, "compared", "overestimated", "underestimated", "agreed", "mean_difference"],
).properties(height=alt.Step(18))
st.altair_chart(chart, width="stretch")
table(summary, f"realism_{level}", [label, "round", "compared", "mean_difference", "overestimated",
                                    "underestimated", "agreed", "reason"])
downloads(summary, f"realism-{level}")

st.subheader(t("realism.detail"))
towns = dict(zip(detail["municipality"], detail["municipality_name"], strict=True))
code = st.selectbox(t("col.municipality"), sorted(towns, key=towns.get), format_func=towns.get,
                    key="realism_municipality")
own = detail[detail["municipality"] == code]
table(own.assign(status=own["status"].map(lambda x: t(f"realism.status.{x}"))), "realism_detail",
      [name, "key_capability", "self_maturity", "external_maturity", "difference", "status", "reason"])
downloads(detail, "realism-detail")
analysis_behind("realism")
