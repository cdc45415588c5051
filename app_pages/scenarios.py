"""Scenarios: build and edit them (editors), see their effects on the map, compare them."""

import streamlit as st

from kb.scenario import differences
from ui import state
from ui.auth import can
from ui.reports import page_html, scenario_sections
from ui.scenarios import build_from_candidates, editor, figure_name, figures, map_chart, said
from ui.texts import language, t
from ui.widgets import downloads, excel_bytes, page_start, query_behind, table

page_start("scenarios")
said()
may_edit = can("load")
if may_edit:
    build_from_candidates()
else:
    st.caption(t("scenarios.needs_editor"))
listed = state.scenario_list()
if listed.empty:
    st.info(t("scenarios.none"))
    st.stop()
titles = dict(zip(listed["id"], listed["title"], strict=True))
chosen = st.session_state.pop("scenarios_next", st.session_state.get("scenarios_choice"))
st.session_state["scenarios_choice"] = chosen if chosen in titles else listed["id"].iloc[0]
name = st.selectbox(t("scenarios.choose"), list(titles), format_func=lambda i: f"{titles[i]} ({i})",
                    key="scenarios_choice")
result = state.scenario_effects(name)
today = state.scenario_comparison([name]).set_index("figure")["today"].to_dict()
figures(result, today)
section = st.radio(t("scenarios.choose"), ["effects", "compare", "edit"], horizontal=True,
                   format_func=lambda s: t(f"scenarios.tab_{s}"), key="scenarios_section",
                   label_visibility="collapsed")

if section == "effects":
    if result.scenario.description:
        st.write(result.scenario.description)
    st.subheader(t("scenarios.map"))
    when = st.radio(t("scenarios.when"), ["before", "after"], index=1, horizontal=True, key="scenarios_when",
                    format_func=lambda w: t(f"scenarios.{w}"))
    map_chart(result.map, when)
    st.subheader(t("scenarios.arrangements"))
    st.dataframe(result.scenario.frame(), hide_index=True, key="scenarios_arrangements")
    for part in ("risks", "contracts", "legacy", "capacity"):
        st.subheader(t(f"scenarios.{part}"))
        table(getattr(result, part), key=f"scenarios_{part}")
    st.caption(t("scenarios.capacity_assumption", share=f"{result.params.pooling_share:.0%}"))
    info = state.dataset()
    notice = t("notice.synthetic") if info and info.get("synthetic") else ""
    report = page_html(f"{t('scenarios.title')}: {result.scenario.title}",
                       scenario_sections(result, today, language(), t), language(), notice)
    left, right = st.columns(2)
    left.download_button(t("download.excel"), lambda: excel_bytes(result.tables()), f"scenario-{name}.xlsx",
                         "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                         key="scenarios_xlsx")
    right.download_button(t("scenarios.download_report"), report, f"scenario-{name}.html", "text/html",
                          key="scenarios_html")
    query_behind("scenario/scenarios", "scenario/arrangements", "scenario/usage_support",
                 "scenario/capability_dependencies")

if section == "compare":
    picked = st.multiselect(t("scenarios.compare_pick"), list(titles), default=list(titles)[:2],
                            max_selections=4, key="scenarios_compare", format_func=titles.get)
    if picked:
        frame = state.scenario_comparison(picked)
        shown = frame.assign(figure=frame["figure"].map(figure_name)).drop(columns=["figure_en", "figure_sv"])
        st.dataframe(shown, hide_index=True, key="scenarios_comparison")
        st.subheader(t("scenarios.differences"))
        for english, swedish in differences(frame):
            st.markdown(f"- {swedish if language() == 'sv' else english}")
        downloads(frame, "scenario-comparison")

if section == "edit":
    if may_edit:
        editor(result.scenario)
    else:
        st.info(t("scenarios.needs_editor"))
