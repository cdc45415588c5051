"""Data: upload a dataset, see its validation report, load it; an assessment round's questionnaires,
answers and status; the template; export."""

from pathlib import Path

import pandas as pd
import streamlit as st

from kb.dataset import InvalidDataset
from kb.load import write_dataset
from ui import state
from ui.auth import can, require
from ui.data import UPLOAD_TYPES, export_zip, problems_frame, read_upload
from ui.survey import collect_uploads, questionnaires_zip, report_frame, status_frame
from ui.texts import language, t
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
            st.success(t("data.loaded", nodes=report.nodes, relationships=report.relationships,
                         seconds=round(report.seconds, 2)))

st.subheader(t("survey.title"))
st.write(t("survey.intro"))
rounds = state.assessment_rounds()
survey_round = int(st.number_input(t("survey.round"), 1990, 2100, step=1, key="survey_round",
                                   value=int(rounds[0]) + 1 if rounds else 2025))
if may_load:
    if st.button(t("survey.prepare"), key="survey_prepare"):
        st.session_state["survey_zip"] = questionnaires_zip(state.get_store(), survey_round, language())
    if "survey_zip" in st.session_state:
        st.download_button(t("survey.download"), st.session_state["survey_zip"],
                           f"questionnaires-{survey_round}.zip", "application/zip", key="survey_download")
    answers = st.file_uploader(t("survey.choose"), type=["xlsx", "zip"], accept_multiple_files=True,
                               key="survey_upload")
    if answers:
        uploads = [(a.name, a.getvalue()) for a in answers]
        checked = collect_uploads(state.get_store(), survey_round, uploads, dry_run=True)
        if checked.problems:
            st.error(t("survey.invalid", count=len(checked.problems)))
            st.dataframe(problems_frame(InvalidDataset(checked.problems)), hide_index=True,
                         key="survey_problems")
        else:
            st.info(t("survey.checked", answered=checked.count("answered"), partly=checked.count("partly"),
                      missing=checked.count("missing")))
            st.dataframe(report_frame(checked), hide_index=True, key="survey_report")
            if st.button(t("survey.commit"), type="primary", key="survey_commit"):
                done = collect_uploads(state.get_store(), survey_round, uploads, dry_run=False)
                st.success(t("survey.committed", count=done.written))
st.markdown(f"**{t('survey.status')} {survey_round}**")
st.dataframe(status_frame(state.get_store(), survey_round), hide_index=True, key="survey_status")

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
