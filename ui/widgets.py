"""Widgets every page shares: the frame (sidebar, synthetic notice), provenance, downloads."""

from __future__ import annotations

import io
import re
from typing import Any

import pandas as pd
import streamlit as st

from kb.analysis import ANALYSES
from kb.formatting import spreadsheet_frame
from kb.queries import get_query
from kb.store import StoreError
from ui import state
from ui.reports import markdown_text
from ui.texts import has_text, language, t

_QUERY_NAME = re.compile(r"[\"']((?:analysis|graph)/[\w/]+)[\"']")


def frame() -> None:
    """Sidebar with backend and dataset; the synthetic-data notice on every page."""
    try:
        store = state.get_store()
    except StoreError as err:
        st.error(t("sidebar.unavailable", error=err))
        st.stop()
    info = state.dataset()
    with st.sidebar:
        st.caption(f"**{t('sidebar.backend')}:** {store.description}")
        if info:
            title = info.get("title") or info.get("name")
            version = f" ({info['version']})" if info.get("version") else ""
            st.caption(f"**{t('sidebar.dataset')}:** {title}{version}")
        else:
            st.caption(f"**{t('sidebar.dataset')}:** {t('sidebar.no_dataset')}")
    if info and info.get("synthetic"):
        st.warning(t("notice.synthetic"), icon="⚠️")


def need_data() -> bool:
    """Say so and return False when no assessment is loaded; True when there is data."""
    if state.label_counts().get("Municipality"):
        return True
    st.info(t("empty.no_data"))
    return False


def page_start(prefix: str, needs_data: bool = True, **intro: object) -> None:
    """The page's title and intro (texts ``prefix.title`` and ``prefix.intro`` filled with ``intro``);
    when ``needs_data`` and nothing is loaded, say so and stop the page there."""
    st.title(t(f"{prefix}.title"))
    st.write(t(f"{prefix}.intro", **intro))
    if needs_data and not need_data():
        st.stop()


def metric_row(*metrics: tuple[str, object] | tuple[str, object, str]) -> None:
    """One row of figures, each ``(label, value)`` or ``(label, value, note)``; a note is shown
    grey and without an arrow, as a fact rather than a change."""
    for column, (label, value, *note) in zip(st.columns(len(metrics)), metrics, strict=True):
        column.metric(label, value, *note, delta_color="off", delta_arrow="off")


def query_behind(*names: str) -> None:
    """An expander with the name and text of each query file behind the figure above it."""
    with st.expander(t("provenance.query_behind")):
        for name in names:
            query = get_query(name)
            st.markdown(f"`queries/{name}.cypher` — {markdown_text(query.title)}")
            st.code(query.cypher, language="cypher")


def analysis_behind(name: str, **params: Any) -> None:
    """The 'query behind' expander for an analysis: its function and the query files it ran."""
    with st.expander(t("provenance.query_behind")):
        module, function = ANALYSES[name].split(":")
        st.markdown(f"`{module}.{function}` — `kb analyse {name}`")
        for query_name in state.analysis_queries(name, **params):
            st.markdown(f"`queries/{query_name}.cypher` — {markdown_text(get_query(query_name).title)}")
            st.code(get_query(query_name).cypher, language="cypher")


def excel_bytes(frames: dict[str, pd.DataFrame]) -> bytes:
    """The frames as one Excel workbook, one sheet each."""
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        for sheet, frame in frames.items():
            _flat(frame).to_excel(writer, sheet_name=sheet[:31], index=False)
    return buffer.getvalue()


def _flat(frame: pd.DataFrame) -> pd.DataFrame:
    """Cells ready for a spreadsheet: lists joined with ', ', formula-like text neutralised
    (``kb.formatting.spreadsheet_frame``)."""
    def joined(value: Any) -> Any:
        return ", ".join(map(str, value)) if isinstance(value, (list, tuple, set)) else value

    return spreadsheet_frame(frame.apply(lambda column: column.map(joined)) if len(frame) else frame)


def downloads(frame: pd.DataFrame, stem: str, excel: bool = True) -> None:
    """CSV (and Excel) download buttons for ``frame``; the files are made when clicked."""
    columns = st.columns(2)
    columns[0].download_button(t("download.csv"), lambda: _flat(frame).to_csv(index=False).encode("utf-8"),
                               f"{stem}.csv", "text/csv", key=f"csv_{stem}")
    if excel:
        columns[1].download_button(
            t("download.excel"), lambda: excel_bytes({stem: frame}), f"{stem}.xlsx",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", key=f"xlsx_{stem}")


def round_and_sources(rows: pd.DataFrame) -> str:
    """'Round 2024 · source: …' for the assessments behind a figure."""
    if rows.empty:
        return ""
    rounds = ", ".join(str(r) for r in sorted(rows["round"].dropna().unique()))
    sources = ", ".join(sorted({str(s) for s in rows["source"].dropna().unique()})[:3])
    methods = ", ".join(t(f"method.{m}") for m in sorted(rows["method"].dropna().unique()))
    return t("provenance.round_source", rounds=rounds, methods=methods, sources=sources or "—")


def candidate_table(rows: pd.DataFrame, key: str, components: bool = False) -> None:
    """Candidates as a table in the chosen language: rank, capability, score, path, lead,
    municipalities, reasons, then the score's parts."""
    from kb.analysis.candidates import COMPONENTS

    lang = language()
    parts = COMPONENTS if components else []
    table = rows[["rank", f"capability_{lang}", "score", "path", "lead_name", "municipalities",
                  f"reasons_{lang}", *parts]].assign(path=rows["path"].map(lambda p: t(f"path.{p}")),
                                                  lead_name=rows["lead_name"].fillna("—"))
    table = table.rename(columns={
        "rank": t("col.rank"), f"capability_{lang}": t("col.capability"), "score": t("col.score"),
        "municipalities": t("col.municipalities"), "lead_name": t("col.lead"), "path": t("col.path"),
        f"reasons_{lang}": t("col.reasons"), **{c: t(f"candidates.{c}") for c in parts}})
    score = st.column_config.ProgressColumn(min_value=0, max_value=1, format="%.2f")
    st.dataframe(table, hide_index=True, key=key, column_config={t("col.score"): score})


def in_language(shown: pd.DataFrame, frame: pd.DataFrame) -> pd.DataFrame:
    """``shown`` (columns of ``frame``) with one explanation: where ``frame`` has an English
    ``reason`` and its Swedish twin ``reason_sv``, ``reason`` holds the chosen language's text."""
    if not {"reason", "reason_sv"} <= set(frame.columns):
        return shown
    if language() == "sv" and "reason" in shown.columns:
        shown = shown.assign(reason=frame["reason_sv"])
    return shown.drop(columns="reason_sv", errors="ignore")


def table(frame: pd.DataFrame, key: str, columns: list[str] | None = None) -> None:
    """``frame`` (or its ``columns``) as a table, headers in the chosen language where known,
    the explanation in the chosen language (``in_language``)."""
    shown = in_language(frame if columns is None else frame[columns], frame)
    headers: dict[str, str] = {}
    for column in shown.columns:
        header = t(f"col.{column}") if has_text(f"col.{column}") else column
        headers[column] = column if header in headers.values() else header
    st.dataframe(shown.rename(columns=headers), hide_index=True, key=key)
