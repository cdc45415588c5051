"""Rounds: hand-worked fixture.

2019: m1 c1 = 1.  2021: m1 c1 2, m1 c2 3, m2 c1 3, m2 c2 2, m3 c1 1.
2023: m1 c1 3, m1 c2 3, m2 c1 2, m2 c2 4 (self) / 3 (external review, preferred), m3 c2 4.
Default 2021 -> 2023: m1 c1 +1, m1 c2 0, m2 c1 -1, m2 c2 +2 (m3 is in neither pair twice).
Like is compared with like: m2 c2 has no external review in 2021, so its pair is the two
self-assessments, 2 -> 4 = +2 (the 2023 external review 3 is not set against a 2021
self-assessment; before this rule the change was 3 - 2 = +1).
c1: mean 2.5 -> 2.5, one up one down, stable; c2: (3 + 2) / 2 = 2.5 -> (3 + 4) / 2 = 3.5,
mean change (0 + 2) / 2 = +1.0, improving.
"""

from __future__ import annotations

import pytest

from kb.analysis.rounds import CAPABILITY_COLUMNS, MUNICIPALITY_COLUMNS, rounds, rounds_by_municipality

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
        ["c2", 2021, 2023, 2, 2.5, 3.5, 1.0, 1, 0, 1, "improving"]]  # self 2 -> self 4, see above
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
        ["0002", "c1", -1, "declined"], ["0002", "c2", 2, "improved"]]  # self 2 -> self 4
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


def test_like_with_like_methods(load_records, store):
    # m1 c1: 2021 external 2, 2023 external 4 and self 5: the external pair counts, +2.
    # m2 c1: 2021 self 3, 2023 external 1 only: no pair by one method, so m2 is left out.
    # m3 c1: 2021 self 2 and external 1, 2023 self 3: only the self pair exists, +1.
    rows = [("1", "c1", 2023, 5), ("2", "c1", 2021, 3), ("3", "c1", 2021, 2), ("3", "c1", 2023, 3)]
    external = (("1", "c1", 2021, 2), ("1", "c1", 2023, 4), ("2", "c1", 2023, 1), ("3", "c1", 2021, 1))
    _load(load_records, rows, external)
    detail = rounds(store, level="municipality")
    assert detail[["municipality", "from_maturity", "to_maturity", "change"]].values.tolist() == [
        ["0001", 2, 4, 2], ["0003", 2, 3, 1]]
    assert rounds(store, level="municipality", method="external_review")["change"].tolist() == [2]
    assert rounds(store, level="municipality", method="self_assessment")["change"].tolist() == [1]


def test_one_round_and_empty_graph(load_records, store):
    assert list(rounds(store).columns) == CAPABILITY_COLUMNS and rounds(store).empty
    _load(load_records, rows=[("1", "c1", 2023, 3)], external=())
    assert rounds(store).empty and list(rounds(store, level="municipality").columns) == MUNICIPALITY_COLUMNS


def test_demo_contrast(demo_store):
    trend = rounds(demo_store)
    assert trend["mean_change"].max() > trend["mean_change"].min()
    assert (trend["improved"] > 0).any() and (trend["declined"] > 0).any()


def test_roll_up_per_municipality(load_records, store):
    # From the default pairs above: m1 c1 +1, c2 0 -> 1 improved, 1 unchanged, mean +0.5;
    # m2 c1 -1, c2 +2 -> 1 improved, 1 declined, mean +0.5; m3 has no pair. Ties by name.
    _load(load_records)
    rows = rounds_by_municipality(store)
    columns = ["municipality_name", "improved", "declined", "unchanged", "mean_change"]
    assert rows[columns].values.tolist() == [
        ["m1", 1, 0, 1, 0.5], ["m2", 1, 1, 0, 0.5]]
    # key capabilities only (c1): m1 +1, m2 -1
    assert rounds_by_municipality(store, key_only=True)["mean_change"].tolist() == [1.0, -1.0]


def test_the_external_pair_counts_where_both_methods_pair(load_records, store):
    # m1 c1: 2021 self 1 and external 2, 2023 self 5 and external 4: both methods pair; the
    # external reviews count, 2 -> 4 = +2 (the self-assessments would say +4).
    _load(load_records, rows=[("1", "c1", 2021, 1), ("1", "c1", 2023, 5)],
          external=(("1", "c1", 2021, 2), ("1", "c1", 2023, 4)))
    detail = rounds(store, level="municipality")
    assert detail[["municipality", "from_maturity", "to_maturity", "change"]].values.tolist() == [
        ["0001", 2, 4, 2]]
    assert rounds(store, level="municipality", method="self_assessment")["change"].tolist() == [4]
