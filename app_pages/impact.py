"""Impact: pick a supplier or system and see what falls with it; or rank them all by reach."""

import streamlit as st

from ui import state
from ui.texts import language, t
from ui.widgets import analysis_behind, downloads, need_data, not_available, table

st.title(t("impact.title"))
st.write(t("impact.intro"))
if not need_data():
    st.stop()
if not state.analysis_available("impact"):
    not_available("impact")
    st.stop()

left, right = st.columns([1, 3])
kind = left.radio(t("impact.kind"), ["Supplier", "System"], format_func=lambda x: t(f"label.{x}"),
                  key="impact_kind")
options = state.query("graph/nodes_of_label", label=kind)
names = dict(zip(options["key"], options[f"name_{language()}"])) if not options.empty else {}
chosen = right.selectbox(t(f"label.{kind}"), [None, *names], key=f"impact_{kind}",
                         format_func=lambda k: t("impact.ranking") if k is None else f"{names[k]} ({k})")
if chosen is None:
    rows = state.analysis("impact")
    st.subheader(t("impact.ranking"))
else:
    rows = state.analysis("impact", **{kind.lower(): chosen})
    falls = rows.groupby("kind").size() if not rows.empty else {}
    columns = st.columns(3)
    for column, what in zip(columns, ["system", "capability", "municipality"]):
        column.metric(t(f"impact.{what}"), int(falls.get(what, 0)))
if rows.empty:
    st.info(t("impact.nothing"))
else:
    table(rows, key="impact_table")
    downloads(rows, "impact")
analysis_behind("impact")
