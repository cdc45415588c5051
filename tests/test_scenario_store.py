"""Saving, editing and deleting scenarios through the library, and making one from the candidates."""

from __future__ import annotations

from dataclasses import replace

import pytest
from analysis_fixture import CODES as SIX
from analysis_fixture import TODAY as SIX_TODAY
from analysis_fixture import region as six_region
from conftest import LoadRecords
from scenario_fixture import CODES, TODAY, records

from kb.dataset import InvalidDataset
from kb.export import export_dataset
from kb.scenario import (
    Arrangement,
    Scenario,
    delete_scenario,
    effects,
    from_candidates,
    get_scenario,
    save_scenario,
    scenario_list,
    scenarios,
)
from kb.store import GraphStore


@pytest.fixture
def region(store: GraphStore, load_records: LoadRecords) -> GraphStore:
    load_records(**records())
    return store


def test_scenarios_read_back_as_written(region):
    assert [s.id for s in scenarios(region)] == ["s1", "s2"]
    a1 = get_scenario(region, "s1").arrangements[0]
    assert a1 == Arrangement("a1", "asymmetrisk", ("sec",), tuple(sorted(CODES[x] for x in "BCD")),
                             lead=CODES["B"], form="avtalssamverkan", start_year=2026)
    listed = scenario_list(region).set_index("id")
    assert listed.loc["s1", ["arrangements", "participants"]].tolist() == [4, 4]


def test_changing_one_arrangement_changes_the_figures_and_keeps_the_rest(region):
    before = export_dataset(region).tables
    s2 = get_scenario(region, "s2")
    # b1 now led by Trollhättan (4) for Uddevalla and Dals-Ed: both get 3.5 in sec
    changed = s2.with_arrangement(replace(s2.arrangements[0], members=(CODES["A"], CODES["B"], CODES["C"]),
                                          lead=CODES["B"]))
    save_scenario(region, changed)
    after = effects(region, "s2", today=TODAY)
    # weak before 10; b1 lifts Dals-Ed sec (1 -> 3.5) and b2 Åmål stays 2: 9 weak as before,
    # but Uddevalla's sec gap 1 -> 0.5 and Dals-Ed's 2 -> 0: total 17 - 0.5 - 2 = 14.5
    assert (after.figures["weak_cells"], after.figures["total_gap"]) == (9, 14.5)
    tables = export_dataset(region).tables
    assert {k: v for k, v in tables.items() if not k.startswith(("arrangement", "scenario"))} == \
        {k: v for k, v in before.items() if not k.startswith(("arrangement", "scenario"))}
    assert get_scenario(region, "s1") == scenarios(region)[0]


def test_a_bad_edit_is_refused_with_its_place_and_nothing_is_written(region):
    before = export_dataset(region).tables
    s2 = get_scenario(region, "s2")
    bad = s2.with_arrangement(replace(s2.arrangements[1], lead=CODES["B"]))  # not a participant
    with pytest.raises(InvalidDataset) as caught:
        save_scenario(region, bad)
    (problem,) = caught.value.problems
    # the edited scenario's rows come first: b2, its second arrangement, is item 2
    assert (problem.row, problem.column, problem.value) == (2, "lead", CODES["B"])
    assert "scenario 's2'" in problem.file and "the lead is not a participant" in problem.message
    assert export_dataset(region).tables == before


def test_new_and_deleted_scenarios(region):
    new = Scenario("s3", "Ny", (Arrangement("c1", "samverkan", ("arch",), (CODES["C"], CODES["D"])),))
    save_scenario(region, new)
    assert [s.id for s in scenarios(region)] == ["s1", "s2", "s3"]
    delete_scenario(region, "s2")
    assert [s.id for s in scenarios(region)] == ["s1", "s3"]
    assert {a["id"] for a in export_dataset(region).tables["arrangements"]} == {"a1", "a2", "a3", "a4", "c1"}


def test_from_candidates_takes_the_top_with_their_paths_and_leads(store: GraphStore,
                                                                  load_records: LoadRecords):
    # tests/analysis_fixture.py: OPS -> asymmetrisk lead F, NET -> sammanlaggning, SUP -> omfordelning
    load_records(**six_region())
    made = from_candidates(store, "top", 3, start_year=2026, today=SIX_TODAY)
    paths = {a.capabilities[0]: (a.path, a.lead, a.provider_maturity) for a in made.arrangements}
    assert paths["OPS"] == ("asymmetrisk", SIX["F"], None)
    assert paths["SUP"] == ("omfordelning", None, 4)
    assert {a.id for a in made.arrangements} == {"top-1", "top-2", "top-3"}
    ops = next(a for a in made.arrangements if a.capabilities == ("OPS",))
    assert set(ops.members) == {SIX[x] for x in "ABCDEF"}  # the five weak and the lead
    save_scenario(store, made)
    assert get_scenario(store, "top").arrangements == made.arrangements
