"""The partners, trends, capacity and realism pages (AppTest): on the demo data, on an empty
database, and on the app's small dataset (tests/ui_dataset.py), with IT capacity figures and
external reviews added where a page needs them; expectations worked out by hand."""

from __future__ import annotations

import pytest
from app_harness import app_demo, app_graph, metric, open_page, point_at
from ui_dataset import RECORDS

from ui.texts import SV

PAGES = {"partners": "partners.title", "trends": "trends.title", "capacity": "capacity.title",
         "realism": "realism.title"}

# 2024 cost per inhabitant: Uddevalla 57.0 M / 57,000 = 1,000; Dals-Ed 2.35 M / 4,700 = 500;
# Åmål 14.4 M / 12,000 = 1,200 (median 1,000). Development share 0.30, 0.10 and 0.25.
CAPACITY = [
    {"municipality": "1485", "year": 2024, "fte_operations": 40, "fte_development": 10,
     "cost_operations_sek": 39_900_000, "cost_development_sek": 17_100_000},
    {"municipality": "1438", "year": 2024, "fte_operations": 3, "fte_development": 0.5,
     "cost_operations_sek": 2_115_000, "cost_development_sek": 235_000},
    {"municipality": "1492", "year": 2024, "fte_operations": 8, "fte_development": 2,
     "cost_operations_sek": 10_800_000, "cost_development_sek": 3_600_000},
]
# Against the 2024 self-assessments: Uddevalla stabil_drift 5 vs 3 (+2), backup 4 vs 4 (0);
# Dals-Ed backup 2 vs 1 (+1); Åmål leverantorer 1 vs 2 (-1).
REVIEWS = [
    {"municipality": m, "capability": c, "round": 2024, "method": "external_review", "maturity": v,
     "target": 4, "source": "synthetic review"}
    for m, c, v in (("1485", "stabil_drift", 3), ("1485", "backup", 4), ("1438", "backup", 1),
                    ("1492", "leverantorer", 2))
]


small = app_graph(**RECORDS)
reviewed = app_graph(**RECORDS | {"it_capacity": CAPACITY, "assessments": RECORDS["assessments"] + REVIEWS})
"""The small dataset with IT capacity figures and four external reviews."""
empty = app_graph()
demo = app_demo()
"""The shipped demo dataset when it exists, else the reviewed small dataset."""


def table_with(at, *keys: str):
    """The first table with a column headed by each text of ``keys``."""
    return next(d.value for d in at.dataframe if {SV[k] for k in keys} <= set(d.value.columns))


@pytest.mark.parametrize("page", PAGES)
def test_page_renders_on_the_demo_data_with_a_table_and_the_query_behind(demo, page):
    at = open_page(page)
    assert not at.exception, [e.value for e in at.exception]
    assert at.title[0].value == SV[PAGES[page]]
    assert at.dataframe and all(len(d.value) > 0 for d in at.dataframe)
    assert any(e.label == SV["provenance.query_behind"] for e in at.expander)


@pytest.mark.parametrize("page", PAGES)
def test_page_renders_on_an_empty_database(empty, page):
    at = open_page(page)
    assert not at.exception, [e.value for e in at.exception]
    assert at.title[0].value == SV[PAGES[page]]
    assert any(i.value == SV["empty.no_data"] for i in at.info)


def test_partners_groups_closest_and_weights(small):
    at = open_page("partners")
    # Dals-Ed and Åmål use the same systems (Procapita, Proceedo) and are weak in all four
    # capabilities; Uddevalla uses Lifecare only and is weak in none.
    # Scores 1.0 (Dals-Ed-Åmål) and 0.1, 0.1: splitting off Uddevalla has modularity
    # 1/1.2 - (2.2/2.4)^2 - (0.2/2.4)^2 = -0.014 < 0, so Louvain keeps one group of three.
    group = table_with(at, "col.member_names").iloc[0]
    assert group[SV["col.member_names"]] == "Dals-Ed, Uddevalla, Åmål"
    assert group[SV["col.cohesion"]] == 0.4  # (1.0 + 0.1 + 0.1) / 3
    assert group[SV["col.common_suppliers"]] == "Tietoevry (3/3), Visma (2/3)"
    at.selectbox(key="partners_municipality").set_value("1438").run()
    closest = table_with(at, "col.municipality_b_name")
    first = closest.iloc[0]
    assert (first[SV["col.municipality_b_name"]], first[SV["col.score"]]) == ("Åmål", 1.0)
    assert first[SV["col.shared_systems"]] == "Procapita, Proceedo"
    assert first[SV["col.shared_suppliers"]] == "Tietoevry, Visma"
    # Uddevalla shares only the supplier Tietoevry with each: 0.2 x 1/2 / (0.4 + 0.2 + 0.4) = 0.1.
    at.selectbox(key="partners_municipality").set_value("1485").run()
    closest = table_with(at, "col.municipality_b_name")
    assert list(closest[SV["col.score"]]) == [0.1, 0.1]
    assert set(closest[SV["col.shared_suppliers"]]) == {"Tietoevry"}
    at.slider(key="partners_systems").set_value(0.0).run()
    at.slider(key="partners_weak").set_value(0.0).run()
    assert list(table_with(at, "col.municipality_b_name")[SV["col.score"]]) == [0.5, 0.5]
    at.slider(key="partners_suppliers").set_value(0.0).run()
    assert any(w.value == SV["partners.no_weight"] for w in at.warning)
    assert not at.exception


