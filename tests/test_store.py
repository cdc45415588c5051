"""The graph store contract, run on every reachable backend (embedded always, Neo4j with NEO4J_URI).

Each test builds the graph it needs with ``replace_graph`` (the load path), so it works
the same on a fresh embedded graph and on a Neo4j database.
"""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from kb.settings import Settings
from kb.store import (
    GraphNode,
    GraphPath,
    GraphRelationship,
    GraphStore,
    MultipleStatements,
    QueryError,
    QueryTimeout,
    QueryTooLarge,
    ReadOnlyError,
    open_store,
)
from kb.store.base import WriteRunner


def _fill_with(cypher: str, params: dict[str, Any] | None = None) -> Callable[[WriteRunner], None]:
    """A ``replace_graph`` fill that runs one statement."""
    def fill(run: WriteRunner) -> None:
        run(cypher, params or {})

    return fill


LABELS = ("T", "U", "A", "B", "New", "P")
"""The labels these tests' graphs own (on Neo4j a replace removes nodes of these labels only)."""


def _put(store: GraphStore, cypher: str, params: dict[str, Any] | None = None) -> None:
    """Replace the whole graph with what ``cypher`` creates."""
    store.replace_graph(_fill_with(cypher, params), [], LABELS)


def _names(store: GraphStore) -> list[str]:
    """Names of the graph's nodes (not Neo4j's marker node, which the store writes for itself)."""
    query = "MATCH (n) WHERE NOT n:KnowledgeBase RETURN n.name ORDER BY n.name"
    return [row[0] for row in store.read(query).rows]


def _count(store: GraphStore, pattern: str = "(n)") -> int:
    return store.read(f"MATCH {pattern} RETURN count(*)").scalar()


def test_read_returns_columns_and_rows(any_store: GraphStore) -> None:
    _put(any_store, "CREATE (:T {name: 'b', rank: 2}), (:T {name: 'a', rank: 1})")
    result = any_store.read("MATCH (n:T) RETURN n.name AS name, n.rank AS rank ORDER BY rank")
    assert result.columns == ["name", "rank"]
    assert result.rows == [("a", 1), ("b", 2)]
    assert result.records() == [{"name": "a", "rank": 1}, {"name": "b", "rank": 2}]
    assert not result.truncated


TRICKY_STRINGS = ["it's \"quoted\"", "back`ticks`", "{braces} {{x}} $notparam", "two\nlines\r\n\ttab",
                  "åäö ÅÄÖ", "back\\slash", ""]
VALUES = [*TRICKY_STRINGS, 0, -7, 2**40, 3.25, -0.1, True, False, None, [1, "a", None, [2.5]], [],
          {"k": "it's", "nested": {"list": [1, 2]}, "å": True}]


@pytest.mark.parametrize("value", VALUES, ids=repr)
def test_parameter_round_trip(any_store: GraphStore, value: Any) -> None:
    got = any_store.read("RETURN $v AS v", {"v": value}).scalar()
    assert got == value
    assert type(got) is type(value)


def test_string_parameters_stored_and_matched(any_store: GraphStore) -> None:
    _put(any_store, "UNWIND $names AS name CREATE (:T {name: name})", {"names": TRICKY_STRINGS})
    for name in TRICKY_STRINGS:
        assert any_store.read("MATCH (n:T) WHERE n.name = $name RETURN n.name", {"name": name}).rows \
            == [(name,)]


WRITES = {
    "create": "CREATE (:T {name: 'new'})",
    "merge": "MERGE (:T {name: 'merged'})",
    "set": "MATCH (n:T) SET n.name = 'changed'",
    "delete": "MATCH (n:T) DETACH DELETE n",
    "remove": "MATCH (n:T) REMOVE n.name",
    "create_index": "CREATE INDEX FOR (n:T) ON (n.rank)",
}


@pytest.mark.parametrize("cypher", WRITES.values(), ids=WRITES.keys())
def test_read_refuses_to_write(any_store: GraphStore, cypher: str) -> None:
    _put(any_store, "CREATE (:T {name: 'only'})")
    with pytest.raises(ReadOnlyError, match="only reads"):
        any_store.read(cypher)
    assert _names(any_store) == ["only"]


def test_row_cap_truncates(any_store: GraphStore) -> None:
    _put(any_store, "UNWIND range(1, 5) AS i CREATE (:T {rank: i})")
    query = "MATCH (n:T) RETURN n.rank ORDER BY n.rank"
    capped = any_store.read(query, row_cap=3)
    assert capped.rows == [(1,), (2,), (3,)]
    assert capped.truncated
    assert not any_store.read(query, row_cap=5).truncated
    assert len(any_store.read(query, row_cap=None).rows) == 5


def test_runaway_read_times_out(any_store: GraphStore) -> None:
    _put(any_store, "UNWIND range(1, 2000) AS i CREATE (:T {rank: i})")
    with pytest.raises(QueryTimeout, match="time limit"):
        any_store.read("MATCH (a:T), (b:T), (c:T) WHERE a.rank + b.rank + c.rank < 0 RETURN count(*)",
                       timeout_ms=200)


