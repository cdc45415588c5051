"""Suppliers: concentration in the region and per capability, and contract windows."""

import datetime as dt

import streamlit as st

from kb.analysis.defaults import CONTRACT_WINDOW_MONTHS
from ui import state
from ui.texts import language, t
from ui.widgets import analysis_behind, downloads, metric_row, page_start, table

page_start("suppliers")

concentration = state.analysis("suppliers")
if concentration.empty:
    st.info(t("suppliers.none"))
else:
    name = "name" if language() == "sv" else "name_en"
    region = concentration[concentration["scope"] == "region"]
    if not region.empty:
        top = region.iloc[0]
        metric_row((t("suppliers.hhi"), f"{float(top['hhi']):.2f}", t(f"level.{top['concentration']}")),
                   (t("suppliers.top"), str(top["top_supplier_name"]), f"{float(top['top_share']):.0%}"),
                   (t("label.Supplier"), int(top["suppliers"])))
    st.subheader(t("suppliers.per_capability"))
    per_capability = concentration[concentration["scope"] == "capability"]
    levels = st.multiselect(t("suppliers.level"), ["high", "moderate", "low"], default=["high", "moderate"],
                            format_func=lambda x: t(f"level.{x}"), key="suppliers_levels",
                            placeholder=t("choose"))
    per_capability = per_capability[per_capability["concentration"].isin(levels)]
    table(per_capability, "suppliers_capabilities",
          [name, "municipalities", "suppliers", "hhi", "concentration", "top_supplier_name", "top_share",
           "reason"])
    st.subheader(t("suppliers.dependence"))
    table(concentration[concentration["scope"] == "supplier"], "suppliers_dependence",
          ["name", "municipalities", "share_of_region", "reason"])
    downloads(concentration, "supplier-concentration")
    analysis_behind("suppliers")

st.subheader(t("suppliers.windows"))
left, right = st.columns(2)
today = left.date_input(t("suppliers.today"), dt.date.today(), key="suppliers_today")
months = right.slider(t("suppliers.window_months"), 3, 36, CONTRACT_WINDOW_MONTHS, key="suppliers_months")
windows = state.analysis("contract-windows", today=today.isoformat(), window_months=months)
if windows.empty:
    st.info(t("suppliers.no_windows", months=months))
else:
    table(windows, "suppliers_windows", ["kind", "name", "supplier_name", "municipalities", "which",
                                         "first_end", "last_end", "annual_cost_sek", "reason"])
    downloads(windows, "contract-windows")
    analysis_behind("contract-windows")