def test_trends_per_capability_and_per_municipality(small):
    at = open_page("trends")
    # 2021 -> 2024: Uddevalla +1 in all four; Dals-Ed +1 in leverantorer; Åmål +1 in backup.
    assert metric(at, "trends.improving") == "4" and metric(at, "trends.declining") == "0"
    trend = table_with(at, "col.mean_from").set_index(SV["col.capability"])
    assert trend.loc["Säkerhetskopiering", SV["col.mean_change"]] == 0.67
    assert trend.loc["Stabil driftleverans", SV["col.improved"]] == 1
    assert metric(at, "trends.mean_change") == "+0.50"
    at.checkbox(key="trends_key_only").check().run()
    trend = table_with(at, "col.mean_from")
    assert set(trend[SV["col.capability"]]) == {"Stabil driftleverans", "Leverantörshantering"}
    at.checkbox(key="trends_key_only").uncheck().run()
    at.selectbox(key="trends_municipality").set_value("1438").run()
    detail = table_with(at, "col.direction")
    assert list(detail[SV["col.capability"]]) == ["Leverantörshantering"]
    assert list(detail[SV["col.change"]]) == [1]
    at.multiselect(key="trends_directions").set_value(["unchanged"]).run()
    assert len(table_with(at, "col.direction")) == 3
    towns = table_with(at, "col.municipality_name", "col.improved").set_index(SV["col.municipality_name"])
    assert towns.loc["Uddevalla", SV["col.improved"]] == 4 and towns.loc["Dals-Ed", SV["col.unchanged"]] == 3


def test_trends_needs_two_rounds(store, load_records, monkeypatch):
    load_records(**RECORDS | {"assessments": [a for a in RECORDS["assessments"] if a["round"] == 2024]})
    point_at(monkeypatch, store)
    at = open_page("trends")
    assert any(i.value == SV["trends.one_round"] for i in at.info)


def test_capacity_signals_follow_the_thresholds(reviewed):
    at = open_page("capacity")
    assert metric(at, "capacity.median_cost") == "1,000"
    # Dals-Ed: 500 / 1,000 = 0.5 < 0.75 underfunded; development 0.10 and Åmål's 0.25 < 0.30.
    assert metric(at, "capacity.underfunded") == "1" and metric(at, "capacity.operations_heavy") == "2"
    rows = table_with(at, "col.signals").set_index(SV["col.municipality_name"])
    assert rows.loc["Dals-Ed", SV["col.cost_vs_median"]] == 0.5
    # Dals-Ed: backup (external review 1) and portfolj (1) have no system and no maturity >= 2.
    assert rows.loc["Dals-Ed", SV["col.uncovered_capabilities"]] == 2
    assert rows.loc["Dals-Ed", SV["col.signals"]] == 3 and rows.loc["Uddevalla", SV["col.signals"]] == 0
    at.slider(key="capacity_development").set_value(0.2).run()
    assert metric(at, "capacity.operations_heavy") == "1"
    at.slider(key="capacity_underfunded").set_value(0.4).run()
    assert metric(at, "capacity.underfunded") == "0"
    at.checkbox(key="capacity_flagged_only").check().run()
    assert list(table_with(at, "col.signals")[SV["col.municipality_name"]]) == ["Dals-Ed"]


def test_capacity_without_figures_still_names_uncovered_capabilities(small):
    at = open_page("capacity")
    assert any(i.value == SV["capacity.no_figures"] for i in at.info)
    assert len(table_with(at, "col.signals")) == 3


def test_realism_levels_difference_and_detail(reviewed):
    at = open_page("realism")
    assert metric(at, "realism.compared") == "4"
    assert metric(at, "realism.overestimated") == "2" and metric(at, "realism.underestimated") == "1"
    assert metric(at, "realism.mean_difference") == "+0.50"  # (2 + 0 + 1 - 1) / 4
    towns = table_with(at, "col.municipality_name", "col.mean_difference")
    assert list(towns[SV["col.municipality_name"]]) == ["Dals-Ed", "Uddevalla", "Åmål"]
    assert list(towns[SV["col.mean_difference"]]) == [1.0, 1.0, -1.0]
    at.slider(key="realism_min_difference").set_value(2).run()
    assert metric(at, "realism.overestimated") == "1" and metric(at, "realism.underestimated") == "0"
    at.radio(key="realism_level").set_value("capability").run()
    capabilities = table_with(at, "col.capability", "col.mean_difference")
    assert list(capabilities[SV["col.capability"]]) == ["Stabil driftleverans", "Säkerhetskopiering",
                                                        "Leverantörshantering"]
    at.selectbox(key="realism_municipality").set_value("1485").run()
    detail = table_with(at, "col.self_maturity")
    assert dict(zip(detail[SV["col.capability"]], detail[SV["col.status"]], strict=True)) == \
        {"Stabil driftleverans": "överskattad", "Säkerhetskopiering": "överens"}
    # the explanation is the Swedish twin (reason_sv), shown once under the reason header
    reasons = dict(zip(detail[SV["col.capability"]], detail[SV["col.reason"]], strict=True))
    assert reasons["Stabil driftleverans"] == "självskattning 5, extern granskning 3: överskattning med 2"
    assert list(detail.columns).count(SV["col.reason"]) == 1


def test_realism_without_external_reviews_says_so(small):
    at = open_page("realism")
    assert any(i.value == SV["realism.none"] for i in at.info)
    assert not at.exception
