"""The Streamlit app in-process (AppTest): every page on loaded data and on an empty database.

Each test points the app at its own graph (tests/app_harness.py).
"""

from __future__ import annotations

import io
import re
import zipfile

import pytest
from app_harness import app_demo, app_graph, metric, open_page, point_at, zipped_export
from ui_dataset import RECORDS

from kb.dataset import InvalidDataset, RawDataset
from kb.validate import validate
from ui.data import problems_frame, read_upload
from ui.texts import EN, SV

PAGES = ["overview", "candidates", "municipality", "suppliers", "legacy", "impact", "heatmap", "graph",
         "console", "data"]
TITLES = {"overview": "overview.title", "candidates": "candidates.title",
          "municipality": "municipality.title", "suppliers": "suppliers.title", "legacy": "legacy.title",
          "impact": "impact.title", "heatmap": "heatmap.title", "graph": "graph.title",
          "console": "console.title", "data": "data.title"}


small = app_graph(**RECORDS)
"""The app's small test dataset (tests/ui_dataset.py) in a graph of its own."""
empty = app_graph()
demo = app_demo()
"""The shipped demo dataset when it exists, else the small dataset."""


def test_every_text_exists_in_both_languages():
    assert set(SV) == set(EN)
    assert all(SV[k] and EN[k] for k in SV)


@pytest.mark.parametrize("page", PAGES)
def test_every_page_renders_on_loaded_data(demo, page):
    at = open_page(page)
    assert not at.exception, [e.value for e in at.exception]
    assert at.title[0].value == SV[TITLES[page]]


@pytest.mark.parametrize("page", PAGES)
def test_every_page_renders_on_an_empty_database(empty, page):
    at = open_page(page)
    assert not at.exception, [e.value for e in at.exception]
    assert at.title[0].value == SV[TITLES[page]]
    if page not in ("console", "data"):
        assert any(i.value == SV["empty.no_data"] for i in at.info)


def test_overview_counts_and_the_store_cache_follow_the_database(small, db_dir, monkeypatch):
    at = open_page("overview")
    assert metric(at, "label.Municipality") == "3"
    assert metric(at, "overview.assessments") == "24"
    # Strongest capability in 2024: mean of 5, 1, 2 and 4, 2, 2 both 2.67; weakest: Portföljstyrning (2).
    weakest = at.dataframe[1].value
    assert weakest.iloc[0][SV["col.capability"]] == "Portföljstyrning"
    assert any("Omgång 2024" in c.value for c in at.caption)
    from kb.settings import Settings
    from kb.store import open_store
    other = open_store(Settings(graph_url=f"embedded:{db_dir}", graph_name="app_other_empty"))
    try:
        point_at(monkeypatch, other)
        assert metric(open_page("overview"), "label.Municipality") == "0"
    finally:
        other.graph.delete()  # embedded: the point is a second graph in the same database
        other.close()


def test_frame_shows_backend_dataset_and_the_synthetic_notice(small):
    at = open_page("overview")
    assert any(w.value == SV["notice.synthetic"] for w in at.warning)
    captions = " ".join(c.value for c in at.sidebar.caption)
    assert small.description in captions and "Testdata för appen (1)" in captions


def test_no_synthetic_notice_on_an_empty_database(empty):
    at = open_page("overview")
    assert not any(w.value == SV["notice.synthetic"] for w in at.warning)
    assert SV["sidebar.no_dataset"] in " ".join(c.value for c in at.sidebar.caption)


def test_language_switch_changes_the_headings(small):
    # AppTest keeps only the current page's elements after a page switch, so the switch
    # (drawn by app.py) is used on the first page and the choice checked on the next.
    at = open_page("overview")
    assert at.title[0].value == "Översikt"
    at.radio(key="language_switch").set_value("en").run()
    assert at.title[0].value == "Overview"
    at.switch_page("app_pages/heatmap.py").run()
    assert at.title[0].value == "Capability heatmap"


def test_heatmap_area_filter_keeps_only_that_areas_columns(small):
    at = open_page("heatmap")
    table = at.dataframe[0].value
    assert set(table.columns) == {"Stabil driftleverans", "Säkerhetskopiering", "Leverantörshantering",
                                  "Portföljstyrning"}
    assert set(table.index) == {"Uddevalla", "Dals-Ed", "Åmål"}
    assert table.loc["Uddevalla", "Stabil driftleverans"] == 5
    at.multiselect(key="heatmap_areas").set_value(["drift"]).run()
    assert set(at.dataframe[0].value.columns) == {"Stabil driftleverans", "Säkerhetskopiering"}
    at.checkbox(key="heatmap_key_only").check().run()
    assert set(at.dataframe[0].value.columns) == {"Stabil driftleverans"}


