"""Legacy: hand-worked fixture, today 2025-01-15 and a 12-month horizon (ends 2026-01-15).

OLD: support ended 2024-06-30 and marked eliminate; supports Cap1 (key) and Cap2.
SOON: support ends 2025-12-31 (inside the horizon); supports Cap2.
MIG: marked migrate, no end date, supports nothing.
LATER: support ends 2026-01-15, exactly at the horizon (not legacy); OK: nothing to report.
m1 uses OLD, SOON; m2 uses OLD, LATER; m3 uses OK; m4 uses MIG, SOON.
"""

from __future__ import annotations

from datetime import date

from analysis_checks import assert_levels_on_an_empty_graph

from kb.analysis.common import add_months
from kb.analysis.legacy import DETAIL_COLUMNS, MUNICIPALITY_COLUMNS, SYSTEM_COLUMNS, legacy

TODAY = "2025-01-15"


def _fixture(load_records) -> None:
    load_records(
        municipalities=[{"code": f"000{i}", "name": f"m{i}"} for i in (1, 2, 3, 4)],
        capability_areas=[{"id": "ar", "name_sv": "Område", "name_en": "Area"}],
        capabilities=[{"id": "c1", "area": "ar", "name_sv": "F1", "name_en": "Cap1", "key_capability": True},
                      {"id": "c2", "area": "ar", "name_sv": "F2", "name_en": "Cap2"}],
        suppliers=[{"id": "S1", "name": "Alfa"}],
        systems=[{"id": "OLD", "name": "Old", "supplier": "S1", "end_of_support": "2024-06-30",
                  "lifecycle": "eliminate"},
                 {"id": "SOON", "name": "Soon", "end_of_support": "2025-12-31", "lifecycle": "tolerate"},
                 {"id": "MIG", "name": "Mig", "lifecycle": "migrate"},
                 {"id": "LATER", "name": "Later", "end_of_support": "2026-01-15", "lifecycle": "invest"},
                 {"id": "OK", "name": "Ok", "lifecycle": "tolerate"}],
        system_capabilities=[{"system": s, "capability": c}
                             for s, c in (("OLD", "c1"), ("OLD", "c2"), ("SOON", "c2"), ("LATER", "c1"))],
        system_usage=[{"municipality": m, "system": s} for m, s in (
            ("0001", "OLD"), ("0001", "SOON"), ("0002", "OLD"), ("0002", "LATER"), ("0003", "OK"),
            ("0004", "MIG"), ("0004", "SOON"))],
    )


def test_add_months_clamps_the_day():
    # one add_months for the legacy horizon and the contract window (dates, not ISO text)
    assert add_months(date(2024, 1, 31), 1) == date(2024, 2, 29)
    assert add_months(date(2024, 11, 30), 3) == date(2025, 2, 28)
    assert add_months(date(2025, 1, 15), 12) == date(2026, 1, 15)


def test_region_roll_up_per_system(load_records, store):
    _fixture(load_records)
    rows = legacy(store, today=TODAY)
    assert list(rows.columns) == SYSTEM_COLUMNS
    assert list(rows["system"]) == ["OLD", "SOON", "MIG"]
    assert list(rows["status"]) == ["past end of support", "end of support within horizon", "marked migrate"]
    old = rows.iloc[0]
    assert (old["municipalities"], old["municipality_names"], old["capabilities"]) == (2, "m1, m2", 2)
    named = ["capability_names", "key_capabilities", "supplier_name"]
    assert old[named].tolist() == ["Cap1, Cap2", "Cap1", "Alfa"]
    assert old["reason"].startswith("support ended 2024-06-30; marked eliminate (TIME lifecycle); used by 2")
    assert old["reason_sv"] == ("supporten upphörde 2024-06-30; markerat eliminate (TIME-livscykel); "
                                "används av 2 kommun(er); nyckelförmågor som vilar på det: Cap1")
    assert rows.iloc[2]["municipality_names"] == "m4"


def test_per_municipality_and_detail(load_records, store):
    _fixture(load_records)
    rows = legacy(store, today=TODAY, level="municipality")
    assert list(rows.columns) == MUNICIPALITY_COLUMNS
    assert list(rows["municipality_name"]) == ["m1", "m2", "m4", "m3"]
    assert rows[["legacy_systems", "past_end_of_support", "capabilities"]].values.tolist() == [
        [2, 1, 2], [1, 1, 2], [2, 0, 1], [0, 0, 0]]
    assert rows.iloc[0]["key_capabilities"] == "Cap1"
    assert rows.iloc[3]["reason"] == "uses no legacy system"
    assert rows.iloc[3]["reason_sv"] == "använder inget system i det digitala arvet"
    detail = legacy(store, today=TODAY, level="detail")
    assert list(detail.columns) == DETAIL_COLUMNS
    assert list(zip(detail["municipality"], detail["system"], strict=True)) == [
        ("0001", "OLD"), ("0001", "SOON"), ("0002", "OLD"), ("0004", "SOON"), ("0004", "MIG")]


def test_horizon_and_lifecycles_are_parameters(load_records, store):
    _fixture(load_records)
    assert list(legacy(store, today=TODAY, horizon_months=0)["system"]) == ["OLD", "MIG"]
    assert list(legacy(store, today=TODAY, horizon_months=0, lifecycles="eliminate")["system"]) == ["OLD"]
    assert list(legacy(store, today="2026-02-01")["system"]) == ["OLD", "SOON", "LATER", "MIG"]


def test_empty_graph(store):
    columns = {"system": SYSTEM_COLUMNS, "municipality": MUNICIPALITY_COLUMNS, "detail": DETAIL_COLUMNS}
    assert_levels_on_an_empty_graph(legacy, store, columns)


def test_demo_contrast(demo_store):
    systems = legacy(demo_store, today="2025-06-01")
    assert "past end of support" in set(systems["status"])
    per = legacy(demo_store, today="2025-06-01", level="municipality")
    assert per["legacy_systems"].max() > per["legacy_systems"].min()
