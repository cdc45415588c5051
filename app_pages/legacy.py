"""Digital legacy (digitalt arv): systems past or near end of support, or marked for exit."""

import datetime as dt

import streamlit as st

from kb.analysis.defaults import LEGACY_HORIZON_MONTHS
from ui import state
from ui.texts import t
from ui.widgets import analysis_behind, downloads, need_data, not_available, table

st.title(t("legacy.title"))
st.write(t("legacy.intro"))
if not need_data():
    st.stop()
if not state.analysis_available("legacy"):
    not_available("legacy")
    st.stop()

left, middle, right = st.columns(3)
level = left.radio(t("legacy.level"), ["system", "municipality", "detail"], key="legacy_level",
                   format_func=lambda x: t(f"legacy.{x}"))
today = middle.date_input(t("suppliers.today"), dt.date.today(), key="legacy_today")
horizon = right.slider(t("legacy.horizon"), 0, 60, LEGACY_HORIZON_MONTHS, key="legacy_horizon")
rows = state.analysis("legacy", today=today.isoformat(), horizon_months=horizon, level=level)
if rows.empty:
    st.info(t("legacy.none"))
else:
    if level == "system":
        a, b, c = st.columns(3)
        a.metric(t("legacy.systems"), len(rows))
        b.metric(t("legacy.past"), int((rows["status"] == "past end of support").sum()))
        c.metric(t("legacy.key_touched"), int((rows["key_capabilities"].map(len) > 0).sum()))
    table(rows, key="legacy_table")
    downloads(rows, f"legacy-{level}")
analysis_behind("legacy")
