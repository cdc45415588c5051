"""The graph explorer's views on small graphs worked out by hand."""

from __future__ import annotations

import json

import networkx as nx
import pytest

from kb.graphview import AGGREGATE, neighbourhood, to_html, view_of_graph

AREAS = [{"id": "ar", "name_sv": "Arkitektur", "name_en": "Architecture"}]
CAPABILITIES = [
    {"id": "c1", "area": "ar", "name_sv": "Förmåga 1", "name_en": "Capability 1"},
    {"id": "c2", "area": "ar", "name_sv": "Förmåga 2", "name_en": "Capability 2"},
]
MUNICIPALITIES = [{"code": "1001", "name": "Aby"}, {"code": "1002", "name": "Bby"}]


@pytest.fixture
def small(load_records):
    """A uses X and assesses c1; B uses Y and assesses c2; S provides X and Y; c1 needs c2."""
    load_records(
        municipalities=MUNICIPALITIES, capability_areas=AREAS, capabilities=CAPABILITIES,
        capability_dependencies=[{"capability": "c1", "depends_on": "c2"}],
        suppliers=[{"id": "s", "name": "S AB"}],
        systems=[{"id": "x", "name": "X", "supplier": "s"}, {"id": "y", "name": "Y", "supplier": "s"}],
        system_usage=[{"municipality": "1001", "system": "x"}, {"municipality": "1002", "system": "y"}],
        assessments=[
            {"municipality": "1001", "capability": "c1", "round": 2024, "method": "self_assessment",
             "maturity": 2, "target": 4},
            {"municipality": "1002", "capability": "c2", "round": 2024, "method": "self_assessment",
             "maturity": 4},
        ],
    )


def keys(view):
    return {data["key"] for _, data in view.graph.nodes(data=True)}


def test_depth_one_is_exactly_the_neighbours(store, small):
    view = neighbourhood(store, "Municipality", "1001", depth=1)
    assert keys(view) == {"1001", "c1", "x"}
    assert {d["type"] for _, _, d in view.graph.edges(data=True)} == {"ASSESSED", "USES"}
    assert view.hidden == {}


def test_depth_two_reaches_area_dependency_and_supplier(store, small):
    view = neighbourhood(store, "Municipality", "1001", depth=2)
    assert keys(view) == {"1001", "c1", "x", "ar", "c2", "s"}
    depths = {d["key"]: d["depth"] for _, d in view.graph.nodes(data=True)}
    assert depths == {"1001": 0, "c1": 1, "x": 1, "ar": 2, "c2": 2, "s": 2}


def test_type_filter_walks_only_through_allowed_labels(store, small):
    view = neighbourhood(store, "Municipality", "1001", depth=3, labels=["Capability"])
    assert keys(view) == {"1001", "c1", "c2"}


def test_focus_by_id_for_a_supplier(store, small):
    view = neighbourhood(store, "Supplier", "s", depth=2)
    assert keys(view) == {"s", "x", "y", "1001", "1002"}


def test_unknown_focus_is_a_key_error(store, small):
    with pytest.raises(KeyError):
        neighbourhood(store, "Municipality", "9999")


def test_the_cap_folds_the_rest_into_one_node_per_label(store, load_records):
    systems = [{"id": f"x{i}", "name": f"X{i}"} for i in range(10)]
    load_records(municipalities=MUNICIPALITIES, capability_areas=AREAS, capabilities=CAPABILITIES,
                 systems=systems,
                 system_usage=[{"municipality": "1001", "system": s["id"]} for s in systems])
    view = neighbourhood(store, "Municipality", "1001", depth=1, max_nodes=5)
    # 5 drawn = the focus + 3 systems + one aggregate holding the other 7 systems.
    assert view.graph.number_of_nodes() == 5
    assert view.hidden == {"System": 7}
    assert view.total_nodes == 11
    aggregate = [d for _, d in view.graph.nodes(data=True) if d["label"] == AGGREGATE]
    assert [(a["of"], a["count"]) for a in aggregate] == [("System", 7)]
    assert view.focus in view.graph


def test_html_is_self_contained_with_legend_and_nodes(store, small):
    view = neighbourhood(store, "Municipality", "1001", depth=1)
    html = to_html(view, names={"Municipality": "Kommun"}, by_maturity=True, hierarchical=True)
    assert "vis-network" in html and "https://" not in html.split("<body>")[0].split("<script")[0]
    assert 'id="legend"' in html and "Kommun" in html
    assert '"hierarchical": {"enabled": true' in html
    assert '"label": "Aby"' in html and json.dumps("Förmåga 1") in html


def test_any_undirected_graph_is_drawn_without_arrows_in_its_own_colours():
    graph = nx.Graph()
    graph.add_node("1001", name="Aby", colour="#123456", group=1)
    graph.add_node("1002", name="Bby")
    graph.add_edge("1001", "1002", type="0.50")
    view = view_of_graph(graph, "Municipality")
    assert keys(view) == {"1001", "1002"} and not view.graph.is_directed()
    assert view.graph.nodes["1001"]["props"] == {"group": 1}
    html = to_html(view)
    assert '"color": "#123456"' in html and '"label": "Bby"' in html and '"label": "0.50"' in html
    assert '"to": {"enabled": false' in html
