"""Which assessment counts, and the edge cases one rule settles, worked out by hand on both engines.

Three municipalities, one capability c1 (target 4 everywhere):

    m1: 2021 self 2; 2024 self 4, external 3    -> counts: 2024 external review, 3
    m2: 2021 self 1; 2024 self 2                -> counts: 2024 self-assessment, 2
    m3: 2021 self 1 (not in the 2024 round)     -> counts: its latest, 2021 self-assessment, 1

Weak (maturity <= 2): m2 and m3, assessed 3 (m3 is not dropped for missing the 2024 round),
weak share 2/3 = 0.667. The explorer's colour for c1: mean of 3, 2, 1 = 2 (not the mean of every
2024 assessment, (4 + 3 + 2) / 3 = 3).
"""

from __future__ import annotations

import pandas as pd
import pytest

from kb.analysis.common import (
    all_assessments,
    current_assessments,
    current_by_capability,
    pick_current,
    snapshot,
)
from kb.analysis.overview import capability_maturity
from kb.analysis.partners import partners
from kb.analysis.profile import profile
from kb.analysis.weak import weak, weak_municipalities
from kb.graphview import maturity_of, neighbourhood
from kb.queries import queries_dir

ROWS = [("1", 2021, "self_assessment", 2), ("1", 2024, "self_assessment", 4),
        ("1", 2024, "external_review", 3), ("2", 2021, "self_assessment", 1),
        ("2", 2024, "self_assessment", 2), ("3", 2021, "self_assessment", 1)]


@pytest.fixture
def three(load_records):
    load_records(
        municipalities=[{"code": f"000{i}", "name": f"m{i}"} for i in (1, 2, 3)],
        capability_areas=[{"id": "ar", "name_sv": "Område", "name_en": "Area"}],
        capabilities=[{"id": "c1", "area": "ar", "name_sv": "F1", "name_en": "Cap1"}],
        assessments=[{"municipality": f"000{m}", "capability": "c1", "round": r, "method": method,
                      "maturity": v, "target": 4} for m, r, method, v in ROWS])


def test_each_municipality_counts_with_its_latest_assessment(store, three):
    rows = current_assessments(store)
    assert rows[["municipality", "round", "method", "maturity", "gap"]].values.tolist() == [
        ["0001", 2024, "external_review", 3, 1], ["0002", 2024, "self_assessment", 2, 2],
        ["0003", 2021, "self_assessment", 1, 3]]
    assert current_assessments(store, method="self_assessment")["maturity"].tolist() == [4, 2, 1]
    assert current_assessments(store, round=2024)["municipality"].tolist() == ["0001", "0002"]
    with pytest.raises(ValueError, match="method must be one of preferred"):
        current_assessments(store, method="guess")


def test_an_assessment_without_target_or_source_keeps_none_and_its_place(store, load_records):
    """The engine packs each municipality's assessments as parallel lists, where a missing
    target or source has a stand-in: they come back as None, each value beside its own
    capability (c2 has neither, c1 and c3 have both; c3 sorts after c2)."""
    load_records(
        municipalities=[{"code": "0001", "name": "m1"}, {"code": "0002", "name": "m2"}],
        capability_areas=[{"id": "ar", "name_sv": "Område", "name_en": "Area"}],
        capabilities=[{"id": c, "area": "ar", "name_sv": c, "name_en": c} for c in ("c1", "c2", "c3")],
        assessments=[
            {"municipality": "0001", "capability": "c3", "round": 2024, "method": "self_assessment",
             "maturity": 1, "target": 5, "source": "enkät"},
            {"municipality": "0001", "capability": "c2", "round": 2024, "method": "self_assessment",
             "maturity": 2},
            {"municipality": "0002", "capability": "c1", "round": 2023, "method": "external_review",
             "maturity": 4, "target": 4, "source": "granskning"}])
    rows = current_assessments(store)
    assert rows[["municipality", "capability", "round", "method", "maturity", "target", "source",
                 "gap"]].values.tolist() == [
        ["0001", "c2", 2024, "self_assessment", 2, None, None, 0],
        ["0001", "c3", 2024, "self_assessment", 1, 5, "enkät", 4],
        ["0002", "c1", 2023, "external_review", 4, 4, "granskning", 0]]


