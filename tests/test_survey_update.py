"""``kb.update.replace_round_rows``: one municipality's rows of one round, replaced atomically.

The graph: municipalities 0001 and 0002, capabilities c1 and c2, systems s1 and s2; 0001 has
self-assessments in 2021 and 2024 and an external review in 2024, 0002 one self-assessment
in 2024; both use s1; 0001 has IT capacity for 2021 and 2024.
"""

from __future__ import annotations

from typing import Any

import pytest
from conftest import LoadRecords

from kb.export import export_dataset
from kb.store import GraphStore
from kb.update import RoundAnswer, UpdateError, replace_round_rows

SELF, REVIEW = "self_assessment", "external_review"


def _assessment(code: str, cap: str, rnd: int, maturity: int, method: str = SELF) -> dict[str, Any]:
    return {"municipality": code, "capability": cap, "round": rnd, "method": method, "maturity": maturity}


def _records() -> dict[str, list[dict[str, Any]]]:
    return {
        "municipalities": [{"code": "0001", "name": "Ett"}, {"code": "0002", "name": "Två"}],
        "capability_areas": [{"id": "a", "name_sv": "A", "name_en": "A"}],
        "capabilities": [{"id": c, "area": "a", "name_sv": c, "name_en": c} for c in ("c1", "c2")],
        "systems": [{"id": "s1", "name": "S1"}, {"id": "s2", "name": "S2"}],
        "system_usage": [{"municipality": "0001", "system": "s1", "annual_cost_sek": 10.0},
                         {"municipality": "0002", "system": "s1"}],
        "assessments": [_assessment("0001", "c1", 2021, 1), _assessment("0001", "c1", 2024, 2),
                        _assessment("0001", "c2", 2024, 2), _assessment("0001", "c1", 2024, 1, REVIEW),
                        _assessment("0002", "c1", 2024, 3)],
        "it_capacity": [{"municipality": "0001", "year": 2021, "fte_operations": 1.0},
                        {"municipality": "0001", "year": 2024, "fte_operations": 2.0}],
    }


@pytest.fixture
def small(store: GraphStore, load_records: LoadRecords) -> GraphStore:
    load_records(**_records())
    return store


def test_only_the_municipalitys_rows_of_the_round_are_replaced(small: GraphStore) -> None:
    before = export_dataset(small).tables
    answer = RoundAnswer(
        "0001", 2024,
        assessments=[{**_assessment("0001", "c2", 2024, 4), "collected_at": "2024-05-01T10:00:00Z"}],
        usage=[{"municipality": "0001", "system": "s2", "contract_end": "2027-01-31"}],
        capacity=[{"municipality": "0001", "year": 2024, "fte_operations": 3.5}])
    assert replace_round_rows(small, [answer]) == 1
    after = export_dataset(small).tables
    assert after["assessments"] == [
        _assessment("0001", "c1", 2021, 1),
        _assessment("0001", "c1", 2024, 1, REVIEW),  # the review is not the questionnaire's to replace
        {**_assessment("0001", "c2", 2024, 4), "collected_at": "2024-05-01T10:00:00Z"},
        _assessment("0002", "c1", 2024, 3),
    ]
    assert after["system_usage"] == [{"municipality": "0001", "system": "s2", "contract_end": "2027-01-31"},
                                     {"municipality": "0002", "system": "s1"}]
    assert after["it_capacity"] == [{"municipality": "0001", "year": 2021, "fte_operations": 1.0},
                                    {"municipality": "0001", "year": 2024, "fte_operations": 3.5}]
    untouched = {"municipalities", "capabilities", "capability_areas", "systems"}
    assert {t: after[t] for t in untouched} == {t: before[t] for t in untouched}


def test_parts_given_as_none_stay_and_an_empty_part_removes(small: GraphStore) -> None:
    replace_round_rows(small, [RoundAnswer("0002", 2024, assessments=[], usage=None, capacity=None)])
    after = export_dataset(small).tables
    assert [a for a in after["assessments"] if a["municipality"] == "0002"] == []
    assert after["system_usage"] == _records()["system_usage"]
    assert len(after["it_capacity"]) == 2


def test_a_missing_capability_fails_the_whole_batch_and_writes_nothing(small: GraphStore) -> None:
    before = export_dataset(small).tables
    good = RoundAnswer("0002", 2024, assessments=[_assessment("0002", "c2", 2024, 5)])
    bad = RoundAnswer("0001", 2024, assessments=[_assessment("0001", "no-such", 2024, 5)])
    with pytest.raises(UpdateError, match="made 0 of 1"):
        replace_round_rows(small, [good, bad])
    assert export_dataset(small).tables == before


def test_a_row_of_another_round_is_refused(small: GraphStore) -> None:
    before = export_dataset(small).tables
    with pytest.raises(UpdateError, match="not of municipality 0001, round 2024"):
        replace_round_rows(small, [RoundAnswer("0001", 2024,
                                               assessments=[_assessment("0001", "c1", 2021, 5)])])
    assert export_dataset(small).tables == before


def test_an_answer_that_replaces_nothing_writes_nothing(small: GraphStore) -> None:
    before = export_dataset(small).tables
    assert replace_round_rows(small, [RoundAnswer("0001", 2024)]) == 0
    assert export_dataset(small).tables == before
