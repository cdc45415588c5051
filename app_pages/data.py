"""Data: upload a dataset, see its validation report, load it; the template; export."""

from pathlib import Path

import pandas as pd
import streamlit as st

from kb.dataset import InvalidDataset
from kb.load import write_dataset
from ui import state
from ui.auth import can, require
from ui.data import UPLOAD_TYPES, export_zip, problems_frame, read_upload
from ui.texts import t
from ui.widgets import page_start

TEMPLATE = Path(__file__).resolve().parent.parent / "data" / "template.xlsx"

require("export")
page_start("data", needs_data=False)

st.subheader(t("data.upload"))
may_load = can("load")
if not may_load:
    st.info(t("data.load_needs_editor"))
upload = st.file_uploader(t("data.choose"), type=UPLOAD_TYPES, key="data_upload") if may_load else None
if upload is not None:
    try:
        dataset = read_upload(upload.name, upload.getvalue())
    except InvalidDataset as err:
        st.error(t("data.invalid", count=len(err.problems)))
        st.dataframe(problems_frame(err), hide_index=True, key="data_problems")
    except ModuleNotFoundError:
        st.error(t("data.format_missing", name=upload.name))
    else:
        st.success(t("data.valid", origin=dataset.origin))
        counts = pd.DataFrame(sorted(dataset.counts().items()), columns=[t("data.table"), t("data.rows")])
        st.dataframe(counts, hide_index=True, key="data_counts")
        if st.button(t("data.load"), type="primary", key="data_load"):
            report = write_dataset(state.get_store(), dataset)
            state.bump_data_version()
            st.success(t("data.loaded", nodes=report.nodes, relationships=report.relationships,
                         seconds=round(report.seconds, 2)))

st.subheader(t("data.template"))
st.write(t("data.template_intro"))
if TEMPLATE.exists():
    st.download_button(t("data.template_download"), TEMPLATE.read_bytes(), "template.xlsx",
                       "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                       key="data_template")

st.subheader(t("data.export"))
st.write(t("data.export_intro"))
if st.button(t("data.export_prepare"), key="data_export_prepare"):
    st.session_state["data_export"] = export_zip(state.get_store())
if "data_export" in st.session_state:
    st.download_button(t("data.export_download"), st.session_state["data_export"], "graph-csv.zip",
                       "application/zip", key="data_export_download")
