"""The weak analyses on the six-municipality fixture (tests/analysis_fixture.py)."""

from __future__ import annotations

import pytest
from analysis_fixture import CYCLE, base_tables, region

from kb.analysis import run_analysis
from kb.analysis.weak import WEAK_COLUMNS, WEAK_MUNICIPALITY_COLUMNS, dependents, weak, weak_municipalities


def test_weak_municipalities_with_reasons(store, load_records):
    load_records(**region())
    rows = weak_municipalities(store)
    assert list(rows.columns) == WEAK_MUNICIPALITY_COLUMNS
    assert len(rows) == 5 + 6 + 5 + 2  # OPS, NET, SUP, ARC
    alby = rows[rows["municipality"] == "1401"]
    assert list(alby["capability"]) == ["OPS", "SUP", "NET", "ARC"]  # key first, then maturity
    bstad_arc = rows[(rows["municipality"] == "1402") & (rows["capability"] == "ARC")].iloc[0]
    assert bstad_arc["reason_en"] == "2 levels below its target 5"  # maturity 3, target 5
    assert bstad_arc["reason_sv"] == "2 nivåer under målet 5"
    assert list(weak_municipalities(store, municipality="1406")["capability"]) == ["NET"]


def test_thresholds_are_parameters(store, load_records):
    load_records(**region())
    rows = weak_municipalities(store, threshold=1, min_gap=5)
    assert sorted(zip(rows["capability"], rows["municipality"], strict=True)) == [
        ("NET", "1401"), ("NET", "1403"), ("NET", "1405"), ("OPS", "1401"), ("OPS", "1404")]


def test_regionally_weak_weighted_by_criticality(store, load_records):
    load_records(**region())
    rows = weak(store)
    assert list(rows.columns) == WEAK_COLUMNS
    assert list(rows["capability"]) == ["OPS", "NET", "SUP", "ARC"]
    # score = share * (1 + dependents / 2): OPS 5/6*2, NET 1, SUP 5/6, ARC 2/6*1.5
    assert list(rows["score"]) == pytest.approx([1.667, 1.0, 0.833, 0.5], abs=1e-3)
    assert list(rows["dependents"]) == [2, 0, 0, 1]
    ops = rows.iloc[0]
    assert (ops["weak"], ops["assessed"], ops["mean_maturity"]) == (5, 6, pytest.approx(2.17))
    assert ops["weak_municipalities"] == "Alby, Bstad, Cby, Dköping, Estad"
    assert "2 capabilities depend on it" in ops["reason_en"] and "nyckelförmåga" in ops["reason_sv"]


def test_one_municipality_and_ties(store, load_records):
    load_records(**region("A"))
    rows = weak(store)
    # All four weak capabilities have share 1: OPS 2, ARC 1.5, then SUP and NET tie at 1
    # and the key capability SUP goes first.
    assert list(rows["capability"]) == ["OPS", "ARC", "SUP", "NET"]
    assert list(rows["score"]) == [2.0, 1.5, 1.0, 1.0]


def test_cycles_in_dependencies_are_survived(store, load_records):
    load_records(**region())
    store.write(CYCLE)  # OPS -> COM -> ARC -> OPS: the validator would refuse it
    assert dependents(store) == {"OPS": 2, "ARC": 2, "COM": 2, "NET": 0, "SUP": 0}
    rows = weak(store).set_index("capability")
    assert rows.loc["ARC", "score"] == pytest.approx(2 / 6 * 2, abs=1e-3)


def test_no_assessments_and_empty_graph(store, load_records):
    assert weak(store).empty and list(weak(store).columns) == WEAK_COLUMNS
    load_records(**base_tables())
    for name, columns in (("weak", WEAK_COLUMNS), ("weak-municipalities", WEAK_MUNICIPALITY_COLUMNS)):
        rows = run_analysis(store, name)
        assert rows.empty and list(rows.columns) == columns
    assert dependents(store)["NET"] == 0  # a capability with no dependencies
