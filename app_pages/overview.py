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
        labels = {name: t("col.capability"), "mean_maturity": t("col.mean_maturity"),
                  "municipalities": t("col.municipalities")}
        left, right = st.columns(2)
        for column, strongest in ((left, True), (right, False)):
            column.subheader(t("overview.strongest" if strongest else "overview.weakest"))
            ranked = state.analysis("capability-maturity", strongest=strongest, top=5)
            column.dataframe(ranked[list(labels)].rename(columns=labels), hide_index=True)
        st.caption(round_and_sources(current))
        analysis_behind("capability-maturity")

    st.subheader(t("overview.top_candidates"))
    candidates = state.analysis("candidates")
    if candidates.empty:
        st.info(t("empty.no_candidates"))
    else:
        candidate_table(candidates.head(5), key="overview_candidates")
        analysis_behind("candidates")