def test_weak_counts_a_municipality_missing_from_the_latest_round(store, three):
    row = weak(store).iloc[0]
    assert (row["assessed"], row["weak"], row["weak_share"]) == (3, 2, 0.667)
    assert row["weak_municipalities"] == "m2, m3"


def test_the_explorer_colours_by_the_same_rule(store, three):
    view = neighbourhood(store, "Capability", "c1", depth=1)
    node = next(n for n, d in view.graph.nodes(data=True) if d["key"] == "c1")
    assert maturity_of(view, node) == 2


def test_pick_current_prefers_the_later_round_then_the_external_review():
    rows = pd.DataFrame([["a", "c", 2021, "external_review", 5], ["a", "c", 2024, "self_assessment", 2],
                         ["b", "c", 2024, "self_assessment", 4], ["b", "c", 2024, "external_review", 3]],
                        columns=["municipality", "capability", "round", "method", "maturity"])
    assert pick_current(rows)["maturity"].tolist() == [2, 3]


@pytest.mark.parametrize("call", [
    lambda s: weak_municipalities(s, municipality="9999"),
    lambda s: partners(s, municipality="9999"),
    lambda s: profile(s, municipality="9999"),
], ids=["weak-municipalities", "partners", "profile"])
def test_an_unknown_municipality_is_the_same_clear_error_everywhere(store, three, call):
    with pytest.raises(ValueError, match=r"No municipality '9999' in the graph; known: 0001 m1, 0002 m2, "
                                         r"0003 m3"):
        call(store)


def test_a_municipality_by_name_is_found(store, three):
    assert weak_municipalities(store, municipality="M3")["municipality"].tolist() == ["0003"]


def test_the_snapshot_is_read_again_after_a_load(store, three, load_records):
    first = snapshot(store)
    assert snapshot(store) is first  # same version token: the same snapshot
    load_records(municipalities=[{"code": "0001", "name": "m1"}],
                 capability_areas=[{"id": "ar", "name_sv": "Område", "name_en": "Area"}],
                 capabilities=[{"id": "c1", "area": "ar", "name_sv": "F1", "name_en": "Cap1"}],
                 assessments=[{"municipality": "0001", "capability": "c1", "round": 2025,
                               "method": "self_assessment", "maturity": 5}])
    assert snapshot(store) is not first
    assert current_assessments(store)[["municipality", "maturity"]].values.tolist() == [["0001", 5]]


def test_the_snapshot_keeps_each_result_per_parameters(store, three, monkeypatch):
    """A second call with the same parameters asks the engine nothing (the version token
    aside); other parameters are read anew; callers get copies they may change."""
    read, queries = store.read, []

    def counted(cypher, *args, **kwargs):
        if "KnowledgeBase" not in cypher:  # Neo4j's version token is a read too
            queries.append(cypher)
        return read(cypher, *args, **kwargs)

    monkeypatch.setattr(store, "read", counted)
    first = current_assessments(store)
    first["maturity"] = 0
    facts = dict(threshold=2, min_gap=2, strong_maturity=4)
    current_by_capability(store, **facts)
    asked = len(queries)
    assert current_assessments(store)["maturity"].tolist() != [0] * len(first)
    current_by_capability(store, **facts)
    assert len(queries) == asked
    current_assessments(store, method="self_assessment")
    current_by_capability(store, **dict(facts, threshold=1))
    assert len(queries) == asked + 2


