"""Trends (förändring mellan omgångar): the region's change in maturity per capability between
two assessment rounds, and each municipality's changes."""

import altair as alt
import streamlit as st

from ui import state
from ui.texts import language, t
from ui.widgets import analysis_behind, downloads, metric_row, page_start, table

TRENDS = ("improving", "stable", "declining")
DIRECTIONS = ("improved", "declined", "unchanged")

page_start("trends")
found = sorted(int(r) for r in state.query("analysis/assessment_rounds")["round"])
if len(found) < 2:
    st.info(t("trends.one_round"))
    st.stop()

left, middle, right = st.columns(3)
first = left.selectbox(t("trends.from"), found[:-1], index=len(found) - 2, key="trends_from")
later = [r for r in found if r > first]
last = middle.selectbox(t("trends.to"), later, index=len(later) - 1, key="trends_to")
key_only = right.checkbox(t("heatmap.key_only"), key="trends_key_only")
name = f"capability_{language()}"
trend = state.analysis("rounds", from_round=first, to_round=last)
detail = state.analysis("rounds", from_round=first, to_round=last, level="municipality")
if key_only:
    trend, detail = (rows[rows["key_capability"].astype(bool)] for rows in (trend, detail))
if trend.empty:
    st.info(t("trends.none"))
    st.stop()

counts = trend["trend"].value_counts()
metric_row(*[(t(f"trends.{x}"), int(counts.get(x, 0))) for x in ("improving", "declining", "stable")],
           (t("trends.mean_change"), f"{trend['mean_change'].mean():+.2f}"))
words = {x: t(f"trends.trend.{x}") for x in TRENDS}
shown = trend.assign(trend=trend["trend"].map(words))
chart = alt.Chart(shown).mark_bar().encode(
    x=alt.X("mean_change:Q", title=t("trends.chart", first=first, last=last)),
    y=alt.Y(f"{name}:N", sort="x", title=None, axis=alt.Axis(labelLimit=260, labelOverlap=False)),
    color=alt.Color("trend:N", title=None, scale=alt.Scale(domain=list(words.values()),
                                                           range=["#1a9850", "#bbbbbb", "#d73027"])),
    tooltip=[name, "mean_from", "mean_to", "mean_change", "improved", "declined", "unchanged"],
).properties(height=alt.Step(16))
st.altair_chart(chart, width="stretch")
table(shown, "trends_capabilities", [name, "key_capability", "municipalities", "mean_from", "mean_to",
                                     "mean_change", "improved", "declined", "unchanged", "trend", "reason"])
downloads(trend, f"trends-{first}-{last}")

st.subheader(t("trends.per_municipality"))
moved = state.analysis("rounds-municipalities", from_round=first, to_round=last, key_only=key_only)
table(moved, "trends_municipalities", ["municipality_name", *DIRECTIONS, "mean_change"])
towns = dict(zip(detail["municipality"], detail["municipality_name"], strict=True))
left, right = st.columns([1, 2])
code = left.selectbox(t("col.municipality"), sorted(towns, key=towns.get), format_func=towns.get,
                      key="trends_municipality")
directions = right.multiselect(t("trends.directions"), DIRECTIONS, default=["improved", "declined"],
                               format_func=lambda x: t(f"trends.direction.{x}"), key="trends_directions",
                               placeholder=t("choose"))
own = detail[(detail["municipality"] == code) & detail["direction"].isin(directions)]
if own.empty:
    st.info(t("trends.nothing"))
else:
    table(own.assign(direction=own["direction"].map(lambda x: t(f"trends.direction.{x}"))),
          "trends_detail", [name, "key_capability", "from_maturity", "to_maturity", "change", "direction",
                            "reason"])
downloads(detail, f"trends-{first}-{last}-municipalities")
analysis_behind("rounds")
