"""What only Neo4j has to prove: a shared database, its users and its errors, on the live test server.

The knowledge base owns the nodes of its labels, one marker node and its ``kb_`` indexes;
everything else in the database (other applications' nodes, relationships, indexes and
constraints) must come through loads, reloads and refused loads unchanged.
"""

from __future__ import annotations

import re
import threading
import time

import pytest
from conftest import neo4j_settings

from kb.dataset import InvalidDataset, RawDataset
from kb.export import export_dataset
from kb.load import write_dataset
from kb.queries import queries_dir
from kb.store import ForeignData, GraphStore, StoreUnavailable, open_store
from kb.synthetic import generate
from kb.validate import validate
from neo4j_server import Neo4jServer, free_port

FOREIGN = """
CREATE (a:Customer {name: 'Acme', code: '1485'})-[:BOUGHT {year: 2024}]->(p:Product {id: 'p1'}),
       (a)-[:KNOWS]->(:Person {name: 'Ada'}),
       (:Invoice {id: 'i1', total: 12.5})
"""


def _foreign(store: GraphStore) -> list:
    """Every node and relationship that is not the knowledge base's, and the schema not named kb_."""
    nodes = store.read("MATCH (n) WHERE any(l IN labels(n) WHERE l IN ['Customer', 'Product', 'Person', "
                       "'Invoice']) RETURN labels(n), properties(n) ORDER BY labels(n)[0], n.name, n.id").rows
    rels = store.read("MATCH (a)-[r]->(b) WHERE type(r) IN ['BOUGHT', 'KNOWS'] "
                      "RETURN type(r), properties(r), properties(a), properties(b) ORDER BY type(r)").rows
    schema = store.read("SHOW INDEXES YIELD name, labelsOrTypes, properties "
                        "WHERE NOT name STARTS WITH 'kb_' AND NOT labelsOrTypes IS NULL "
                        "RETURN name, labelsOrTypes, properties ORDER BY name").rows
    constraints = store.read("SHOW CONSTRAINTS YIELD name WHERE NOT name STARTS WITH 'kb_' "
                             "RETURN name ORDER BY name").rows
    return [nodes, rels, schema, constraints]


def test_loads_replace_only_the_knowledge_base_and_leave_foreign_data_alone(neo4j_store: GraphStore) -> None:
    store = neo4j_store
    store.write(FOREIGN)
    store.write("CREATE INDEX customer_name FOR (c:Customer) ON (c.name)")
    store.write("CREATE CONSTRAINT invoice_id FOR (i:Invoice) REQUIRE i.id IS UNIQUE")
    before = _foreign(store)
    assert len(before[0]) == 4 and len(before[1]) == 2 and before[3] == [("invoice_id",)]

    first = generate(6, 1)
    write_dataset(store, first)
    assert _foreign(store) == before
    second = generate(3, 2)
    write_dataset(store, second)  # a reload: the six municipalities go, the three come
    assert _foreign(store) == before
    assert store.read("MATCH (m:Municipality) RETURN count(m)").scalar() == 3
    assert export_dataset(store).tables["municipalities"] == sorted(
        second.tables["municipalities"], key=lambda r: r["code"])

    def failing(run) -> None:
        run("CREATE (:Municipality {code: 'half-way'})", {})
        raise RuntimeError("the load failed half-way")

    with pytest.raises(RuntimeError, match="half-way"):
        store.replace_graph(failing, [], ["Municipality"])
    assert _foreign(store) == before
    assert store.read("MATCH (m:Municipality) RETURN count(m)").scalar() == 3


def test_a_first_load_refuses_nodes_of_its_labels_that_nobody_wrote(neo4j_store: GraphStore) -> None:
    neo4j_store.write("CREATE (:System {id: 'theirs', name: 'Their own system'})")
    with pytest.raises(ForeignData, match="no knowledge base wrote"):
        write_dataset(neo4j_store, generate(2))
    assert neo4j_store.read("MATCH (s:System) RETURN s.id").rows == [("theirs",)]


def test_a_load_refuses_a_database_that_holds_another_knowledge_base(neo4j_server: Neo4jServer,
                                                                      neo4j_store: GraphStore) -> None:
    write_dataset(neo4j_store, generate(2))
    other = open_store(neo4j_settings(neo4j_server, graph_name="other_kb"))
    try:
        with pytest.raises(ForeignData, match="KB_GRAPH_NAME=kb"):
            write_dataset(other, generate(3))
    finally:
        other.close()
    assert neo4j_store.read("MATCH (m:Municipality) RETURN count(m)").scalar() == 2


def test_a_second_load_waits_for_the_first(neo4j_server: Neo4jServer, neo4j_store: GraphStore) -> None:
    """Two loads at once: the second waits on the marker's lock, so the graph is one dataset."""
    write_dataset(neo4j_store, generate(2))
    other = open_store(neo4j_settings(neo4j_server))
    started = threading.Event()
    finished: list[float] = []

    def slow(run) -> None:
        started.set()
        run("CREATE (:Municipality {code: 'slow'})", {})
        time.sleep(2)

    def second() -> None:
        started.wait()
        write_dataset(other, generate(4))
        finished.append(time.monotonic())

    thread = threading.Thread(target=second)
    thread.start()
    neo4j_store.replace_graph(slow, [], ["Municipality"])
    first_done = time.monotonic()
    thread.join(60)
    other.close()
    assert finished and finished[0] >= first_done  # it waited
    codes = {r[0] for r in neo4j_store.read("MATCH (m:Municipality) RETURN m.code").rows}
    assert len(codes) == 4 and "slow" not in codes  # the second load's dataset, whole


def test_a_bad_load_is_refused_before_the_database_is_touched(neo4j_store: GraphStore) -> None:
    write_dataset(neo4j_store, generate(2))
    before = export_dataset(neo4j_store).tables
    with pytest.raises(InvalidDataset):
        write_dataset(neo4j_store, validate(RawDataset.from_records({"municipalities": [{"code": "x"}]})))
    assert export_dataset(neo4j_store).tables == before


def test_wrong_password_and_unreachable_server_say_so(neo4j_server: Neo4jServer) -> None:
    with pytest.raises(StoreUnavailable, match="user name or password"):
        open_store(neo4j_settings(neo4j_server, neo4j_password="not-the-password"))
    closed = f"bolt://127.0.0.1:{free_port()}"
    with pytest.raises(StoreUnavailable, match="Cannot reach") as caught:
        open_store(neo4j_settings(neo4j_server, graph_url=closed))
    assert "time limit" not in str(caught.value)


def test_no_query_file_uses_engine_ids() -> None:
    """``id()`` is deprecated in Neo4j 5 and ``elementId()`` unknown to FalkorDB: neither is used."""
    uses = [path.name for path in queries_dir().rglob("*.cypher")
            if re.search(r"\b(?:id|elementId)\s*\(", re.sub(r"//[^\n]*", "", path.read_text()))]
    assert uses == []
