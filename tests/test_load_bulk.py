"""The FalkorDB bulk path of ``kb.load`` builds exactly the graph the Cypher path builds."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest

from kb.dataset import RawDataset
from kb.load import _cypher_fill, _Plan, index_plan, write_dataset
from kb.model import NODE_TABLES
from kb.settings import Settings
from kb.store import GraphStore, open_store
from kb.store.falkor import STAGING_MARK, bulk_commands
from kb.synthetic import generate
from kb.validate import validate

NODES = "MATCH (n) RETURN labels(n)[0] AS label, properties(n) AS p"
RELS = "MATCH (a)-[r]->(b) RETURN type(r), properties(a), properties(b), properties(r)"


def _dump(store: GraphStore) -> tuple[list[str], list[str]]:
    nodes = sorted(repr((r[0], sorted(r[1].items()))) for r in store.read(NODES, row_cap=None).rows)
    rels = sorted(repr((r[0], *(sorted(m.items()) for m in r[1:])))
                  for r in store.read(RELS, row_cap=None).rows)
    return nodes, rels


@pytest.fixture
def other_store(db_dir: Path):
    s = open_store(Settings(graph_url=f"embedded:{db_dir}", graph_name=f"t_{uuid.uuid4().hex[:10]}"))
    yield s
    s.graph.delete()
    s.close()


def test_bulk_and_cypher_paths_build_the_same_graph(embedded_store: GraphStore,
                                                    other_store: GraphStore) -> None:
    store = embedded_store  # FalkorDB's bulk path against its Cypher path
    dataset = generate(4)
    write_dataset(store, dataset)
    other_store.replace_graph(_cypher_fill(dataset, _Plan.of(dataset), lambda *a: None, 0, 0), index_plan())
    bulk, cypher = _dump(store), _dump(other_store)
    assert len(bulk[0]) == sum(len(dataset.tables[t.name]) for t in NODE_TABLES)
    assert bulk == cypher


def test_a_failed_bulk_load_leaves_the_graph_as_it_was(embedded_store: GraphStore) -> None:
    store = embedded_store
    write_dataset(store, generate(2))
    before = _dump(store)
    with pytest.raises(Exception, match="Not A Label"):  # fails after the rows were sent
        store.replace_graph_bulk([("Municipality", [{"code": "0001"}])], [], [("Not A Label", "x")])
    assert _dump(store) == before
    own_staging = store.settings.graph_name + STAGING_MARK  # other tests' killed loads may leave theirs
    assert not [g for g in store._db.list_graphs() if g.startswith(own_staging)]


def test_bulk_commands_begin_once_and_count_what_they_carry() -> None:
    calls = list(bulk_commands([("A", [{"x": 1}, {"x": None}]), ("B", [])], [("R", [(0, 1, {"w": 1.5})])]))
    assert calls[0][:5] == ["BEGIN", 2, 0, 1, 0]
    assert calls[1][:4] == [0, 1, 0, 1]
    assert len(calls) == 2



def test_keys_that_join_to_the_same_text_are_two_relationships(store: GraphStore) -> None:
    """("a|b", "c") and ("a", "b|c") joined by '|' are both 'a|b|c': neither is a duplicate of the
    other, and each is its own relationship, on FalkorDB's bulk path and on Neo4j's Cypher path."""
    tables = {name: list(rows) for name, rows in generate(2).tables.items()}
    area = tables["capability_areas"][0]["id"]
    tables["capabilities"] += [{"id": i, "area": area, "name_sv": i, "name_en": i}
                               for i in ("a|b", "b|c", "a", "c")]
    tables["capability_dependencies"] = [{"capability": "a|b", "depends_on": "c"},
                                         {"capability": "a", "depends_on": "b|c"}]
    write_dataset(store, validate(RawDataset.from_records(tables)))  # the key check, then the load
    pairs = store.read("MATCH (x:Capability)-[:DEPENDS_ON]->(y:Capability) RETURN x.id, y.id",
                       row_cap=None).rows
    assert sorted(map(tuple, pairs)) == [("a", "b|c"), ("a|b", "c")]
