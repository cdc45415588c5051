"""Digital legacy (digitalt arv): systems past or near end of support, or marked for exit."""

import datetime as dt

import streamlit as st

from kb.analysis.defaults import LEGACY_HORIZON_MONTHS
from ui import state
from ui.texts import t
from ui.widgets import analysis_behind, downloads, metric_row, page_start, table

page_start("legacy")

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
        metric_row((t("legacy.systems"), len(rows)),
                   (t("legacy.past"), int((rows["status"] == "past end of support").sum())),
                   (t("legacy.key_touched"), int((rows["key_capabilities"].map(len) > 0).sum())))
    table(rows, key="legacy_table")
    downloads(rows, f"legacy-{level}")
analysis_behind("legacy")
