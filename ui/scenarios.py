"""The Scenarios page's parts: figures, the map before and after, the builder and the editor.

Every number comes from ``kb.scenario``; writing goes through ``kb.scenario.save_scenario``.
"""

from __future__ import annotations

from dataclasses import replace

import altair as alt
import pandas as pd
import streamlit as st

from kb.dataset import InvalidDataset
from kb.model import COLLABORATION_FORMS, SCENARIO_PATHS
from kb.scenario import FIGURES, Arrangement, Effects, Scenario, from_candidates, save_scenario
from ui import state
from ui.data import problems_frame
from ui.texts import capability_column, language, t
from ui.widgets import metric_row

SHOWN_FIGURES = ("weak_cells", "total_gap", "key_without_strong", "fte_freed", "retirable_legacy",
                 "conflicts")


def figure_name(figure: str) -> str:
    """The figure's name in the chosen language (``kb.scenario.FIGURES``)."""
    english, swedish, _ = FIGURES[figure]
    return swedish if language() == "sv" else english


def figures(result: Effects, today: dict[str, float]) -> None:
    """The key figures after the scenario, each with today's value beside it."""
    metric_row(*[(figure_name(f), f"{result.figures[f]:g}", t("scenarios.today", value=f"{today[f]:g}"))
                 for f in SHOWN_FIGURES])
    shown = ", ".join(f"{k}={v}" for k, v in result.params.shown().items())
    st.caption(t("scenarios.params", params=shown))


def map_chart(cells: pd.DataFrame, when: str) -> None:
    """The heatmap of ``when`` ('before' or 'after'), cells that improve marked with a dot."""
    name = capability_column()
    base = alt.Chart(cells).encode(
        x=alt.X(f"{name}:N", title=t("col.capability"), sort=None,
                axis=alt.Axis(labelLimit=220, labelAngle=-60, labelOverlap=False, labelFontSize=10)),
        y=alt.Y("municipality_name:N", title=t("col.municipality")))
    rects = base.mark_rect().encode(
        color=alt.Color(f"{when}:Q", title=t("col.maturity"),
                        scale=alt.Scale(domain=[1, 5], scheme="redyellowgreen")),
        tooltip=["municipality_name", name, "before", "after", "target", "arrangement", "path"])
    dots = base.transform_filter(alt.datum.changed).mark_text(text="●", fontSize=9)
    st.altair_chart((rects + dots).properties(height=alt.Step(22)), width="stretch")
    st.caption(t("scenarios.changed_note"))


def build_from_candidates() -> None:
    """An expander that makes a scenario from the top candidates and saves it."""
    with st.expander(t("scenarios.build")):
        left, right = st.columns(2)
        name = left.text_input(t("scenarios.name"), value="kandidater", key="scenarios_new_name").strip()
        top = right.number_input(t("scenarios.top"), 1, 20, 5, key="scenarios_new_top")
        if st.button(t("scenarios.build_button"), key="scenarios_build") and name:
            made = from_candidates(state.get_store(), name, int(top))
            _save(made, t("scenarios.built", name=name, count=len(made.arrangements)))


def _save(scenario: Scenario, done: str) -> None:
    """Save ``scenario``; on success show the page again with it chosen and ``done`` said."""
    try:
        save_scenario(state.get_store(), scenario)
    except InvalidDataset as err:
        st.error(t("scenarios.invalid", count=len(err.problems)))
        st.dataframe(problems_frame(err), hide_index=True, key="scenarios_problems")
        return
    st.session_state["scenarios_next"] = scenario.id
    st.session_state["scenarios_done"] = done
    st.rerun()


def said() -> None:
    """What the last save did, once."""
    if done := st.session_state.pop("scenarios_done", None):
        st.success(done)


def _option(value: object) -> str:
    return t("scenarios.none_value") if value is None else str(value)


def editor(scenario: Scenario) -> None:
    """Choose an arrangement (or a new one), change its fields, save or delete it."""
    towns = state.query("analysis/municipalities")
    towns = dict(zip(towns["municipality"], towns["municipality_name"], strict=True))
    caps = state.query("analysis/capabilities")
    caps = dict(zip(caps["capability"], caps[capability_column()], strict=True))
    ids = [a.id for a in scenario.arrangements]
    chosen = st.selectbox(t("scenarios.edit_arrangement"), [*ids, None], key="scenarios_edit_choice",
                          format_func=lambda i: t("scenarios.new_arrangement") if i is None else i)
    old = next((a for a in scenario.arrangements if a.id == chosen), None)
    old = old or Arrangement(scenario.next_arrangement_id(), "samverkan", (), ())
    key = f"scenarios_edit_{old.id}"
    left, right = st.columns(2)
    path = left.selectbox(t("scenarios.path"), SCENARIO_PATHS, SCENARIO_PATHS.index(old.path),
                          format_func=lambda p: t(f"path.{p}"), key=f"{key}_path")
    chosen_caps = left.multiselect(t("scenarios.capabilities"), list(caps), list(old.capabilities),
                                   format_func=caps.get, key=f"{key}_caps")
    members = left.multiselect(t("scenarios.members"), list(towns), list(old.members), format_func=towns.get,
                               key=f"{key}_members")
    leads = [None, *members]
    lead = left.selectbox(t("scenarios.lead"), leads, leads.index(old.lead) if old.lead in leads else 0,
                          format_func=lambda m: _option(m if m is None else towns.get(m)), key=f"{key}_lead")
    provider = right.text_input(t("scenarios.provider"), old.provider or "", key=f"{key}_provider")
    levels = [None, 1, 2, 3, 4, 5]
    maturity = right.selectbox(t("scenarios.provider_maturity"), levels, levels.index(old.provider_maturity),
                               format_func=_option, key=f"{key}_maturity")
    forms = [None, *COLLABORATION_FORMS]
    form = right.selectbox(t("scenarios.form"), forms, forms.index(old.form), format_func=_option,
                           key=f"{key}_form")
    year = right.number_input(t("scenarios.start_year"), 2000, 2100, old.start_year or 2026,
                              key=f"{key}_year")
    new = replace(old, path=path, capabilities=tuple(chosen_caps), members=tuple(members), lead=lead,
                  provider=provider.strip() or None, provider_maturity=maturity, form=form,
                  start_year=int(year))
    save, delete = st.columns(2)
    if save.button(t("scenarios.save"), type="primary", key="scenarios_save"):
        _save(scenario.with_arrangement(new), t("scenarios.saved", name=new.id))
    if chosen and delete.button(t("scenarios.delete"), key="scenarios_delete"):
        _save(scenario.without_arrangement(chosen), t("scenarios.saved", name=scenario.id))
