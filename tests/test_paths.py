"""Paths between two nodes (kb.paths) on a small graph worked out by hand, on both engines.

Suppliers S1 (provides A) and S2 (provides B, C). Integrations A->B, B->C. A supports c1,
C supports c2; c3 depends on c2. m1 uses A, m2 uses C.
"""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from conftest import store_env

from kb.cli import cli
from kb.graphview import to_html
from kb.paths import find_paths, path_rows, path_text, paths_view


@pytest.fixture
def chain(load_records):
    load_records(
        municipalities=[{"code": "0001", "name": "m1"}, {"code": "0002", "name": "m2"}],
        capability_areas=[{"id": "ar", "name_sv": "Område", "name_en": "Area"}],
        capabilities=[{"id": c, "area": "ar", "name_sv": c, "name_en": c} for c in ("c1", "c2", "c3")],
        capability_dependencies=[{"capability": "c3", "depends_on": "c2"}],
        suppliers=[{"id": "S1", "name": "Alfa"}, {"id": "S2", "name": "Beta"}],
        systems=[{"id": "A", "name": "SysA", "supplier": "S1"}, {"id": "B", "name": "SysB", "supplier": "S2"},
                 {"id": "C", "name": "SysC", "supplier": "S2"}],
        system_integrations=[{"system": a, "integrates_with": b} for a, b in (("A", "B"), ("B", "C"))],
        system_capabilities=[{"system": "A", "capability": "c1"}, {"system": "C", "capability": "c2"}],
        system_usage=[{"municipality": "0001", "system": "A"}, {"municipality": "0002", "system": "C"}],
    )


def keys(found):
    return [[n.properties.get("code", n.properties.get("id")) for n in p.nodes] for p in found.paths]


def test_shortest_first_in_either_direction(store, chain):
    found = find_paths(store, ("Supplier", "S2"), ("Capability", "c3"), depth=4)
    # S2 provides C, which supports c2, on which c3 depends; or round through B
    assert keys(found) == [["S2", "C", "c2", "c3"], ["S2", "B", "C", "c2", "c3"]]
    assert not found.capped
    assert path_text(found.paths[0]) == "Beta -PROVIDES-> SysC -SUPPORTS-> c2 <-DEPENDS_ON- c3"


def test_the_depth_limit_cuts_longer_paths(store, chain):
    assert keys(find_paths(store, ("Supplier", "S1"), ("Capability", "c2"), depth=4)) == [
        ["S1", "A", "B", "C", "c2"]]
    assert find_paths(store, ("Supplier", "S1"), ("Capability", "c2"), depth=3).paths == []


def test_the_cap_keeps_the_shortest_and_says_so(store, chain):
    found = find_paths(store, ("Supplier", "S2"), ("Capability", "c3"), depth=4, limit=1)
    assert keys(found) == [["S2", "C", "c2", "c3"]] and found.capped
    assert path_rows(found)[0]["steps"] == 3


def test_municipalities_join_only_at_the_ends(store, chain):
    # m1 uses A; A sends to B, which S2 provides (3 steps); round through C is 4
    assert keys(find_paths(store, ("Municipality", "0001"), ("Supplier", "S2"), depth=4)) == [
        ["0001", "A", "B", "S2"], ["0001", "A", "B", "C", "S2"]]
    assert keys(find_paths(store, ("Municipality", "0001"), ("Municipality", "0002"), depth=4)) == [
        ["0001", "A", "B", "C", "0002"]]
    # no path runs through m2 although m2 uses C and m1's A reaches C
    assert find_paths(store, ("Municipality", "0001"), ("Municipality", "0002"), depth=3).paths == []


def test_an_integration_cycle_ends(store, chain):
    store.write("MATCH (a:System {id: 'C'}), (b:System {id: 'A'}) CREATE (a)-[:INTEGRATES_WITH]->(b)")
    found = find_paths(store, ("Supplier", "S1"), ("Capability", "c2"), depth=4)
    assert keys(found) == [["S1", "A", "C", "c2"], ["S1", "A", "B", "C", "c2"]]
    assert path_text(found.paths[0]) == "Alfa -PROVIDES-> SysA <-INTEGRATES_WITH- SysC -SUPPORTS-> c2"


def test_the_view_draws_every_path(store, chain):
    view = paths_view(find_paths(store, ("Supplier", "S2"), ("Capability", "c3"), depth=4))
    assert {d["key"] for _, d in view.graph.nodes(data=True)} == {"S2", "B", "C", "c2", "c3"}
    assert view.graph.number_of_edges() == 5
    assert view.graph.nodes[view.focus]["key"] == "S2"


@pytest.mark.parametrize(("source", "target", "depth", "limit", "message"), [
    (("Supplier", "zz"), ("Capability", "c1"), 3, 5, "No Supplier with key 'zz'"),
    (("Region", "r"), ("Capability", "c1"), 3, 5, "not 'Region'"),
    (("Supplier", "S1"), ("Supplier", "S1"), 3, 5, "two different nodes"),
    (("Supplier", "S1"), ("Capability", "c1"), 5, 5, "depth must be a whole number from 1 to 4, not 5"),
    (("Supplier", "S1"), ("Capability", "c1"), 0, 5, "depth must be"),
    (("Supplier", "S1"), ("Capability", "c1"), 3, 0, "limit must be a whole number from 1 to 100"),
])
def test_bad_input_is_a_clear_error(store, chain, source, target, depth, limit, message):
    with pytest.raises(ValueError, match=message):
        find_paths(store, source, target, depth, limit)


def test_the_command_mirrors_the_function(store, chain):
    runner = CliRunner(env=store_env(store))
    done = runner.invoke(cli, ["paths", "Supplier:S2", "Capability:c3", "--depth", "4", "--limit", "1",
                               "--format", "json"], obj={})
    assert done.exit_code == 0, done.output
    assert '"route": "Beta -PROVIDES-> SysC -SUPPORTS-> c2 <-DEPENDS_ON- c3"' in done.stdout
    assert "More paths exist; the first 1 are shown" in done.stderr
    none = runner.invoke(cli, ["paths", "Supplier:S1", "Capability:c2", "--depth", "3"], obj={})
    assert none.exit_code == 0 and "No path of at most 3 steps" in none.stderr
    unknown = runner.invoke(cli, ["paths", "Supplier:zz", "Capability:c2"], obj={})
    assert unknown.exit_code == 1 and "No Supplier with key 'zz'" in unknown.stderr


def test_hostile_names_are_drawn_as_text(store, chain):
    hostile = '<img src=x onerror="alert(1)"> href'
    store.write("MATCH (s:Supplier {id: 'S2'}) SET s.name = $name", {"name": hostile})
    html = to_html(paths_view(find_paths(store, ("Supplier", "S2"), ("Capability", "c3"), depth=4)))
    assert "<img src=x" not in html and "innerHTML = nodeData" not in html
