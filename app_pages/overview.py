"""Overview: headline figures, strongest and weakest capabilities, top candidates."""

import streamlit as st

from ui import state
from ui.texts import capability_column, t
from ui.widgets import (
    analysis_behind,
    candidate_table,
    metric_row,
    need_data,
    page_start,
    query_behind,
    round_and_sources,
)

page_start("overview", needs_data=False)
counts, rels = state.label_counts(), state.relationship_counts()
metric_row(*[(t(f"label.{label}"), f"{counts.get(label, 0):,}".replace(",", " "))
             for label in ("Municipality", "Capability", "System", "Supplier")],
           (t("overview.assessments"), f"{rels.get('ASSESSED', 0):,}".replace(",", " ")))
query_behind("graph/label_counts", "graph/relationship_counts")

if need_data():
    current = state.assessments()
    if current.empty:
        st.info(t("empty.no_assessments"))
    else:
        name = capability_column()
        means = (current.groupby(["capability", name], as_index=False)
                 .agg(maturity=("maturity", "mean"), municipalities=("municipality", "nunique"))
                 .sort_values("maturity"))
        means["maturity"] = means["maturity"].round(2)
        shown = means[[name, "maturity", "municipalities"]].rename(columns={
            name: t("col.capability"), "maturity": t("col.mean_maturity"),
            "municipalities": t("col.municipalities")})
        left, right = st.columns(2)
        left.subheader(t("overview.strongest"))
        left.dataframe(shown.iloc[::-1].head(5), hide_index=True)
        right.subheader(t("overview.weakest"))
        right.dataframe(shown.head(5), hide_index=True)
        st.caption(round_and_sources(current))
        query_behind(*state.assessments_queries())

    st.subheader(t("overview.top_candidates"))
    candidates = state.analysis("candidates")
    if candidates.empty:
        st.info(t("empty.no_candidates"))
    else:
        candidate_table(candidates.head(5), key="overview_candidates")
        analysis_behind("candidates")
