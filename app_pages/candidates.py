"""Collaboration candidates: the ranked list, its score broken down, a summary per candidate."""

import streamlit as st

from ui import state
from ui.reports import candidate_html, candidate_markdown
from ui.texts import language, t
from ui.widgets import analysis_behind, candidate_table, downloads, page_start

page_start("candidates")
found = state.analysis("candidates")
if found.empty:
    st.info(t("empty.no_candidates"))
    st.stop()

lang = language()
left, middle, right = st.columns(3)
paths = left.multiselect(t("col.path"), sorted(found["path"].unique()), format_func=lambda p: t(f"path.{p}"),
                         key="candidates_paths", placeholder=t("choose"))
key_only = middle.checkbox(t("heatmap.key_only"), key="candidates_key_only")
towns = sorted({m for ms in found["municipalities"] for m in ms})
town = right.selectbox(t("col.municipality"), [None, *towns], key="candidates_town",
                       format_func=lambda m: t("heatmap.all") if m is None else m)
rows = found
if paths:
    rows = rows[rows["path"].isin(paths)]
if key_only:
    rows = rows[rows["key_capability"].astype(bool)]
if town:
    rows = rows[rows["municipalities"].map(lambda ms: town in ms)]

candidate_table(rows, key="candidates_table", components=True)
st.caption(t("candidates.score_help"))
downloads(rows, "candidates")
analysis_behind("candidates")

st.subheader(t("candidates.summary"))
if rows.empty:
    st.info(t("candidates.none_match"))
    st.stop()
choice = st.selectbox(t("col.capability"), list(rows.index), key="candidates_choice",
                      format_func=lambda i: f"{rows.at[i, 'rank']}. {rows.at[i, f'capability_{lang}']}")
info = state.dataset()
notice = t("notice.synthetic") if info and info.get("synthetic") else ""
markdown = candidate_markdown(rows.loc[choice], lang, t, notice)
with st.container(border=True):
    st.markdown(markdown)
a, b = st.columns(2)
stem = f"candidate-{rows.at[choice, 'capability']}"
a.download_button(t("download.html"), candidate_html(rows.loc[choice], lang, t, notice), f"{stem}.html",
                  "text/html", key="candidates_html")
b.download_button(t("download.markdown"), markdown, f"{stem}.md", "text/markdown", key="candidates_md")
