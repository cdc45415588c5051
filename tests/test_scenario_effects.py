"""Scenario effects on the small region of tests/scenario_fixture.py, expectations worked out
there by hand: each path's effective maturity, weak cells and gaps before and after, the
contract window, legacy to retire, capacity freed, each kind of risk, the comparison."""

from __future__ import annotations

import pytest
from conftest import LoadRecords
from scenario_fixture import CODES, TODAY, records

from kb.scenario import Arrangement, Scenario, compare, differences, effects
from kb.store import GraphStore

A, B, C, D = (CODES[x] for x in "ABCD")


@pytest.fixture
def region(store: GraphStore, load_records: LoadRecords) -> GraphStore:
    load_records(**records())
    return store


def _after(result, municipality: str, capability: str) -> float:
    cells = result.map
    cell = cells[(cells["municipality"] == municipality) & (cells["capability"] == capability)]
    return float(cell["after"].iloc[0])


def test_each_path_gives_its_effective_maturity(region):
    s1 = effects(region, "s1", today=TODAY)
    # asymmetrisk a1: lead B 4 - 0.5 = 3.5 for C (own 1) and D (own 2); A is not in it; B keeps 4
    assert (_after(s1, C, "sec"), _after(s1, D, "sec"), _after(s1, A, "sec"), _after(s1, B, "sec")) == \
        (3.5, 3.5, 3.0, 4.0)
    # sammanlaggning a2: best B 3 - 0.5 = 2.5, never below own: A, C, D 2.5, B 3
    assert [_after(s1, m, "backup") for m in (A, B, C, D)] == [2.5, 3.0, 2.5, 2.5]
    # omfordelning a3: the region at 4 for A, B, C; D is not assessed and gets no cell
    assert [_after(s1, m, "trends") for m in (A, B, C)] == [4.0, 4.0, 4.0]
    assert not ((s1.map["municipality"] == D) & (s1.map["capability"] == "trends")).any()
    # samverkan a4: best A 3; C and D close half of 3 - 2
    assert [_after(s1, m, "arch") for m in (A, C, D)] == [3.0, 2.5, 2.5]


def test_weak_cells_gaps_and_key_capabilities_before_and_after(region):
    s1, s2 = effects(region, "s1", today=TODAY), effects(region, "s2", today=TODAY)
    assert int(s1.map["weak_before"].sum()) == 10 and float(s1.map["gap_before"].sum()) == 17
    assert (s1.figures["weak_cells"], s1.figures["total_gap"]) == (0, 4.0)
    assert (s1.figures["regionally_weak"], s1.figures["key_without_strong"]) == (0, 0)
    # s2: C gets the better of b1 (2.5) and b2 (1.5)
    assert _after(s2, C, "sec") == 2.5
    assert (s2.figures["weak_cells"], s2.figures["total_gap"]) == (9, 15.5)
    assert (s2.figures["regionally_weak"], s2.figures["key_without_strong"]) == (3, 1)
    caps = s2.capabilities.set_index("capability")
    assert caps.at["sec", "weak_before"] == 2 and caps.at["sec", "weak_after"] == 1


def test_arrangements_not_started_by_the_year_do_not_count(region):
    # a2 (backup) starts 2027: in 2026 the backup cells stay as they are
    in_2026 = effects(region, "s1", today=TODAY, year=2026)
    assert [_after(in_2026, m, "backup") for m in (A, B, C, D)] == [2.0, 3.0, 1.0, 2.0]
    assert in_2026.figures["weak_cells"] == 3  # backup in A, C, D


def test_contract_window_consolidation_and_concentration(region):
    backup = effects(region, "s1", today=TODAY).contracts.set_index("capability").loc["backup"]
    assert (backup["consolidate_on"], backup["consolidate_users"]) == ("Veeam Backup", 3)
    assert (backup["first_end"], backup["last_end"]) == ("2026-03-31", "2027-01-31")
    assert backup["span_months"] == 10
    assert bool(backup["aligned"]) and backup["joint_start"] == "2027-02-01"
    assert backup["annual_cost_sek"] == 430_000
    # suppliers of backup by municipality: Veeam A B D, Commvault C, Oldco (W3D3) A:
    # before (3/5)^2 + (1/5)^2 + (1/5)^2 = 0.44; after, all four on Veeam: 1.0
    assert (backup["hhi_before"], backup["hhi_after"]) == (0.44, 1.0)


