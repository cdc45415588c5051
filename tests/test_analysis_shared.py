"""The shared analysis on the six-municipality fixture (tests/analysis_fixture.py)."""

from __future__ import annotations

import pytest
from analysis_fixture import region

from kb.analysis import run_analysis
from kb.analysis.shared import SHARED_COLUMNS, shared


def test_shared_capabilities_systems_and_suppliers(store, load_records):
    load_records(**region())
    rows = shared(store)
    assert list(rows.columns) == SHARED_COLUMNS
    found = [(r.kind, r.id, r.municipalities) for r in rows.itertuples()]
    # NET: S1 (A B C D) + S2 (E); OPS: S1 + S4 (F); ARC: S3 (E F); S2 and S4 have one user each.
    assert found == [("capability", "NET", 5), ("capability", "OPS", 5), ("capability", "ARC", 2),
                     ("system", "S1", 4), ("system", "S3", 2),
                     ("supplier", "V", 5), ("supplier", "W", 2)]
    net = rows.iloc[0]
    assert net["share_of_region"] == pytest.approx(5 / 6, abs=1e-3)
    assert net["which"] == "Alby, Bstad, Cby, Dköping, Estad"
    assert net["via"] == "DriftPlattform, NetApp"
    assert net["name"] == "NET sv" and net["name_en"] == "NET en"
    assert "5 of 6 municipalities" in net["reason"]
    assert net["reason_sv"] == ("Används av 5 av 6 kommuner (83% av regionen) genom systemen "
                                "DriftPlattform, NetApp")
    assert rows.iloc[3]["via"] == "Vendo"


def test_min_municipalities_raises_the_bar(store, load_records):
    load_records(**region())
    rows = shared(store, min_municipalities=5)
    assert list(rows["id"]) == ["NET", "OPS", "V"]


def test_one_municipality_shares_nothing(store, load_records):
    load_records(**region("A"))
    assert shared(store).empty


def test_empty_graph_gives_the_documented_columns(store):
    rows = run_analysis(store, "shared")
    assert rows.empty and list(rows.columns) == SHARED_COLUMNS
