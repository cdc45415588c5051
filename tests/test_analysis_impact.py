"""Impact: hand-worked fixture.

Suppliers S1 (provides A) and S2 (provides B, C); D has no supplier.
Integrations A->B, B->C, C->B (a cycle), D->A. Supports A->c1, C->c2, D->c4.
c3 depends on c2, c4 depends on c1; c3 is a key capability.
m1 uses A, m2 uses C, m3 uses D.
"""

from __future__ import annotations

import pytest

from kb.analysis.impact import IMPACT_COLUMNS, RANKING_COLUMNS, impact


def _fixture(load_records) -> None:
    load_records(
        municipalities=[{"code": f"000{i}", "name": f"m{i}"} for i in (1, 2, 3)],
        capability_areas=[{"id": "ar", "name_sv": "Område", "name_en": "Area"}],
        capabilities=[{"id": c, "area": "ar", "name_sv": c, "name_en": c, "key_capability": c == "c3"}
                      for c in ("c1", "c2", "c3", "c4")],
        capability_dependencies=[{"capability": "c3", "depends_on": "c2"},
                                 {"capability": "c4", "depends_on": "c1"}],
        suppliers=[{"id": "S1", "name": "Alfa"}, {"id": "S2", "name": "Beta"}],
        systems=[{"id": "A", "name": "SysA", "supplier": "S1"}, {"id": "B", "name": "SysB", "supplier": "S2"},
                 {"id": "C", "name": "SysC", "supplier": "S2"}, {"id": "D", "name": "SysD"}],
        system_integrations=[{"system": a, "integrates_with": b}
                             for a, b in (("A", "B"), ("B", "C"), ("C", "B"), ("D", "A"))],
        system_capabilities=[{"system": s, "capability": c}
                             for s, c in (("A", "c1"), ("C", "c2"), ("D", "c4"))],
        system_usage=[{"municipality": m, "system": s}
                      for m, s in (("0001", "A"), ("0002", "C"), ("0003", "D"))],
    )


def test_supplier_failure_reaches_everything_downstream(load_records, store):
    _fixture(load_records)
    frame = impact(store, supplier="S1")
    assert list(frame.columns) == IMPACT_COLUMNS
    rows = frame.set_index("id")
    assert rows["depth"].to_dict() == {"A": 1, "B": 2, "c1": 2, "0001": 2, "C": 3, "c4": 3,
                                       "c2": 4, "0002": 4, "c3": 5}
    # B is used by no one; c4 rests on A (m1) because D, which also supports it, is not affected
    assert rows["municipalities"].to_dict() == {"A": 1, "B": 0, "c1": 1, "0001": 1, "C": 1, "c4": 1,
                                                "c2": 1, "0002": 1, "c3": 1}
    assert rows.loc["c3", "municipality_names"] == "m2"
    assert bool(rows.loc["c3", "key_capability"]) is True
    assert rows.loc["c3", "via"] == ("Alfa provides SysA; SysA sends data to SysB; SysB sends data to SysC; "
                                     "SysC supports c2; c3 depends on c2")


def test_system_failure(load_records, store):
    _fixture(load_records)
    rows = impact(store, system="D")
    assert set(rows["id"]) == {"A", "B", "C", "c1", "c2", "c3", "c4", "0001", "0002", "0003"}
    c4 = rows.set_index("id").loc["c4"]
    assert (c4["depth"], c4["municipalities"], c4["municipality_names"]) == (1, 2, "m1, m3")


def test_ranking_without_parameters(load_records, store):
    _fixture(load_records)
    rows = impact(store)
    assert list(rows.columns) == RANKING_COLUMNS
    # D reaches 3 municipalities; S1 and A tie (supplier before system); S2, B, C tie at 1
    assert list(rows["id"]) == ["D", "S1", "A", "S2", "B", "C"]
    counts = ["systems", "capabilities", "key_capabilities", "municipalities"]
    assert rows.iloc[0][counts].tolist() == [4, 4, 1, 3]
    assert rows.iloc[1][counts].tolist() == [3, 4, 1, 2]
    assert "if SysD fails, 4 system(s), 4 capabilities (1 key) and 3 municipality(ies)" in rows.iloc[0].reason
    assert rows.iloc[0].reason_sv == ("om SysD faller bort påverkas 4 system, 4 förmågor (1 nyckelförmåga) "
                                      "och 3 kommuner")


def test_dependency_cycle_is_safe(load_records, store):
    _fixture(load_records)
    store.write("MATCH (a:Capability {id: 'c2'}), (b:Capability {id: 'c3'}) CREATE (a)-[:DEPENDS_ON]->(b)")
    rows = impact(store, supplier="S2").set_index("id")
    assert rows["depth"].to_dict() == {"B": 1, "C": 1, "c2": 2, "0002": 2, "c3": 3}
    assert impact(store).set_index("id").loc["S2", "capabilities"] == 2


def test_empty_graph_and_bad_input(store):
    assert impact(store).empty
    assert list(impact(store).columns) == RANKING_COLUMNS
    with pytest.raises(ValueError, match="No supplier with id 'x'"):
        impact(store, supplier="x")
    with pytest.raises(ValueError, match="not both"):
        impact(store, supplier="x", system="y")


def test_demo_contrast(demo_store):
    ranked = impact(demo_store)
    assert ranked["municipalities"].max() > ranked["municipalities"].min()
    top = ranked.iloc[0]
    assert len(impact(demo_store, supplier=top["id"]) if top["kind"] == "supplier"
               else impact(demo_store, system=top["id"])) > 0