def test_replace_graph_that_fails_leaves_old_graph(any_store: GraphStore) -> None:
    _put(any_store, "CREATE (:T {name: 'a'})-[:R]->(:T {name: 'b'})")

    def half_then_fail(run: WriteRunner) -> None:
        run("UNWIND range(1, 10) AS i CREATE (:New {name: 'n' + toString(i)})", {})
        raise RuntimeError("bad row half-way")

    with pytest.raises(RuntimeError, match="half-way"):
        any_store.replace_graph(half_then_fail, [], LABELS)
    assert _names(any_store) == ["a", "b"]
    assert _count(any_store, "()-[r]->()") == 1


def test_replace_graph_replaces_everything(any_store: GraphStore) -> None:
    _put(any_store, "CREATE (:T {name: 'a'})-[:R]->(:T {name: 'b'})")
    any_store.replace_graph(_fill_with("CREATE (:U {name: 'x'}), (:U {name: 'y'}), (:U {name: 'z'})"),
                            [("U", "name")], LABELS)
    assert _names(any_store) == ["x", "y", "z"]
    assert _count(any_store, "(n:T)") == 0
    assert _count(any_store, "()-[r]->()") == 0


def test_graph_values(any_store: GraphStore) -> None:
    _put(any_store, "CREATE (:A {x: 1})-[:R {w: 2}]->(:B {y: 'z'})")
    row = any_store.read("MATCH p = (a:A)-[r:R]->(b:B) RETURN a, r, b, p").rows[0]
    a, r, b, p = row
    assert isinstance(a, GraphNode) and isinstance(b, GraphNode)
    assert (a.labels, a.properties, b.labels, b.properties) == (("A",), {"x": 1}, ("B",), {"y": "z"})
    assert isinstance(r, GraphRelationship)
    assert (r.type, r.start, r.end, r.properties) == ("R", a.id, b.id, {"w": 2})
    assert isinstance(p, GraphPath)
    assert p.nodes == (a, b) and p.relationships == (r,)


def test_lists_and_maps_nested_with_and_without_graph_values(any_store: GraphStore) -> None:
    """Plain lists and maps (FalkorDB: the store's own reader) and ones holding a node (the
    client's parser) come back as the same plain values on both engines."""
    _put(any_store, "CREATE (:A {x: 1})")
    plain = any_store.read("RETURN [1, 'x', null, true, 1.5, [2], {k: [3, {m: 'n'}]}] AS l, "
                           "{a: [1, 2], b: {c: null}} AS m").rows[0]
    assert plain == ([1, "x", None, True, 1.5, [2], {"k": [3, {"m": "n"}]}], {"a": [1, 2], "b": {"c": None}})
    (nodes, mixed), = any_store.read("MATCH (a:A) RETURN [a] AS nodes, {n: a, v: [1]} AS mixed").rows
    assert isinstance(nodes[0], GraphNode) and nodes[0].properties == {"x": 1}
    assert isinstance(mixed["n"], GraphNode) and mixed["v"] == [1]


@pytest.mark.parametrize("cypher", ["MATCH (n RETURN n", "RETURN no_such_function(1)"])
def test_bad_query_raises_readable_query_error(any_store: GraphStore, cypher: str) -> None:
    with pytest.raises(QueryError) as caught:
        any_store.read(cypher)
    assert not isinstance(caught.value, (ReadOnlyError, QueryTimeout, QueryTooLarge, MultipleStatements))
    message = str(caught.value)
    assert message.strip() and "Traceback" not in message
    assert "errCtx" not in message and "LIMIT" not in message
    assert "invalid input" in message.lower() or "no_such_function" in message.lower()


def _embedded(folder: Path) -> GraphStore:
    return open_store(Settings(graph_url=f"embedded:{folder}", graph_name="kb"))


def test_embedded_database_survives_close_and_reopen(tmp_path: Path) -> None:
    store = _embedded(tmp_path)
    _put(store, "UNWIND range(1, 3) AS i CREATE (:T {name: 'n' + toString(i)})")
    store.write("CREATE (:T {name: 'written'})")
    first_server = store._db.client.pid
    store.close()
    reopened = _embedded(tmp_path)
    try:
        assert reopened._db.client.pid != first_server  # a new server, so the data came from disk
        assert _names(reopened) == ["n1", "n2", "n3", "written"]
    finally:
        reopened.close()


def test_two_processes_opening_a_new_folder_lose_no_writes(tmp_path: Path) -> None:
    """Two processes open one new folder at the same moment and write 50 nodes each."""
    child = Path(__file__).with_name("robust_child.py")
    at = str(time.time() + 3)  # both start their Python first, then open together
    workers = [subprocess.Popen([sys.executable, str(child), "write", str(tmp_path), "kb", who, at],
                                stderr=subprocess.PIPE, text=True) for who in "ab"]
    errors = [worker.communicate(timeout=90)[1] for worker in workers]
    assert [w.returncode for w in workers] == [0, 0], errors
    store = _embedded(tmp_path)
    try:
        counts = store.read("MATCH (p:P) RETURN p.who, count(*) ORDER BY p.who").rows
        assert counts == [("a", 50), ("b", 50)]
    finally:
        store.close()


def test_index_ddl_takes_only_plain_identifiers() -> None:
    from kb.store.base import index_ddl_names

    assert index_ddl_names([("Municipality", "code")]) == [("Municipality", "code")]
    for bad in [("Municipality) DETACH DELETE (n", "code"), ("System", "id`")]:
        with pytest.raises(ValueError, match="not an index on a model label"):
            index_ddl_names([bad])
