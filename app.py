"""The Streamlit app: page configuration and navigation; each page is a script in app_pages/
(not pages/, which Streamlit would also auto-discover as old-style pages on a deep link).

Run with ``streamlit run app.py``; KB_GRAPH_URL and KB_GRAPH_NAME choose the database;
KB_AUTH chooses how people sign in, and the navigation shows only what their role may open
(ui/auth.py).
"""

import streamlit as st

from ui.auth import gate, permitted
from ui.texts import language_switch, t
from ui.widgets import frame

st.set_page_config(page_title="Förmågekartan", page_icon="🧭", layout="wide")
language_switch()
gate()
page = st.navigation(permitted({
    t("nav.overview"): [
        st.Page("app_pages/overview.py", title=t("page.overview"), icon=":material/dashboard:", default=True),
    ],
    t("nav.managers"): [
        st.Page("app_pages/candidates.py", title=t("page.candidates"), icon=":material/handshake:"),
        st.Page("app_pages/scenarios.py", title=t("page.scenarios"), icon=":material/alt_route:"),
        st.Page("app_pages/partners.py", title=t("page.partners"), icon=":material/diversity_3:"),
        st.Page("app_pages/municipality.py", title=t("page.municipality"), icon=":material/location_city:"),
        st.Page("app_pages/suppliers.py", title=t("page.suppliers"), icon=":material/storefront:"),
        st.Page("app_pages/legacy.py", title=t("page.legacy"), icon=":material/history:"),
        st.Page("app_pages/impact.py", title=t("page.impact"), icon=":material/crisis_alert:"),
    ],
    t("nav.followup"): [
        st.Page("app_pages/trends.py", title=t("page.trends"), icon=":material/trending_up:"),
        st.Page("app_pages/capacity.py", title=t("page.capacity"), icon=":material/savings:"),
        st.Page("app_pages/realism.py", title=t("page.realism"), icon=":material/fact_check:"),
    ],
    t("nav.architects"): [
        st.Page("app_pages/heatmap.py", title=t("page.heatmap"), icon=":material/grid_on:"),
        st.Page("app_pages/graph.py", title=t("page.graph"), icon=":material/hub:"),
    ],
    t("nav.analysts"): [
        st.Page("app_pages/console.py", title=t("page.console"), icon=":material/terminal:"),
    ],
    t("nav.data"): [
        st.Page("app_pages/data.py", title=t("page.data"), icon=":material/upload_file:"),
    ],
}), expanded=True)
frame()
page.run()
