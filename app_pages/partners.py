"""Partners (samverkanspartner): groups of alike municipalities, what binds them, and one
municipality's closest partners with the shared systems, suppliers and weaknesses named."""

import streamlit as st

from kb.analysis.defaults import PARTNER_WEIGHTS
from kb.graphview import to_html, view_of_graph
from ui import state
from ui.partners import partner_network
from ui.texts import label_names, t
from ui.widgets import analysis_behind, downloads, metric_row, page_start, table

page_start("partners")

with st.expander(t("partners.weights")):
    st.caption(t("partners.weights_help"))
    columns = st.columns(len(PARTNER_WEIGHTS))
    weights = {f"{dim}_weight": column.slider(t(f"partners.{dim}"), 0.0, 1.0, PARTNER_WEIGHTS[dim], 0.1,
                                              key=f"partners_{dim}")
               for column, dim in zip(columns, PARTNER_WEIGHTS, strict=True)}
if not sum(weights.values()):
    st.warning(t("partners.no_weight"))
    st.stop()
names = state.names("Municipality")

st.subheader(t("partners.groups"))
groups = state.analysis("partner-groups", **weights)
metric_row((t("partners.group_count"), len(groups)),
           (t("partners.largest"), int(groups["size"].max()) if not groups.empty else 0))
table(groups, "partners_groups", ["group", "size", "member_names", "cohesion", "common_systems",
                                  "common_suppliers", "common_weak", "reason"])
downloads(groups, "partner-groups")
analysis_behind("partner-groups")

st.subheader(t("partners.closest"))
left, right = st.columns([2, 1])
code = left.selectbox(t("col.municipality"), list(names), format_func=lambda c: f"{names[c]} ({c})",
                      key="partners_municipality")
count = right.slider(t("partners.count"), 1, 10, 5, key="partners_count")
closest = state.analysis("partners", municipality=code, per_municipality=None, **weights).head(count)
if closest.empty:
    st.info(t("partners.none", name=names[code]))
else:
    table(closest, "partners_closest", ["municipality_b_name", "score", "systems_jaccard",
                                        "suppliers_jaccard", "weak_jaccard", "shared_systems",
                                        "shared_suppliers", "shared_weak", "reason"])
    downloads(closest, f"partners-{code}")
analysis_behind("partners")

st.subheader(t("partners.network"))
neighbours = st.slider(t("partners.neighbours"), 1, 5, 2, key="partners_neighbours")
st.caption(t("partners.network_help", n=neighbours))
pairs = state.analysis("partners", per_municipality=neighbours, **weights)
view = view_of_graph(partner_network(pairs, groups, names), "Municipality")
st.iframe(to_html(view, label_names(), height_px=520), height=540)
