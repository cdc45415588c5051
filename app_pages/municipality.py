"""Municipality profile: one municipality's maturity per capability against the region."""

import altair as alt
import streamlit as st

from ui import state
from ui.texts import language, t
from ui.widgets import analysis_behind, candidate_table, downloads, metric_row, page_start, table

page_start("municipality")

names = state.names("Municipality")
code = st.selectbox(t("col.municipality"), list(names), format_func=lambda c: f"{names[c]} ({c})",
                    key="municipality_code")
lang = language()
profile = state.analysis("profile", municipality=code)
if profile.empty:
    st.info(t("municipality.no_assessments", name=names[code]))
else:
    counts = profile["assessment"].value_counts()
    metric_row((t("municipality.strengths"), int(counts.get("strength", 0))),
               (t("municipality.weaknesses"), int(counts.get("weakness", 0))),
               (t("municipality.on_par"), int(counts.get("on par", 0))),
               (t("col.mean_maturity"), f"{profile['maturity'].mean():.2f}"))
    words = {"strength": t("municipality.strength"), "on par": t("municipality.on_par"),
             "weakness": t("municipality.weakness")}
    chart = alt.Chart(profile.assign(judged=profile["assessment"].map(words))).mark_bar().encode(
        x=alt.X("difference:Q", title=t("municipality.difference")),
        y=alt.Y(f"capability_{lang}:N", sort="x", title=None,
                axis=alt.Axis(labelLimit=260, labelOverlap=False)),
        color=alt.Color("judged:N", title=None, scale=alt.Scale(
            domain=list(words.values()), range=["#1a9850", "#bbbbbb", "#d73027"])),
        tooltip=[f"capability_{lang}", "maturity", "target", "region_mean", "rank", "of"],
    ).properties(height=alt.Step(16))
    st.altair_chart(chart, width="stretch")
    table(profile, "municipality_profile", [f"capability_{lang}", "key_capability", "maturity", "target",
                                            "region_mean", "rank", "of", "assessment", f"reason_{lang}"])
    downloads(profile, f"profile-{code}")
    analysis_behind("profile")

st.subheader(t("municipality.legacy"))
legacy = state.analysis("legacy", level="detail")
own = legacy[legacy["municipality"] == code]
if own.empty:
    st.info(t("legacy.none"))
else:
    table(own, "municipality_legacy", ["system_name", "status", "end_of_support", "lifecycle",
                                       "capability_names", "reason"])

st.subheader(t("municipality.candidates"))
found = state.analysis("candidates")
mine = found[found["municipality_codes"].map(lambda cs: code in cs)] if not found.empty else found
if mine.empty:
    st.info(t("empty.no_candidates"))
else:
    candidate_table(mine, key="municipality_candidates")