def test_heatmap_round_gap_and_drill_down(small):
    at = open_page("heatmap")
    at.selectbox(key="heatmap_round").set_value(2021).run()
    at.radio(key="heatmap_metric").set_value("gap").run()
    # 2021, gap = max(4 - maturity, 0): Dals-Ed stabil_drift 1 -> 3.
    assert at.dataframe[0].value.loc["Dals-Ed", "Stabil driftleverans"] == 3
    at.selectbox(key="heatmap_drill_municipality").set_value("1438").run()
    at.selectbox(key="heatmap_drill_capability").set_value("stabil_drift").run()
    detail = at.dataframe[1].value
    assert sorted(detail["round"]) == [2021, 2024]
    assert set(detail["maturity"]) == {1}


def test_console_runs_a_saved_query_and_shows_its_rows(small):
    at = open_page("console")
    at.selectbox(key="console_saved").set_value("graph/label_counts").run()
    next(b for b in at.button if b.label == SV["console.run"]).click().run()
    assert not at.exception
    rows = at.dataframe[0].value
    assert dict(zip(rows["label"], rows["count"]))["Municipality"] == 3


def test_console_form_parameters_and_errors_in_words(small):
    at = open_page("console")
    at.selectbox(key="console_saved").set_value("graph/nodes_of_label").run()
    at.text_input(key="console_graph/nodes_of_label_label").set_value("Supplier")
    next(b for b in at.button if b.label == SV["console.run"]).click().run()
    assert list(at.dataframe[0].value["name_sv"]) == ["Tietoevry", "Visma"]
    at.selectbox(key="console_saved").set_value(None).run()
    at.text_area(key="console_editor_None").set_value("CREATE (n:X) RETURN n").run()
    next(b for b in at.button if b.label == SV["console.run"]).click().run()
    assert at.error and at.error[0].value.startswith("Frågan kunde inte köras")
    assert not at.exception


def test_console_form_shows_a_list_default_as_the_list_it_is(small, tmp_path, monkeypatch):
    """The form showed str(['migrate', 'eliminate']), which ran as the items "['migrate'" and
    "'eliminate']" and matched nothing."""
    monkeypatch.setenv("KB_USER_QUERIES_DIR", str(tmp_path))
    (tmp_path / "by_lifecycle.cypher").write_text(
        "// title: Systems by lifecycle\n// param lifecycles: list = migrate, eliminate | Lifecycles.\n"
        "MATCH (s:System) WHERE s.lifecycle IN $lifecycles RETURN s.id AS id ORDER BY id\n",
        encoding="utf-8")
    at = open_page("console")
    at.selectbox(key="console_saved").set_value("user/by_lifecycle").run()
    assert at.text_input(key="console_user/by_lifecycle_lifecycles").value == "migrate, eliminate"
    next(b for b in at.button if b.label == SV["console.run"]).click().run()
    assert list(at.dataframe[0].value["id"]) == ["procapita"]  # the one system marked migrate
    assert not at.exception


def test_graph_explorer_depth_changes_what_is_drawn(small):
    at = open_page("graph")
    at.selectbox(key="graph_focus_Municipality").set_value("1438").run()
    # Dals-Ed, depth 1: 4 capabilities, 2 systems, the region and the collaboration.
    assert any(c.value.startswith("9 noder") for c in at.caption)
    at.slider(key="graph_depth").set_value(2).run()
    assert not any(c.value.startswith("9 noder") for c in at.caption)
    assert not at.exception


def test_graph_explorer_finds_paths_to_a_second_node(small):
    at = open_page("graph")
    at.selectbox(key="graph_focus_Municipality").set_value("1438").run()
    at.toggle(key="graph_paths").set_value(True).run()
    at.selectbox(key="graph_paths_label").set_value("Supplier").run()
    at.selectbox(key="graph_paths_to_Supplier").set_value("visma").run()
    at.slider(key="graph_paths_depth").set_value(2).run()
    # Dals-Ed uses Proceedo, which Visma provides: the one path of two steps
    routes = at.dataframe[-1].value[SV["col.route"]]
    assert list(routes) == ["Dals-Ed -USES-> Proceedo <-PROVIDES- Visma"]
    assert any(c.value == SV["graph.paths_summary"].format(paths=1) for c in at.caption)
    at.slider(key="graph_paths_depth").set_value(1).run()
    assert any(i.value == SV["graph.paths_none"].format(depth=1) for i in at.info)
    assert not at.exception


