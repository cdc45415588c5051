"""The console page's helpers: parameters from the form, results for display and as a graph,
and the panel that saves, downloads and imports queries as files."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pandas as pd
import streamlit as st

from kb.graphview import View, view_of
from kb.queries import Query, QueryFileError, import_query, render_query, safe_name, save_query
from kb.store import GraphNode, GraphPath, GraphRelationship, QueryResult
from ui.auth import can
from ui.texts import t


def param_values(query: Query | None, texts: dict[str, str]) -> dict[str, Any]:
    """The form's texts parsed by the query's declared types; an empty field is null.

    Raises ValueError naming the parameter when a text does not fit its type.
    """
    if query is None:
        return {}
    return query.bind({p.name: texts.get(p.name, "").strip() for p in query.params}, blank_is_null=True)


def shared_query(query: Query | None, cypher: str, texts: dict[str, str], title: str,
                 description: str = "") -> Query:
    """The console's query as a file would hold it: the editor's Cypher, the saved query's
    parameters with the form's values as their defaults, title and description on one line."""
    values = param_values(query, texts)
    params = tuple(replace(p, default=values[p.name]) for p in query.params) if query else ()
    return Query(query.name if query else "", " ".join(title.split()), "\n".join(cypher.splitlines()).strip(),
                 " ".join(description.split()), params, query.audience if query else "")


def share_panel(query: Query | None, cypher: str, texts: dict[str, str]) -> None:
    """Download the query as a .cypher file; save it, or import a file, into the user folder."""
    with st.expander(t("console.share")):
        st.caption(t("console.share_intro"))
        title = query.title if query else t("console.own_title")
        try:
            text = render_query(shared_query(query, cypher, texts, title, query.description if query else ""))
        except ValueError as err:
            st.error(t("console.share_error", error=err))
        else:
            st.download_button(t("console.download"), text, f"{safe_name(title)}.cypher", "text/plain",
                               key="console_download")
        if can("save_query"):
            _save_form(query, cypher, texts)
            _import_form()


def _save_form(query: Query | None, cypher: str, texts: dict[str, str]) -> None:
    with st.form("console_save_form"):
        title = st.text_input(t("console.save_title"), key="console_save_title")
        description = st.text_area(t("console.save_description"), key="console_save_description")
        overwrite = st.checkbox(t("console.save_overwrite"), key="console_save_overwrite")
        if st.form_submit_button(t("console.save")):
            try:
                saved = save_query(shared_query(query, cypher, texts, title, description), None, overwrite)
            except ValueError as err:
                st.error(t("console.share_error", error=err))
            else:
                st.success(t("console.saved_as", name=saved.name))


def _import_form() -> None:
    upload = st.file_uploader(t("console.import"), type=["cypher"], key="console_import")
    overwrite = st.checkbox(t("console.save_overwrite"), key="console_import_overwrite")
    if upload is not None and st.button(t("console.import_run"), key="console_import_run"):
        try:
            saved = import_query(upload.getvalue(), upload.name, overwrite)
        except QueryFileError as err:
            st.error(t("console.share_error", error=err))
        else:
            st.success(t("console.imported", name=saved.name))


def shown(value: Any) -> Any:
    """A cell as a person reads it: nodes as (:Label {…}), relationships as [:TYPE {…}]."""
    if isinstance(value, GraphNode):
        return f"(:{':'.join(value.labels)} {value.properties})"
    if isinstance(value, GraphRelationship):
        return f"[:{value.type} {value.properties}]"
    if isinstance(value, GraphPath):
        return " - ".join(shown(n) for n in value.nodes)
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(str(shown(v)) for v in value) + "]"
    if isinstance(value, dict):
        return str({k: shown(v) for k, v in value.items()})
    return value


def display_frame(result: QueryResult) -> pd.DataFrame:
    """The result as a table with graph values written out."""
    frame = result.to_frame()
    return frame.apply(lambda column: column.map(shown)) if len(frame) else frame


def graph_view(result: QueryResult) -> View | None:
    """The nodes and relationships in the result as a view, or None when there are none."""
    nodes, relationships = result.graph_elements()
    if not nodes and not relationships:
        return None
    return view_of(nodes, relationships)
