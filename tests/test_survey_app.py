"""The Data page's assessment round in the app (AppTest): the round status follows answers
collected while the app is open, by another connection (as ``kb survey collect`` would),
without a restart.

Graph: municipalities 0001 Ett and 0002 Två, capabilities c1..c3, assessed in 2024; the
page proposes round 2025, for which questionnaires are made.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from app_harness import open_page
from conftest import LoadRecords, store_env
from survey_fill import fill_capabilities
from test_survey_bad import _records

from kb.store import GraphStore, open_store
from kb.survey import collect_answers, make_questionnaires
from ui.texts import SV


@pytest.fixture
def round_graph(store: GraphStore, load_records: LoadRecords, monkeypatch: pytest.MonkeyPatch) -> GraphStore:
    load_records(**_records())
    for name, value in store_env(store).items():
        monkeypatch.setenv(name, value)
    return store


def _status(at) -> pd.DataFrame:
    return next(d.value for d in at.dataframe if SV["survey.col.source_file"] in d.value.columns)


def test_an_answer_collected_elsewhere_shows_in_the_open_app(round_graph: GraphStore, tmp_path: Path) -> None:
    at = open_page("data")
    assert not at.exception, [e.value for e in at.exception]
    assert at.number_input(key="survey_round").value == 2025
    assert list(_status(at)[SV["survey.col.status"]]) == [SV["survey.missing"]] * 2

    one, _ = make_questionnaires(round_graph, 2025, tmp_path)
    fill_capabilities(one, {"c1": (3, 4), "c2": (2, 2), "c3": (1, 3)}, 2025)
    other = open_store(round_graph.settings)  # a connection of its own, as kb survey collect opens
    try:
        assert collect_answers(other, 2025, [one]).written == 1
    finally:
        other.close()

    at.run()
    status = _status(at)
    assert list(status[SV["survey.col.status"]]) == [SV["survey.answered"], SV["survey.missing"]]
    assert list(status[SV["survey.col.source_file"]]) == ["2025-0001-ett.xlsx", ""]
    assert list(status[SV["survey.col.assessed"]]) == [3, 0]


def test_an_answer_collected_elsewhere_shows_on_the_analysis_pages(round_graph: GraphStore,
                                                                   tmp_path: Path) -> None:
    at = open_page("overview")
    assert any(c.value.startswith("Omgång 2024 ·") for c in at.caption)
    one, _ = make_questionnaires(round_graph, 2025, tmp_path, municipalities=["0001", "0002"])
    fill_capabilities(one, {"c1": (3, 4)}, 2025)
    other = open_store(round_graph.settings)
    try:
        collect_answers(other, 2025, [one])
    finally:
        other.close()
    at.run()  # the stores' version token changed, so the cached results are not reused
    assert any(c.value.startswith("Omgång 2024, 2025 ·") for c in at.caption)
