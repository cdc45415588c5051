"""Capacity: hand-worked fixture for 2023 (m4 has figures only for 2022).

       population  cost ops + dev (SEK)     per inhabitant  development share  FTE ops+dev  per 1,000
  m1   10,000      6.0M + 1.0M = 7.0M       700             1/7 = 0.143        8 + 2        1.0
  m2   20,000      12.0M + 8.0M = 20.0M     1,000           0.4                15 + 5       1.0
  m3    5,000      1.5M + 1.0M = 2.5M       500             0.4                3 + 1        0.8
Median cost per inhabitant 700: m3 is at 71% (< 75%: underfunded); m1 is operations-heavy.
Capabilities c1..c3; system S supports c2 and is used by m1 and m3. Assessed (2023):
m1 c1 3, c2 1; m2 c1..c3 2; m4 c1 4. "Not assessed" is its own state, not "uncovered" (an
unknown is not a known gap): with no supporting system, m1's c3, m3's c1 and c3 and m4's c2 and
c3 have no assessment at all, so they are not assessed; no capability is assessed below 2
without a system (m1's c2 is at 1 but S supports it), so none is uncovered. Before this rule all
of them counted as uncovered: m1 {Cap3}, m3 {Cap1, Cap3}, m4 {Cap2, Cap3}.
Signals: m3 underfunded + not assessed = 2, m1 operations-heavy + not assessed = 2, m4 not
assessed = 1, m2 none.
"""

from __future__ import annotations

from kb.analysis.capacity import CAPACITY_COLUMNS, capacity

FIGURES = {"1": (8, 2, 6e6, 1e6), "2": (15, 5, 12e6, 8e6), "3": (3, 1, 1.5e6, 1e6)}
POPULATION = {"1": 10000, "2": 20000, "3": 5000, "4": 8000}


def _load(load_records) -> None:
    cap = [{"municipality": f"000{m}", "year": 2023, "fte_operations": f[0], "fte_development": f[1],
            "cost_operations_sek": f[2], "cost_development_sek": f[3]} for m, f in FIGURES.items()]
    cap.append({"municipality": "0004", "year": 2022, "fte_operations": 6, "fte_development": 2,
                "cost_operations_sek": 3e6, "cost_development_sek": 1e6})
    assessed = [("1", "c1", 3), ("1", "c2", 1), ("2", "c1", 2), ("2", "c2", 2), ("2", "c3", 2),
                ("4", "c1", 4)]
    load_records(
        municipalities=[{"code": f"000{m}", "name": f"m{m}", "population": p}
                        for m, p in POPULATION.items()],
        capability_areas=[{"id": "ar", "name_sv": "Område", "name_en": "Area"}],
        capabilities=[{"id": f"c{i}", "area": "ar", "name_sv": f"F{i}", "name_en": f"Cap{i}"}
                      for i in (1, 2, 3)],
        systems=[{"id": "S", "name": "Sys"}],
        system_capabilities=[{"system": "S", "capability": "c2"}],
        system_usage=[{"municipality": "0001", "system": "S"}, {"municipality": "0003", "system": "S"}],
        it_capacity=cap,
        assessments=[{"municipality": f"000{m}", "capability": c, "round": 2023, "method": "self_assessment",
                      "maturity": v} for m, c, v in assessed],
    )


def test_signals_by_hand(load_records, store):
    _load(load_records)
    rows = capacity(store)
    assert list(rows.columns) == CAPACITY_COLUMNS
    assert list(rows["municipality_name"]) == ["m3", "m1", "m4", "m2"]
    by = rows.set_index("municipality_name")
    ratios = ["cost_per_inhabitant", "fte_per_1000", "development_share"]
    assert by.loc["m1", ratios].tolist() == [700, 1.0, 0.143]
    assert by.loc["m3", ["cost_vs_median", "region_median_cost_per_inhabitant"]].tolist() == [0.71, 700]
    assert by["region_median_fte_per_1000"].iloc[0] == 1.0
    assert by["underfunded"].to_dict() == {"m3": True, "m1": False, "m4": False, "m2": False}
    assert by["operations_heavy"].to_dict() == {"m3": False, "m1": True, "m4": False, "m2": False}
    assert by["uncovered_names"].to_dict() == {"m3": "", "m1": "", "m4": "", "m2": ""}
    assert by["not_assessed_names"].to_dict() == {"m3": "Cap1, Cap3", "m1": "Cap3", "m4": "Cap2, Cap3",
                                                  "m2": ""}
    assert by["not_assessed_capabilities"].tolist() == [2, 1, 2, 0]
    assert by["signals"].tolist() == [2, 2, 1, 0]
    assert by.loc["m3", "reason"] == (
        "IT cost 500 SEK per inhabitant is 71% of the region's median 700 (below 75%: underfunded); "
        "development is 40% of IT spending; 2 capabilit(ies) not assessed and without a supporting system")
    assert "operations-heavy; shift from drift to utveckling" in by.loc["m1", "reason"]
    assert by.loc["m4", "reason"].startswith("no IT capacity figures for 2023")
    assert by.loc["m3", "reason_sv"] == (
        "IT-kostnaden 500 kr per invånare är 71% av regionens median 700 (under 75%: underfinansierad); "
        "utveckling är 40% av IT-kostnaderna; 2 förmåg(or) utan bedömning och utan stödjande system")
    assert "driftstung; flytta resurser från drift till utveckling" in by.loc["m1", "reason_sv"]
    assert by.loc["m4", "reason_sv"].startswith("inga siffror om IT-kapacitet för 2023")


def test_year_and_thresholds(load_records, store):
    _load(load_records)
    rows = capacity(store, year=2022).set_index("municipality_name")
    ratios = ["cost_per_inhabitant", "cost_vs_median", "development_share"]
    assert rows.loc["m4", ratios].tolist() == [500, 1.0, 0.25]
    assert bool(rows.loc["m4", "operations_heavy"]) is True
    assert capacity(store, underfunded_share=0.5)["underfunded"].sum() == 0
    strict = capacity(store, covered_maturity=4).set_index("municipality_name")
    assert strict.loc["m2", "uncovered_names"] == "Cap1, Cap2, Cap3"  # assessed at 2, below 4
    assert strict.loc["m1", ["uncovered_names", "not_assessed_names"]].tolist() == ["Cap1", "Cap3"]


def test_empty_graph(store):
    rows = capacity(store)
    assert rows.empty and list(rows.columns) == CAPACITY_COLUMNS


def test_demo_contrast(demo_store):
    rows = capacity(demo_store)
    assert rows["underfunded"].any() and not rows["underfunded"].all()
    assert rows["cost_per_inhabitant"].max() > rows["cost_per_inhabitant"].min()
