"""Partners and partner groups: hand-worked fixtures.

Fixture 1 (weights 0.4 systems, 0.2 suppliers, 0.4 weak):
  systems    m1 {X, Y}   m2 {X, Y, Z}   m3 {Z}   m4 {W}   (X, Y from P; Z from Q; W none)
  suppliers  m1 {P}      m2 {P, Q}      m3 {Q}   m4 {}
  weak       m1 {c1, c3} m2 {c1}        m3 {c2}  m4 {}    (c3 of m1: maturity 3, target 5)
  m1-m2: 0.4*2/3 + 0.2*1/2 + 0.4*1/2 = 0.567; m2-m3: 0.4*1/3 + 0.2*1/2 + 0 = 0.233; others 0.
"""

from __future__ import annotations

from kb.analysis.partners import GROUP_COLUMNS, PARTNER_COLUMNS, partner_groups, partners

AREA = [{"id": "ar", "name_sv": "Område", "name_en": "Area"}]
CAPS = [{"id": c, "area": "ar", "name_sv": c, "name_en": f"Cap{c[1]}"} for c in ("c1", "c2", "c3")]


def _munis(n: int) -> list[dict]:
    return [{"code": f"000{i}", "name": f"m{i}"} for i in range(1, n + 1)]


def _usage(pairs: str) -> list[dict]:
    return [{"municipality": f"000{p[0]}", "system": p[1]} for p in pairs.split()]


def _fixture(load_records) -> None:
    assessed = [("1", "c1", 1, None), ("1", "c2", 4, None), ("1", "c3", 3, 5), ("2", "c1", 2, None),
                ("2", "c2", 4, None), ("2", "c3", 4, None), ("3", "c1", 4, None), ("3", "c2", 1, None)]
    load_records(
        municipalities=_munis(4), capability_areas=AREA, capabilities=CAPS,
        suppliers=[{"id": "P", "name": "Pe"}, {"id": "Q", "name": "Qu"}],
        systems=[{"id": "X", "name": "SysX", "supplier": "P"}, {"id": "Y", "name": "SysY", "supplier": "P"},
                 {"id": "Z", "name": "SysZ", "supplier": "Q"}, {"id": "W", "name": "SysW"}],
        system_usage=_usage("1X 1Y 2X 2Y 2Z 3Z 4W"),
        assessments=[{"municipality": f"000{m}", "capability": c, "round": 2024, "method": "self_assessment",
                      "maturity": mat, "target": t} for m, c, mat, t in assessed],
    )


def test_pair_scores_by_hand(load_records, store):
    _fixture(load_records)
    rows = partners(store)
    assert list(rows.columns) == PARTNER_COLUMNS
    assert rows[["municipality_a", "municipality_b", "score"]].values.tolist() == [
        ["0001", "0002", 0.567], ["0002", "0003", 0.233]]
    top = rows.iloc[0]
    assert top[["systems_jaccard", "suppliers_jaccard", "weak_jaccard"]].tolist() == [0.667, 0.5, 0.5]
    assert top[["shared_systems", "shared_suppliers", "shared_weak"]].tolist() == ["SysX, SysY", "Pe", "Cap1"]
    assert top["reason"] == "systems 2/3 shared, suppliers 1/2 shared, weak capabilities 1/2 shared"
    assert top["reason_sv"] == ("system 2/3 gemensamma, leverantörer 1/2 gemensamma, "
                                "svaga förmågor 1/2 gemensamma")
    assert top["municipality_b_name"] == "m2"


def test_parameters(load_records, store):
    _fixture(load_records)
    mine = partners(store, municipality="0002")
    assert mine[["municipality_a", "municipality_b"]].values.tolist() == [["0002", "0001"], ["0002", "0003"]]
    assert list(partners(store, min_score=0.3)["municipality_b"]) == ["0002"]
    only_systems = partners(store, systems_weight=1, suppliers_weight=0, weak_weight=0)
    assert list(only_systems["score"]) == [0.667, 0.333]


def test_groups_with_a_loner(load_records, store):
    _fixture(load_records)
    groups = partner_groups(store)
    assert list(groups.columns) == GROUP_COLUMNS
    assert groups[["group", "members", "size", "cohesion"]].values.tolist() == [
        [1, "0001, 0002, 0003", 3, 0.267], [2, "0004", 1, 0.0]]
    assert groups.iloc[0]["common_systems"] == "SysX (2/3), SysY (2/3), SysZ (2/3)"
    assert groups.iloc[1]["reason"] == "alike no other municipality enough to join a group"


def test_two_clear_groups_without_assessments(load_records, store):
    # systems only (weight 0.4): m1, m2 {A, B}; m3 {A, B, C}; m4..m6 {C, D}
    # within the first group 0.4, 0.267, 0.267 (mean 0.311); the second 0.4 each; m3-m4..6 0.1
    load_records(municipalities=_munis(6), capability_areas=AREA, capabilities=CAPS,
                 systems=[{"id": s, "name": f"Sys{s}"} for s in "ABCD"],
                 system_usage=_usage("1A 1B 2A 2B 3A 3B 3C 4C 4D 5C 5D 6C 6D"))
    groups = partner_groups(store)
    assert groups[["members", "cohesion"]].values.tolist() == [["0004, 0005, 0006", 0.4],
                                                               ["0001, 0002, 0003", 0.311]]
    assert groups.iloc[0]["reason"] == "3 municipalities bound by systems: SysC (3/3), SysD (3/3)"
    assert groups.iloc[0]["reason_sv"] == "3 kommuner förenade av system: SysC (3/3), SysD (3/3)"
    assert groups.iloc[1]["common_systems"] == "SysA (3/3), SysB (3/3)"
    assert groups.iloc[0]["common_weak"] == ""
    # each one's single closest partner (ties: lower code): m1-m2, m3-m1, m4-m5, m6-m4
    closest = partners(store, per_municipality=1)
    assert closest[["municipality_a", "municipality_b"]].values.tolist() == [
        ["0001", "0002"], ["0004", "0005"], ["0004", "0006"], ["0001", "0003"]]
    assert len(partners(store, per_municipality=None)) == 9


def test_one_municipality_and_empty_graph(load_records, store):
    assert partners(store).empty and list(partners(store).columns) == PARTNER_COLUMNS
    assert partner_groups(store).empty and list(partner_groups(store).columns) == GROUP_COLUMNS
    load_records(municipalities=_munis(1), capability_areas=AREA, capabilities=CAPS)
    assert partners(store).empty
    assert partner_groups(store)["members"].tolist() == ["0001"]


def test_demo_contrast(demo_store):
    pairs = partners(demo_store)
    assert pairs["score"].max() > pairs["score"].min() > 0
    assert len(partner_groups(demo_store)) >= 2
