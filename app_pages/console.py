"""Cypher console: saved queries with a form for their parameters, or your own, read-only."""

import streamlit as st

from kb.graphview import to_html
from kb.queries import all_queries
from kb.store import QueryError
from ui import state
from ui.auth import require
from ui.console import display_frame, graph_view, param_values, share_panel
from ui.texts import label_names, t
from ui.widgets import downloads, page_start

require("console")
limits = state.settings()
page_start("console", needs_data=False, seconds=limits.query_timeout_ms / 1000, rows=limits.row_cap)

saved = {name: q for name, q in all_queries().items() if not q.is_write}
name = st.selectbox(t("console.saved"), [None, *saved], key="console_saved",
                    format_func=lambda n: t("console.own") if n is None else f"{saved[n].title} ({n})")
query = saved.get(name)
if query is not None and query.description:
    st.caption(query.description)
cypher = st.text_area(t("console.editor"), value=query.cypher if query else "MATCH (n) RETURN n LIMIT 25",
                      height=200, key=f"console_editor_{name}")
with st.form(f"console_form_{name}"):
    texts = {p.name: st.text_input(f"${p.name} ({p.type})", p.default_text(),
                                   help=p.description or None, key=f"console_{name}_{p.name}")
             for p in (query.params if query else ())}
    run = st.form_submit_button(t("console.run"), type="primary")
share_panel(query, cypher, texts)

if run:
    try:
        result = state.get_store().read(cypher, param_values(query, texts))
    except (QueryError, ValueError) as err:
        st.error(t("console.error", error=err))
        st.stop()
    st.session_state["console_result"] = (name, result)
ran, result = st.session_state.get("console_result", (None, None))
if result is not None and ran == name:
    st.caption(t("console.rows", rows=len(result.rows), ms=round(result.elapsed_ms)))
    if result.truncated:
        st.warning(t("console.truncated", cap=result.row_cap))
    frame = display_frame(result)
    st.dataframe(frame, hide_index=True, key="console_table")
    downloads(frame, "query", excel=False)
    view = graph_view(result)
    if view is not None:
        st.subheader(t("console.as_graph"))
        st.iframe(to_html(view, label_names()), height=560)
