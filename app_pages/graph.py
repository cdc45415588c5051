"""Graph explorer: the neighbourhood of a municipality, capability, supplier or system, and the
paths from it to a second node."""

import pandas as pd
import streamlit as st

from kb.graphview import FOCUS_LABELS, LABEL_COLOURS, MAX_NODES, neighbourhood, to_html
from kb.paths import DEFAULT_DEPTH, DEFAULT_LIMIT, MAX_DEPTH, find_paths, path_rows, paths_view
from ui import state
from ui.texts import label_names, language, t
from ui.widgets import page_start, query_behind, table

page_start("graph")

left, middle, right = st.columns([1, 2, 1])
label = left.selectbox(t("graph.focus_type"), FOCUS_LABELS, format_func=lambda x: t(f"label.{x}"),
                       key="graph_label")
names = state.names(label)
if not names:
    st.info(t("graph.no_nodes"))
    st.stop()
key = middle.selectbox(t("graph.focus"), list(names), format_func=lambda k: f"{names[k]} ({k})",
                       key=f"graph_focus_{label}")
depth = right.slider(t("graph.depth"), 1, 3, 1, key="graph_depth")
types = st.multiselect(t("graph.types"), list(LABEL_COLOURS), default=list(LABEL_COLOURS),
                       format_func=lambda x: t(f"label.{x}"), key="graph_types", placeholder=t("choose"))
a, b, c = st.columns(3)
by_maturity = a.toggle(t("graph.by_maturity"), key="graph_by_maturity")
physics = b.toggle(t("graph.physics"), value=True, key="graph_physics")
hierarchical = c.toggle(t("graph.hierarchical"), key="graph_hierarchical")

view = neighbourhood(state.get_store(), label, key, depth, types, MAX_NODES, language())
drawn = view.graph.number_of_nodes()
st.caption(t("graph.summary", nodes=drawn, edges=view.graph.number_of_edges(), total=view.total_nodes))
if view.hidden:
    folded = ", ".join(f"{n} {t(f'label.{x}')}" for x, n in sorted(view.hidden.items()))
    st.warning(t("graph.folded", cap=MAX_NODES, folded=folded))
if view.cut_short:
    st.warning(t("graph.cut_short"))
html = to_html(view, label_names(), by_maturity, physics, hierarchical)
st.iframe(html, height=660)
st.download_button(t("graph.export"), html.encode("utf-8"), f"graph-{label}-{key}-d{depth}.html",
                   "text/html", key="graph_export")
query_behind("graph/focus", "graph/neighbourhood")

st.subheader(t("graph.paths_title"))
if st.toggle(t("graph.paths_show"), key="graph_paths"):
    left, middle, right = st.columns([1, 2, 1])
    to_label = left.selectbox(t("graph.paths_to_type"), FOCUS_LABELS, format_func=lambda x: t(f"label.{x}"),
                              key="graph_paths_label")
    to_names = {k: n for k, n in state.names(to_label).items() if (to_label, k) != (label, key)}
    to_key = middle.selectbox(t("graph.paths_to"), list(to_names), key=f"graph_paths_to_{to_label}",
                              format_func=lambda k: f"{to_names[k]} ({k})")
    steps = right.slider(t("graph.paths_depth"), 1, MAX_DEPTH, DEFAULT_DEPTH, key="graph_paths_depth")
    if to_key is not None:
        found = find_paths(state.get_store(), (label, key), (to_label, to_key), steps, DEFAULT_LIMIT)
        if not found.paths:
            st.info(t("graph.paths_none", depth=steps))
        else:
            st.caption(t("graph.paths_summary", paths=len(found.paths)))
            if found.capped:
                st.warning(t("graph.paths_capped", limit=DEFAULT_LIMIT))
            st.iframe(to_html(paths_view(found, language()), label_names(), hierarchical=True, height_px=420),
                      height=440)
            table(pd.DataFrame(path_rows(found, language())), key="graph_paths_table")
    query_behind("graph/focus", "graph/paths")
