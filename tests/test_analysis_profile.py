"""Profiles on the fixture (tests/analysis_fixture.py): Fby leads everywhere, Alby lags."""

from __future__ import annotations

import pytest
from analysis_fixture import base_tables, region

from kb.analysis import run_analysis
from kb.analysis.profile import PROFILE_COLUMNS, profile


def test_one_municipality_against_the_region(store, load_records):
    load_records(**region())
    rows = profile(store, municipality="1406")
    assert list(rows.columns) == PROFILE_COLUMNS
    # Key capabilities first (SUP +0.83, OPS +2.83), then COM 0, NET +0.5, ARC +0.83.
    assert list(rows["capability"]) == ["SUP", "OPS", "COM", "NET", "ARC"]
    assert list(rows["assessment"]) == ["strength", "strength", "on par", "strength", "strength"]
    assert set(rows["rank"]) == {1}  # ties share rank 1 (ARC with Estad, NET with three)
    ops = rows.iloc[1]
    assert (ops["maturity"], ops["region_mean"], ops["of"]) == (5, pytest.approx(2.17), 6)
    assert ops["reason_en"] == "maturity 5 against the regional mean 2.2, rank 1 of 6: a strength"


def test_weaknesses_and_names(store, load_records):
    load_records(**region())
    rows = profile(store, municipality="ALBY").set_index("capability")
    # OPS maturities 1 2 2 1 2 5: four municipalities are above Alby's 1, so rank 5.
    assert rows.loc["OPS", "rank"] == 5
    assert rows.loc["OPS", "difference"] == pytest.approx(1 - 13 / 6, abs=0.01)
    assert rows.loc["OPS", "assessment"] == "weakness"
    assert rows.loc["OPS", "reason_en"] == (
        "maturity 1 against the regional mean 2.2, rank 5 of 6: a weakness")
    assert rows.loc["OPS", "reason_sv"] == "mognad 1 mot regionens medel 2.2, plats 5 av 6: en svaghet"
    assert rows.loc["COM", "assessment"] == "on par"


def test_every_municipality_by_default(store, load_records):
    load_records(**region())
    rows = run_analysis(store, "profile")
    assert len(rows) == 6 * 5
    assert list(rows["municipality"].unique()) == ["1401", "1402", "1403", "1404", "1405", "1406"]


def test_unknown_municipality_is_a_clear_error(store, load_records):
    load_records(**region("AB"))
    with pytest.raises(ValueError, match=r"No municipality 'Zby'.*1401 Alby"):
        profile(store, municipality="Zby")


def test_no_assessments_and_one_municipality(store, load_records):
    assert list(profile(store).columns) == PROFILE_COLUMNS
    load_records(**base_tables("A"))
    assert profile(store, municipality="1401").empty
    load_records(**region("A"))
    rows = profile(store)
    assert set(rows["rank"]) == {1} and set(rows["of"]) == {1} and set(rows["assessment"]) == {"on par"}
