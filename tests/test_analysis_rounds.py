"""Rounds: hand-worked fixture.

2019: m1 c1 = 1.  2021: m1 c1 2, m1 c2 3, m2 c1 3, m2 c2 2, m3 c1 1.
2023: m1 c1 3, m1 c2 3, m2 c1 2, m2 c2 4 (self) / 3 (external review, preferred), m3 c2 4.
Default 2021 -> 2023: m1 c1 +1, m1 c2 0, m2 c1 -1, m2 c2 +1 (m3 is in neither pair twice).
c1: mean 2.5 -> 2.5, one up one down, stable; c2: 2.5 -> 3.0, +0.5, improving.
"""

from __future__ import annotations

import pytest

from kb.analysis.rounds import CAPABILITY_COLUMNS, MUNICIPALITY_COLUMNS, rounds

ROWS = [("1", "c1", 2019, 1), ("1", "c1", 2021, 2), ("1", "c2", 2021, 3), ("2", "c1", 2021, 3),
        ("2", "c2", 2021, 2), ("3", "c1", 2021, 1), ("1", "c1", 2023, 3), ("1", "c2", 2023, 3),
        ("2", "c1", 2023, 2), ("2", "c2", 2023, 4), ("3", "c2", 2023, 4)]


def _load(load_records, rows=ROWS, external=(("2", "c2", 2023, 3),)) -> None:
    assessed = [{"municipality": f"000{m}", "capability": c, "round": r, "method": "self_assessment",
                 "maturity": v} for m, c, r, v in rows]
    assessed += [{"municipality": f"000{m}", "capability": c, "round": r, "method": "external_review",
                  "maturity": v} for m, c, r, v in external]
    load_records(municipalities=[{"code": f"000{i}", "name": f"m{i}"} for i in (1, 2, 3)],
                 capability_areas=[{"id": "ar", "name_sv": "Område", "name_en": "Area"}],
                 capabilities=[{"id": c, "area": "ar", "name_sv": f"F{c}", "name_en": f"Cap{c}",
                                "key_capability": c == "c1"} for c in ("c1", "c2")],
                 assessments=assessed)


def test_region_trend_per_capability(load_records, store):
    _load(load_records)
    rows = rounds(store)
    assert list(rows.columns) == CAPABILITY_COLUMNS
    assert rows[["capability", "from_round", "to_round", "municipalities", "mean_from", "mean_to",
                 "mean_change", "improved", "declined", "unchanged", "trend"]].values.tolist() == [
        ["c1", 2021, 2023, 2, 2.5, 2.5, 0.0, 1, 1, 0, "stable"],
        ["c2", 2021, 2023, 2, 2.5, 3.0, 0.5, 1, 0, 1, "improving"]]
    assert rows.iloc[0]["reason"] == (
        "1 of 2 municipalities improved, 1 declined; mean maturity 2.50 -> 2.50; improved: m1; declined: m2")
    assert rows.iloc[0]["reason_sv"] == ("1 av 2 kommuner förbättrades, 1 försämrades; "
                                         "medelmognad 2.50 -> 2.50; förbättrade: m1; försämrade: m2")


def test_detail_per_municipality(load_records, store):
    _load(load_records)
    rows = rounds(store, level="municipality")
    assert list(rows.columns) == MUNICIPALITY_COLUMNS
    assert rows[["municipality", "capability", "change", "direction"]].values.tolist() == [
        ["0001", "c1", 1, "improved"], ["0001", "c2", 0, "unchanged"],
        ["0002", "c1", -1, "declined"], ["0002", "c2", 1, "improved"]]
    assert rows.iloc[2]["reason"] == "declined from 3 (defined) in 2021 to 2 (repeatable) in 2023"
    assert rows.iloc[2]["reason_sv"] == "försämrad från mognad 3 i omgång 2021 till 2 i omgång 2023"


def test_chosen_rounds_and_method(load_records, store):
    _load(load_records)
    assert rounds(store, from_round=2019, level="municipality")[["capability", "change"]].values.tolist() \
        == [["c1", 2]]
    assert rounds(store, method="self_assessment").set_index("capability").loc["c2", "mean_change"] == 1.0
    assert rounds(store, to_round=2021, level="municipality")["change"].tolist() == [1]
    with pytest.raises(ValueError, match="must come before"):
        rounds(store, from_round=2023, to_round=2021)


def test_one_round_and_empty_graph(load_records, store):
    assert list(rounds(store).columns) == CAPABILITY_COLUMNS and rounds(store).empty
    _load(load_records, rows=[("1", "c1", 2023, 3)], external=())
    assert rounds(store).empty and list(rounds(store, level="municipality").columns) == MUNICIPALITY_COLUMNS


def test_demo_contrast(demo_store):
    trend = rounds(demo_store)
    assert trend["mean_change"].max() > trend["mean_change"].min()
    assert (trend["improved"] > 0).any() and (trend["declined"] > 0).any()