def test_candidates_filter_and_summary(small):
    at = open_page("candidates")
    table = at.dataframe[0].value
    assert len(table) >= 2
    at.checkbox(key="candidates_key_only").check().run()
    key_only = at.dataframe[0].value
    assert set(key_only[SV["col.capability"]]) <= {"Stabil driftleverans", "Leverantörshantering"}
    first = key_only[SV["col.capability"]].iloc[0]
    assert any(first in m.value for m in at.markdown)


def test_impact_for_a_supplier(small):
    at = open_page("impact")
    at.selectbox(key="impact_Supplier").set_value("visma").run()
    assert not at.exception
    # Visma provides Proceedo, used by Dals-Ed and Åmål.
    assert metric(at, "impact.municipality") == "2"


def test_upload_of_a_zip_validates_and_reports_problems(small, tmp_path):
    dataset = read_upload("data.zip", zipped_export(small, tmp_path / "csv", "inner/"))
    assert dataset.counts()["municipalities"] == 3
    broken = RECORDS | {"assessments": [dict(RECORDS["assessments"][0], maturity=9)]}
    with pytest.raises(InvalidDataset) as err:
        validate(RawDataset.from_records(broken))
    frame = problems_frame(err.value)
    assert list(frame.columns) == ["file", "row", "column", "value", "message", "expected"]
    assert frame.iloc[0]["column"] == "maturity" and frame.iloc[0]["value"] == "9"
    with pytest.raises(InvalidDataset):
        read_upload("data.zip", b"not a zip")


def test_data_page_exports_the_graph(small):
    at = open_page("data")
    next(b for b in at.button if b.key == "data_export_prepare").click().run()
    assert not at.exception
    assert "data_export" in at.session_state
    with zipfile.ZipFile(io.BytesIO(at.session_state["data_export"])) as archive:
        assert "municipalities.csv" in archive.namelist()


def test_candidate_summary_shows_text_from_the_data_as_text():
    """A capability named like a Markdown link and HTML became a link in the summary."""
    import pandas as pd

    from kb.analysis.candidates import COMPONENTS
    from ui.reports import candidate_markdown

    hostile = "[Klicka](https://evil.example) <img src=x> *fet*"
    row = pd.Series({"capability_sv": hostile, "capability": "c1", "area": "ops", "key_capability": False,
                     "score": 0.5, "rank": 1, "municipalities": ["Dals-Ed"], "lead_name": None,
                     "path": "samverkan", "reasons_sv": "svag i 2 av 3", **dict.fromkeys(COMPONENTS, 0.1)})
    text = candidate_markdown(row, "sv", lambda key, **_: key)
    assert r"\[Klicka\]\(https://evil\.example\) \<img src=x\> \*fet\*" in text
    assert "](" not in text and not re.search(r"(?<!\\)[<\[*]", text)  # each one escaped


def test_a_load_by_another_process_shows_at_the_next_run(store, monkeypatch, tmp_path):
    """``kb load`` in another process while the app runs: the next page run shows it (the cached
    results are keyed on the database's version token), with no restart and no waiting."""
    import os
    import subprocess
    import sys

    from conftest import store_env

    from kb.load import write_dataset
    from loaders.csv_folder import write_csv_folder

    def records(municipalities: int) -> RawDataset:
        first = RECORDS["municipalities"][:municipalities]
        return RawDataset.from_records({**RECORDS, "municipalities": first, "assessments": [],
                                        "system_usage": [], "it_capacity": [], "region_members": [],
                                        "collaboration_members": []})

    write_dataset(store, validate(records(2)))
    point_at(monkeypatch, store)
    assert metric(open_page("overview"), "label.Municipality") == "2"
    folder = tmp_path / "three"
    write_csv_folder(validate(records(3)), folder)
    kb = os.path.join(os.path.dirname(sys.executable), "kb")
    done = subprocess.run([kb, "load", str(folder)], env={**os.environ, **store_env(store)},
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert metric(open_page("overview"), "label.Municipality") == "3"
