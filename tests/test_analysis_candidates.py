"""Joint-delivery candidates on the six-municipality fixture (tests/analysis_fixture.py).

Worked by hand (N = 6, today 2025-01-01, 12 months, weights need 0.3, commonality 0.4, standardisation 0.15,
criticality 0.15, covered 0.3):

    cap  need       commonality  standardisation        criticality  covered  score
    OPS  10/6/4     5/6          (4/6 + 2/6)/2 = 0.5    2/2          0        0.6458
    NET  9/6/4      6/6          (5/6 + 2/6)/2          0            2/6      0.5
    SUP  5/6/4      5/6          0                      0            0        0.3958
    ARC  3/6/4      2/6          (2/6 + 0)/2            1/2          0        0.2042

score = 0.3 need + 0.4 commonality + commonality (0.15 standardisation + 0.15 criticality)
        - 0.3 covered, e.g. OPS: 0.125 + 0.3333 + 5/6 (0.075 + 0.15) = 0.6458.
"""

from __future__ import annotations

import pandas as pd
import pytest
from analysis_fixture import CYCLE, TODAY, base_tables, region

from kb.analysis import run_analysis
from kb.analysis.candidates import CANDIDATE_COLUMNS, candidates, choose_path
from kb.analysis.weak import mark_weak


def test_weak_in_five_of_six_with_one_strong_ranks_first(store, load_records):
    load_records(**region())
    rows = candidates(store, today=TODAY)
    assert list(rows.columns) == CANDIDATE_COLUMNS
    assert list(rows["capability"]) == ["OPS", "NET", "SUP", "ARC"]
    assert list(rows["rank"]) == [1, 2, 3, 4]
    assert list(rows["score"]) == pytest.approx([0.6458, 0.5, 0.3958, 0.2042], abs=1e-4)
    first = rows.iloc[0]
    assert (first["lead"], first["lead_name"], first["path"]) == ("1406", "Fby", "asymmetrisk")
    assert first[["need", "commonality", "standardisation", "criticality", "covered"]].tolist() == \
        pytest.approx([10 / 24, 5 / 6, 0.5, 1.0, 0.0], abs=1e-4)
    assert first["municipalities"] == "Alby, Bstad, Cby, Dköping, Estad, Fby"
    assert "Fby is strong (maturity 5) and can lead" in first["reasons_en"]
    assert "Fby är stark (mognad 5) och kan leda" in first["reasons_sv"]
    assert "DriftPlattform end within 12 months in 2" in first["reasons_en"]
    assert first["path_rule"].startswith("asymmetrisk: 1 strong and 5 weak")


def test_paths_and_leads(store, load_records):
    load_records(**region())
    rows = candidates(store, today=TODAY).set_index("capability")
    assert rows["path"].to_dict() == {"OPS": "asymmetrisk", "NET": "sammanlaggning",
                                      "SUP": "omfordelning", "ARC": "samverkan"}
    assert rows.loc["NET", "covered"] == pytest.approx(2 / 6, abs=1e-4)  # K1: Alby, Bstad
    assert pd.isna(rows.loc["NET", "lead"])
    # ARC: Estad and Fby both at maturity 4; Fby is larger; involved = weak + lead.
    assert rows.loc["ARC", "lead"] == "1406"
    assert rows.loc["ARC", "municipality_codes"] == "1401, 1402, 1406"


def test_lead_tie_on_population_goes_to_the_lower_code(store, load_records):
    tables = region()
    for row in tables["municipalities"]:
        row["population"] = 1000
    load_records(**tables)
    assert candidates(store, today=TODAY).set_index("capability").loc["ARC", "lead"] == "1405"


def test_weights_are_parameters(store, load_records):
    load_records(**region())
    rows = candidates(store, today=TODAY, covered_weight=0).set_index("capability")
    assert rows.loc["NET", "score"] == pytest.approx(0.5 + 0.1, abs=1e-4)


def test_choose_path_rules():
    assert choose_path(5, 6, 1, False, False)[0] == "asymmetrisk"
    assert choose_path(3, 6, 2, True, True)[0] == "samverkan"  # fewer than 2 weak per strong
    assert choose_path(5, 6, 0, True, True)[0] == "sammanlaggning"
    assert choose_path(5, 6, 0, True, False)[0] == "omfordelning"  # no shared supplier
    assert choose_path(4, 6, 0, True, True)[0] == "samverkan"  # 67% is not nearly all


def test_cycles_one_municipality_no_assessments(store, load_records):
    assert candidates(store).empty
    load_records(**region())
    store.write(CYCLE)
    rows = candidates(store, today=TODAY).set_index("capability")
    assert rows.loc["ARC", "criticality"] == 1.0  # OPS, ARC, COM each have the other two


def test_one_municipality_has_no_partner(store, load_records):
    load_records(**region("A"))
    rows = run_analysis(store, "candidates")
    assert rows.empty and list(rows.columns) == CANDIDATE_COLUMNS


def test_no_assessments(store, load_records):
    load_records(**base_tables())
    assert list(candidates(store).columns) == CANDIDATE_COLUMNS


def test_mark_weak_is_inclusive():
    rows = pd.DataFrame({"maturity": [2, 3, 3], "gap": [0, 2, 1]})
    assert mark_weak(rows, 2, 2)["weak"].tolist() == [True, True, False]