def test_legacy_that_can_be_retired_and_capacity_freed(region):
    s1 = effects(region, "s1", today=TODAY)
    # C and D get sec from B (a1) and can drop OldSec; B leads and keeps it; A gets backup
    # and arch (a2, a4) and can drop W3D3
    retired = sorted(zip(s1.legacy["municipality"], s1.legacy["system"], strict=True))
    assert retired == sorted([(C, "oldsec"), (A, "w3d3"), (D, "oldsec")])
    # 25 % of ops / 4 capabilities: a1 (45 + 3 + 8) / 16 = 3.5; a2, a3 96 / 16 = 6; a4 51 / 16
    freed = dict(zip(s1.capacity["arrangement"], s1.capacity["fte_freed"], strict=True))
    assert freed == {"a1": 3.5, "a2": 6.0, "a3": 6.0, "a4": 3.19}
    assert s1.figures["sek_freed"] == 18_687_500
    # development 27.5 of 123.5 FTE; with 18.6875 moved: 46.1875 / 123.5
    assert s1.figures["development_share"] == 0.374
    # s2: Dals-Ed pools sec in b1 and b2, counted once: b1 (40 + 3) / 16, b2 Åmål only 8 / 16
    assert effects(region, "s2", today=TODAY).figures["fte_freed"] == 3.19
    # W3D3 also supports arch, which Uddevalla would keep: nothing to retire
    only_backup = Scenario("y", "y", (Arrangement("y1", "samverkan", ("backup",), (A, B)),))
    assert effects(region, only_backup, today=TODAY).legacy.empty


def _kinds(result) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for kind, reason in zip(result.risks["kind"], result.risks["reason"], strict=True):
        out.setdefault(kind, []).append(reason)
    return out


def test_every_kind_of_risk_and_conflict_is_reported(region):
    s1, s2 = _kinds(effects(region, "s1", today=TODAY)), _kinds(effects(region, "s2", today=TODAY))
    assert s1["dependence"] == ["2 municipalities would depend on Trollhättan for key capabilities Security"]
    # arch depends on sec: failing Trollhättan takes both down
    assert s1["failing_lead"] == ["if Trollhättan fails, 2 municipalities lose Security, and 2 capabilities "
                                  "in all with those that depend on them"]
    assert sorted(s1["chain"]) == [
        "in Dals-Ed, Architecture (a4) depends on Security, which Trollhättan delivers (a1)",
        "in Åmål, Architecture (a4) depends on Security, which Trollhättan delivers (a1)"]
    assert s1["overlap"] == ["Dals-Ed, Åmål already get Backup through Dalslands IT (a2 overlaps it)"]
    assert s1["unassessed"] == ["Åmål not assessed in Trends: its effect there is unknown"]
    assert s2["double"] == ["Dals-Ed gets Security from 2 arrangements (b1, b2); the better one counts"]
    assert s2["weak_lead"] == ["the lead Uddevalla is not strong in Security (maturity 3, strong from 4)"]
    assert "weak_lead" not in s1 and "double" not in s1


def test_many_on_one_lead_is_serious(region):
    one_lead = Scenario("x", "x", (Arrangement("x1", "asymmetrisk", ("sec",), (A, B, C, D), lead=B),))
    assert effects(region, one_lead, today=TODAY).risks.set_index("kind").at["dependence", "serious"] == False  # noqa: E712
    serious = effects(region, one_lead, today=TODAY, max_dependents=3).risks.set_index("kind")
    assert bool(serious.at["dependence", "serious"])


def test_comparison_side_by_side_with_the_differences_in_words(region):
    frame = compare(region, ["s1", "s2"], today=TODAY).set_index("figure")
    assert frame.loc["weak_cells", ["today", "s1", "s2"]].tolist() == [10, 0, 9]
    assert frame.loc["total_gap", ["today", "s1", "s2"]].tolist() == [17, 4, 15.5]
    assert frame.at["weak_cells", "better"] == "s1"
    assert frame.at["conflicts", "better"] == "today"  # both scenarios have 2 serious risks
    words = differences(frame.reset_index())
    assert words[0][0].startswith("s1 against today: weak cells 10 → 0; total gap to target 17 → 4;")
    assert words[1][1].startswith("s2 mot i dag: svaga celler 10 → 9; sammanlagt glapp till målen 17 → 15.5;")
    assert ("Best on weak cells: s1 (s1 0, s2 9).", "Bäst på svaga celler: s1 (s1 0, s2 9).") in words
