"""Impact: pick a supplier or system and see what falls with it; or rank them all by reach."""

import streamlit as st

from ui import state
from ui.texts import t
from ui.widgets import analysis_behind, downloads, metric_row, page_start, table

page_start("impact")

left, right = st.columns([1, 3])
kind = left.radio(t("impact.kind"), ["Supplier", "System"], format_func=lambda x: t(f"label.{x}"),
                  key="impact_kind")
names = state.names(kind)
chosen = right.selectbox(t(f"label.{kind}"), [None, *names], key=f"impact_{kind}",
                         format_func=lambda k: t("impact.ranking") if k is None else f"{names[k]} ({k})")
if chosen is None:
    rows = state.analysis("impact")
    st.subheader(t("impact.ranking"))
else:
    rows = state.analysis("impact", **{kind.lower(): chosen})
    falls = rows.groupby("kind").size() if not rows.empty else {}
    metric_row(*[(t(f"impact.{x}"), int(falls.get(x, 0))) for x in ("system", "capability", "municipality")])
if rows.empty:
    st.info(t("impact.nothing"))
else:
    table(rows, key="impact_table")
    downloads(rows, "impact")
analysis_behind("impact")