def test_capability_maturity_weakest_and_strongest_first(store, load_records):
    # c1: 3, 2, 1 -> mean 2.0 (the rule above); c2: m1 5, m2 4 -> 4.5; c3: m1 2 -> 2.0.
    rows = [{"municipality": f"000{m}", "capability": c, "round": 2024, "method": "self_assessment",
             "maturity": v} for m, c, v in (("1", "c1", 3), ("2", "c1", 2), ("3", "c1", 1),
                                           ("1", "c2", 5), ("2", "c2", 4), ("1", "c3", 2))]
    load_records(
        municipalities=[{"code": f"000{i}", "name": f"m{i}"} for i in (1, 2, 3)],
        capability_areas=[{"id": "ar", "name_sv": "Område", "name_en": "Area"}],
        capabilities=[{"id": c, "area": "ar", "name_sv": c, "name_en": c} for c in ("c1", "c2", "c3")],
        assessments=rows)
    weakest = capability_maturity(store)
    assert weakest[["capability", "mean_maturity", "municipalities"]].values.tolist() == [
        ["c1", 2.0, 3], ["c3", 2.0, 1], ["c2", 4.5, 2]]
    assert capability_maturity(store, strongest=True, top=2)["capability"].tolist() == ["c2", "c1"]


# The rule in both places, on a fixture that mixes rounds and methods (target 4 everywhere):
#   c1 as in ``three``: 0001 external 3 (2024), 0002 self 2 (2024), 0003 self 1 (2021).
#   c2: 0001 2021 external 5, 2024 self 2      -> 2024 self 2 (the later round beats the review)
#       0002 2024 external 3, 2024 self 4      -> external 3 (the review loaded first here)
#       0003 2021 self 1, 2022 self 5, 2022 external 4 -> 2022 external 4
#   c3: all three 2024 self 5, populations 100, 300, 300 -> lead 0002 (larger, then lower code)
MIXED = [("1", "c2", 2021, "external_review", 5), ("1", "c2", 2024, "self_assessment", 2),
         ("2", "c2", 2024, "external_review", 3), ("2", "c2", 2024, "self_assessment", 4),
         ("3", "c2", 2021, "self_assessment", 1), ("3", "c2", 2022, "self_assessment", 5),
         ("3", "c2", 2022, "external_review", 4),
         *[(m, "c3", 2024, "self_assessment", 5) for m in ("1", "2", "3")]]
EXPECTED = {  # method -> (municipality, capability, round, method, maturity), by municipality, capability
    "preferred": [
        ("0001", "c1", 2024, "external_review", 3), ("0001", "c2", 2024, "self_assessment", 2),
        ("0001", "c3", 2024, "self_assessment", 5), ("0002", "c1", 2024, "self_assessment", 2),
        ("0002", "c2", 2024, "external_review", 3), ("0002", "c3", 2024, "self_assessment", 5),
        ("0003", "c1", 2021, "self_assessment", 1), ("0003", "c2", 2022, "external_review", 4),
        ("0003", "c3", 2024, "self_assessment", 5)],
    "self_assessment": [
        ("0001", "c1", 2024, "self_assessment", 4), ("0001", "c2", 2024, "self_assessment", 2),
        ("0001", "c3", 2024, "self_assessment", 5), ("0002", "c1", 2024, "self_assessment", 2),
        ("0002", "c2", 2024, "self_assessment", 4), ("0002", "c3", 2024, "self_assessment", 5),
        ("0003", "c1", 2021, "self_assessment", 1), ("0003", "c2", 2022, "self_assessment", 5),
        ("0003", "c3", 2024, "self_assessment", 5)],
    "external_review": [
        ("0001", "c1", 2024, "external_review", 3), ("0001", "c2", 2021, "external_review", 5),
        ("0002", "c2", 2024, "external_review", 3), ("0003", "c2", 2022, "external_review", 4)],
}
KEYS = ["municipality", "capability", "round", "method", "maturity"]


