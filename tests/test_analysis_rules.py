"""Which assessment counts, and the edge cases one rule settles, worked out by hand on both engines.

Three municipalities, one capability c1 (target 4 everywhere):

    m1: 2021 self 2; 2024 self 4, external 3    -> counts: 2024 external review, 3
    m2: 2021 self 1; 2024 self 2                -> counts: 2024 self-assessment, 2
    m3: 2021 self 1 (not in the 2024 round)     -> counts: its latest, 2021 self-assessment, 1

Weak (maturity <= 2): m2 and m3, assessed 3 (m3 is not dropped for missing the 2024 round),
weak share 2/3 = 0.667. The explorer's colour for c1: mean of 3, 2, 1 = 2 (not the mean of every
2024 assessment, (4 + 3 + 2) / 3 = 3).
"""

from __future__ import annotations

import pandas as pd
import pytest

from kb.analysis.common import current_assessments, pick_current, snapshot
from kb.analysis.overview import capability_maturity
from kb.analysis.partners import partners
from kb.analysis.profile import profile
from kb.analysis.weak import weak, weak_municipalities
from kb.graphview import maturity_of, neighbourhood

ROWS = [("1", 2021, "self_assessment", 2), ("1", 2024, "self_assessment", 4),
        ("1", 2024, "external_review", 3), ("2", 2021, "self_assessment", 1),
        ("2", 2024, "self_assessment", 2), ("3", 2021, "self_assessment", 1)]


@pytest.fixture
def three(load_records):
    load_records(
        municipalities=[{"code": f"000{i}", "name": f"m{i}"} for i in (1, 2, 3)],
        capability_areas=[{"id": "ar", "name_sv": "Område", "name_en": "Area"}],
        capabilities=[{"id": "c1", "area": "ar", "name_sv": "F1", "name_en": "Cap1"}],
        assessments=[{"municipality": f"000{m}", "capability": "c1", "round": r, "method": method,
                      "maturity": v, "target": 4} for m, r, method, v in ROWS])


def test_each_municipality_counts_with_its_latest_assessment(store, three):
    rows = current_assessments(store)
    assert rows[["municipality", "round", "method", "maturity", "gap"]].values.tolist() == [
        ["0001", 2024, "external_review", 3, 1], ["0002", 2024, "self_assessment", 2, 2],
        ["0003", 2021, "self_assessment", 1, 3]]
    assert current_assessments(store, method="self_assessment")["maturity"].tolist() == [4, 2, 1]
    assert current_assessments(store, round=2024)["municipality"].tolist() == ["0001", "0002"]
    with pytest.raises(ValueError, match="method must be one of preferred"):
        current_assessments(store, method="guess")


def test_weak_counts_a_municipality_missing_from_the_latest_round(store, three):
    row = weak(store).iloc[0]
    assert (row["assessed"], row["weak"], row["weak_share"]) == (3, 2, 0.667)
    assert row["weak_municipalities"] == "m2, m3"


def test_the_explorer_colours_by_the_same_rule(store, three):
    view = neighbourhood(store, "Capability", "c1", depth=1)
    node = next(n for n, d in view.graph.nodes(data=True) if d["key"] == "c1")
    assert maturity_of(view, node) == 2


def test_pick_current_prefers_the_later_round_then_the_external_review():
    rows = pd.DataFrame([["a", "c", 2021, "external_review", 5], ["a", "c", 2024, "self_assessment", 2],
                         ["b", "c", 2024, "self_assessment", 4], ["b", "c", 2024, "external_review", 3]],
                        columns=["municipality", "capability", "round", "method", "maturity"])
    assert pick_current(rows)["maturity"].tolist() == [2, 3]


@pytest.mark.parametrize("call", [
    lambda s: weak_municipalities(s, municipality="9999"),
    lambda s: partners(s, municipality="9999"),
    lambda s: profile(s, municipality="9999"),
], ids=["weak-municipalities", "partners", "profile"])
def test_an_unknown_municipality_is_the_same_clear_error_everywhere(store, three, call):
    with pytest.raises(ValueError, match=r"No municipality '9999' in the graph; known: 0001 m1, 0002 m2, "
                                         r"0003 m3"):
        call(store)


def test_a_municipality_by_name_is_found(store, three):
    assert weak_municipalities(store, municipality="M3")["municipality"].tolist() == ["0003"]


def test_the_snapshot_is_read_again_after_a_load(store, three, load_records):
    first = snapshot(store)
    assert snapshot(store) is first  # same version token: the same snapshot
    load_records(municipalities=[{"code": "0001", "name": "m1"}],
                 capability_areas=[{"id": "ar", "name_sv": "Område", "name_en": "Area"}],
                 capabilities=[{"id": "c1", "area": "ar", "name_sv": "F1", "name_en": "Cap1"}],
                 assessments=[{"municipality": "0001", "capability": "c1", "round": 2025,
                               "method": "self_assessment", "maturity": 5}])
    assert snapshot(store) is not first
    assert current_assessments(store)[["municipality", "maturity"]].values.tolist() == [["0001", 5]]


def test_capability_maturity_weakest_and_strongest_first(store, load_records):
    # c1: 3, 2, 1 -> mean 2.0 (the rule above); c2: m1 5, m2 4 -> 4.5; c3: m1 2 -> 2.0.
    rows = [{"municipality": f"000{m}", "capability": c, "round": 2024, "method": "self_assessment",
             "maturity": v} for m, c, v in (("1", "c1", 3), ("2", "c1", 2), ("3", "c1", 1),
                                           ("1", "c2", 5), ("2", "c2", 4), ("1", "c3", 2))]
    load_records(
        municipalities=[{"code": f"000{i}", "name": f"m{i}"} for i in (1, 2, 3)],
        capability_areas=[{"id": "ar", "name_sv": "Område", "name_en": "Area"}],
        capabilities=[{"id": c, "area": "ar", "name_sv": c, "name_en": c} for c in ("c1", "c2", "c3")],
        assessments=rows)
    weakest = capability_maturity(store)
    assert weakest[["capability", "mean_maturity", "municipalities"]].values.tolist() == [
        ["c1", 2.0, 3], ["c3", 2.0, 1], ["c2", 4.5, 2]]
    assert capability_maturity(store, strongest=True, top=2)["capability"].tolist() == ["c2", "c1"]
