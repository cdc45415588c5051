"""The store's partial atomic update (``update_graph``), on every reachable backend.

Each test builds its graph with ``replace_graph`` and changes it with ``update_graph``, then
checks what a reader sees; the expectations are the few nodes each test writes.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from kb.settings import Settings
from kb.store import GraphStore, QueryError, open_store
from kb.store.base import WriteRunner


def _put(store: GraphStore, cypher: str) -> None:
    store.replace_graph(lambda run: run(cypher, {}) and None, [("T", "name")])


def _names(store: GraphStore) -> list[str]:
    return [row[0] for row in store.read("MATCH (n:T) RETURN n.name ORDER BY n.name").rows]


def test_update_changes_only_what_it_writes(any_store: GraphStore) -> None:
    _put(any_store, "CREATE (:T {name: 'a'})-[:R]->(:T {name: 'b'}), (:T {name: 'c'})")

    def fill(run: WriteRunner) -> None:
        run("MATCH (n:T {name: $name}) DETACH DELETE n", {"name": "c"})
        run("CREATE (:T {name: $name})", {"name": "d"})

    any_store.update_graph(fill)
    assert _names(any_store) == ["a", "b", "d"]
    assert any_store.read("MATCH (:T {name: 'a'})-[:R]->(b:T) RETURN b.name").rows == [("b",)]


def test_a_failing_update_leaves_the_graph_untouched(any_store: GraphStore) -> None:
    _put(any_store, "CREATE (:T {name: 'a'}), (:T {name: 'b'})")

    def half_then_fail(run: WriteRunner) -> None:
        run("MATCH (n:T {name: 'a'}) DETACH DELETE n", {})
        run("CREATE (:T {name: 'x'})", {})
        run("THIS IS NOT CYPHER", {})

    with pytest.raises(QueryError):
        any_store.update_graph(half_then_fail)
    assert _names(any_store) == ["a", "b"]


def test_a_reader_during_the_update_sees_the_graph_before_it(any_store: GraphStore) -> None:
    _put(any_store, "CREATE (:T {name: 'a'})")
    seen: list[list[str]] = []

    def fill(run: WriteRunner) -> None:
        run("CREATE (:T {name: 'b'})", {})
        seen.append(_names(any_store))

    any_store.update_graph(fill)
    assert seen == [["a"]]
    assert _names(any_store) == ["a", "b"]


def test_update_of_an_empty_database_starts_from_nothing(any_store: GraphStore) -> None:
    any_store.update_graph(lambda run: run("CREATE (:T {name: 'first'})", {}) and None)
    assert _names(any_store) == ["first"]


def test_an_update_during_the_servers_own_background_save_waits_for_it(tmp_path: Path) -> None:
    """FalkorDB copies the graph in a forked child and the server runs one child at a time: an
    update while the server saves on its own (here a BGSAVE slowed to about 0.3 s a key, on a
    server of its own with a key or two) used to fail with "could not fork" (seen in CI during
    an append-only-log rewrite)."""
    embedded_store = open_store(Settings(graph_url=f"embedded:{tmp_path}", graph_name="kb"))
    _put(embedded_store, "CREATE (:T {name: 'a'})")
    server = embedded_store._db.connection
    server.config_set("rdb-key-save-delay", 300_000)
    try:
        server.bgsave()
        assert server.info("persistence")["rdb_bgsave_in_progress"] == 1
        embedded_store.update_graph(lambda run: run("CREATE (:T {name: $name})", {"name": "b"}) and None)
        assert _names(embedded_store) == ["a", "b"]
    finally:
        server.config_set("rdb-key-save-delay", 0)
        embedded_store.close()
