"""Realism: hand-worked fixture.

Round 2023, self-assessment / external review:
  m1: c1 4/2 (+2), c2 3/3 (0), c3 3/2 (+1)      mean +1.00, 2 overestimated
  m2: c1 2/3 (-1), c2 3/2 (+1)                   mean  0.00, 1 over, 1 under
  m3: c1 3 (self only: not compared)
Round 2021: m3 c1 5/1 (+4), compared only when round 2021 is asked for.
Per capability: c1 (+2, -1) mean +0.50; c2 (0, +1) +0.50; c3 (+1) +1.00.
"""

from __future__ import annotations

from analysis_checks import assert_levels_on_an_empty_graph

from kb.analysis.realism import CAPABILITY_COLUMNS, DETAIL_COLUMNS, MUNICIPALITY_COLUMNS, realism

PAIRS = [("1", "c1", 2023, 4, 2), ("1", "c2", 2023, 3, 3), ("1", "c3", 2023, 3, 2),
         ("2", "c1", 2023, 2, 3), ("2", "c2", 2023, 3, 2), ("3", "c1", 2021, 5, 1)]


def _load(load_records) -> None:
    rows = [{"municipality": f"000{m}", "capability": c, "round": r, "method": "self_assessment",
             "maturity": s} for m, c, r, s, _ in PAIRS]
    rows += [{"municipality": f"000{m}", "capability": c, "round": r, "method": "external_review",
              "maturity": e} for m, c, r, _, e in PAIRS]
    rows.append({"municipality": "0003", "capability": "c1", "round": 2023, "method": "self_assessment",
                 "maturity": 3})
    load_records(municipalities=[{"code": f"000{i}", "name": f"m{i}"} for i in (1, 2, 3)],
                 capability_areas=[{"id": "ar", "name_sv": "Område", "name_en": "Area"}],
                 capabilities=[{"id": f"c{i}", "area": "ar", "name_sv": f"F{i}", "name_en": f"Cap{i}"}
                               for i in (1, 2, 3)],
                 assessments=rows)


def test_per_municipality(load_records, store):
    _load(load_records)
    rows = realism(store)
    assert list(rows.columns) == MUNICIPALITY_COLUMNS
    counts = ["municipality", "round", "compared", "mean_difference", "overestimated", "underestimated",
              "agreed"]
    assert rows[counts].values.tolist() == [["0001", 2023, 3, 1.0, 2, 0, 1], ["0002", 2023, 2, 0.0, 1, 1, 0]]
    assert rows.iloc[0]["reason"] == ("2 of 3 self-assessments above the external review, mean difference"
                                      " +1.00; overestimated: Cap1, Cap3")
    assert rows.iloc[0]["reason_sv"] == ("2 av 3 självskattningar över den externa granskningen, "
                                         "medelskillnad +1.00; överskattade: Cap1, Cap3")


def test_per_capability_and_detail(load_records, store):
    _load(load_records)
    rows = realism(store, level="capability")
    assert list(rows.columns) == CAPABILITY_COLUMNS
    assert rows[["capability", "mean_difference", "overestimated"]].values.tolist() == [
        ["c3", 1.0, 1], ["c1", 0.5, 1], ["c2", 0.5, 1]]
    detail = realism(store, level="detail")
    assert list(detail.columns) == DETAIL_COLUMNS
    assert detail["difference"].tolist() == [2, 0, 1, -1, 1]
    assert detail["status"].tolist() == ["overestimated", "agrees", "overestimated", "underestimated",
                                         "overestimated"]
    assert detail.iloc[0]["reason"] == "self-assessed 4, external review 2: overestimated by 2"
    assert detail.iloc[0]["reason_sv"] == "självskattning 4, extern granskning 2: överskattning med 2"
    assert realism(store, level="detail", min_difference=2)["overestimated"].sum() == 1


def test_round_parameter(load_records, store):
    _load(load_records)
    rows = realism(store, round=2021)
    assert rows[["municipality", "mean_difference"]].values.tolist() == [["0003", 4.0]]


def test_empty_graph_and_no_reviews(load_records, store):
    columns = {"municipality": MUNICIPALITY_COLUMNS, "capability": CAPABILITY_COLUMNS,
               "detail": DETAIL_COLUMNS}
    assert_levels_on_an_empty_graph(realism, store, columns)


def test_demo_contrast(demo_store):
    rows = realism(demo_store)
    assert not rows.empty and (rows["mean_difference"] > 0).any()
