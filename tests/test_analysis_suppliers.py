"""Supplier concentration and contract windows on the fixture (tests/analysis_fixture.py).

Hand-worked: OPS is served by Vendo (S1: A B C D) and Wareco (S4: F): HHI = 0.8^2 + 0.2^2
= 0.68; NET only by Vendo (5), ARC only by Wareco (2): HHI 1. Region: Vendo 5, Wareco 2
municipalities: HHI = (25 + 4) / 49.
"""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest
from analysis_fixture import TODAY, region

from kb.analysis import run_analysis
from kb.analysis.suppliers import (
    SUPPLIER_COLUMNS,
    WINDOW_COLUMNS,
    add_months,
    contract_windows,
    hhi,
    suppliers,
)


def test_hhi_and_months():
    assert hhi(pd.Series([4, 1])) == pytest.approx(0.68)
    assert hhi(pd.Series([3])) == 1.0
    assert add_months(date(2024, 1, 31), 1) == date(2024, 2, 29)
    assert add_months(date(2024, 11, 15), 14) == date(2026, 1, 15)


def test_concentration_per_capability_region_and_dependence(store, load_records):
    load_records(**region())
    rows = suppliers(store)
    assert list(rows.columns) == SUPPLIER_COLUMNS
    assert list(zip(rows["scope"], rows["id"], strict=True)) == [
        ("region", "region"), ("capability", "NET"), ("capability", "ARC"),
        ("capability", "OPS"), ("supplier", "V"), ("supplier", "W")]
    assert list(rows["hhi"][:4]) == pytest.approx([29 / 49, 1.0, 1.0, 0.68], abs=1e-4)
    assert list(rows["concentration"][:4]) == ["high"] * 4
    ops = rows.iloc[3]
    assert (ops["suppliers"], ops["top_supplier_name"], ops["municipalities"]) == (2, "Vendo", 5)
    assert ops["top_share"] == pytest.approx(4 / 6, abs=1e-3)
    assert ops["reason_sv"] == "2 leverantör(er), HHI 0.68 (hög); Vendo levererar till 4 av 6 kommuner"
    assert list(rows["share_of_region"][4:]) == pytest.approx([5 / 6, 2 / 6], abs=1e-3)


def test_contract_windows(store, load_records):
    load_records(**region())
    rows = contract_windows(store, today=TODAY)
    assert list(rows.columns) == WINDOW_COLUMNS
    # S1 ends in Alby and Bstad (Cby after the window, Dköping already ended); Vendo adds
    # NetApp in Estad; Wareco's ArkTool (Estad) and OpsKit (Fby) end in the window too.
    assert list(zip(rows["kind"], rows["id"], rows["municipalities"], strict=True)) == [
        ("supplier", "V", 3), ("supplier", "W", 2), ("system", "S1", 2)]
    s1 = rows.iloc[2]
    assert (s1["first_end"], s1["last_end"], s1["annual_cost_sek"]) == ("2025-03-01", "2025-06-30", 200000)
    assert s1["which"] == "Alby, Bstad" and s1["capabilities"] == "NET en, OPS en"
    assert s1["reason_sv"] == ("avtalen för DriftPlattform löper ut mellan 2025-03-01 och 2025-06-30 i 2 "
                               "kommuner (Alby, Bstad); 200 000 kr per år tillsammans: ett tillfälle till "
                               "gemensam upphandling")
    assert rows.iloc[0]["annual_cost_sek"] == 250000


def test_a_shorter_window(store, load_records):
    load_records(**region())
    rows = contract_windows(store, today=TODAY, window_months=3)  # up to 2025-04-01
    assert list(rows["id"]) == ["W"]


def test_bad_date_and_empty_graph(store):
    with pytest.raises(ValueError, match="YYYY-MM-DD"):
        contract_windows(store, today="1 jan")
    for name, columns in (("suppliers", SUPPLIER_COLUMNS), ("contract-windows", WINDOW_COLUMNS)):
        rows = run_analysis(store, name)
        assert rows.empty and list(rows.columns) == columns