@pytest.fixture
def mixed(load_records):
    load_records(
        municipalities=[{"code": f"000{i}", "name": f"m{i}", "population": p}
                        for i, p in ((1, 100), (2, 300), (3, 300))],
        capability_areas=[{"id": "ar", "name_sv": "Område", "name_en": "Area"}],
        capabilities=[{"id": c, "area": "ar", "name_sv": c, "name_en": c} for c in ("c1", "c2", "c3")],
        assessments=[{"municipality": f"000{m}", "capability": c, "round": r, "method": method,
                      "maturity": v, "target": 4}
                     for m, c, r, method, v in [(m, "c1", r, k, v) for m, r, k, v in ROWS] + MIXED])


@pytest.mark.parametrize("method", list(EXPECTED))
def test_the_engine_and_pick_current_choose_the_same_assessments(store, mixed, method):
    by_engine = current_assessments(store, method=method)[KEYS]
    every = all_assessments(store)
    by_pandas = pick_current(every if method == "preferred" else every[every["method"] == method])[KEYS]
    assert list(by_engine.itertuples(index=False, name=None)) == EXPECTED[method]
    assert list(by_pandas.itertuples(index=False, name=None)) == EXPECTED[method]


def test_the_engine_counts_per_capability_by_the_same_rule(store, mixed):
    facts = current_by_capability(store, threshold=2, min_gap=2, strong_maturity=4).set_index("capability")
    # c1: 3, 2, 1 (gaps 1, 2, 3); c2: 2, 3, 4 (gaps 2, 1, 0); c3: 5, 5, 5.
    assert facts[["assessed", "mean_maturity", "gap_sum", "strong", "lead"]].to_dict("index") == {
        "c1": {"assessed": 3, "mean_maturity": 2.0, "gap_sum": 6, "strong": 0, "lead": None},
        "c2": {"assessed": 3, "mean_maturity": 3.0, "gap_sum": 3, "strong": 1, "lead": "0003"},
        "c3": {"assessed": 3, "mean_maturity": 5.0, "gap_sum": 0, "strong": 3, "lead": "0002"}}
    assert facts["weak_codes"].to_dict() == {"c1": ["0002", "0003"], "c2": ["0001"], "c3": []}
    assert facts.loc["c2", "lead_maturity"] == 4
    in_2024 = current_by_capability(store, threshold=2, min_gap=2, strong_maturity=4, round=2024,
                                    method="self_assessment").set_index("capability")
    # 2024 self-assessments only: c1 4, 2 (0003 has none); c2 2, 4 (0003 none in 2024).
    assert in_2024[["assessed", "mean_maturity", "lead"]].loc[["c1", "c2"]].to_dict("index") == {
        "c1": {"assessed": 2, "mean_maturity": 3.0, "lead": "0001"},
        "c2": {"assessed": 2, "mean_maturity": 3.0, "lead": "0002"}}


def _blocks(mark: str) -> dict[str, str]:
    """Each query file's block between ``// mark:`` and ``// mark (end)``, by file stem."""
    blocks = {}
    for path in sorted(queries_dir().rglob("*.cypher")):
        text = path.read_text(encoding="utf-8")
        if f"// {mark}:" in text:
            blocks[path.stem] = text[text.index(f"// {mark}:"):text.index(f"// {mark} (end)")]
    return blocks


def test_the_rule_is_one_block_in_every_query_that_applies_it():
    """Cypher has no includes: the queries that pick the current assessment hold the same block."""
    blocks = _blocks("rule")
    assert set(blocks) == {"current_assessments", "current_assessment_lists", "current_by_capability",
                           "uncovered_capabilities"}
    assert len(set(blocks.values())) == 1


def test_rounds_are_paired_by_one_block_in_every_query_that_pairs_them():
    """The pairs of two rounds (like with like) are found by the same block, whether the engine
    returns them or rolls them up per capability or per municipality."""
    blocks = _blocks("pairing")
    assert set(blocks) == {"paired_assessments", "paired_by_capability", "paired_by_municipality"}
    assert len(set(blocks.values())) == 1
