"""The read-only console: write attempts refused by the engine, runaway reads stopped, huge
results capped, each with a message a person understands; and the application's own writes
(loads) bounded in size.

``test_store.py`` covers the first six writes (CREATE, MERGE, SET, DETACH DELETE, REMOVE,
CREATE INDEX); this corpus adds the rest. Bounded loads: the engine's time limit does not
apply to writes, so a load never sends one giant statement. Through the Cypher path every
statement carries at most ``kb.load.BATCH_SIZE`` rows (so a table of N rows takes
ceil(N / BATCH_SIZE) statements); through FalkorDB's bulk path every ``GRAPH.BULK`` call
carries about ``kb.store.falkor.BULK_CALL_BYTES`` at most (plus one entity).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from typing import Any

import pytest
from bad_inputs import sorted_tables

import kb.store.falkor as falkor
from kb.export import export_dataset
from kb.load import BATCH_SIZE, write_dataset
from kb.model import NODE_TABLES
from kb.store import GraphStore, QueryError, QueryTimeout, ReadOnlyError
from kb.store.base import WriteRunner
from kb.synthetic import generate

READ_ONLY = "only reads"

WRITE_ATTEMPTS: dict[str, tuple[str, type[QueryError], str]] = {
    "merge on match": ("MATCH (n:T) MERGE (n)-[:R]->(:T {name: 'x'})", ReadOnlyError, READ_ONLY),
    "set property": ("MATCH (n:T) SET n.name = 'changed'", ReadOnlyError, READ_ONLY),
    "set map": ("MATCH (n:T) SET n += {admin: true}", ReadOnlyError, READ_ONLY),
    "set label": ("MATCH (n:T) SET n:Admin", ReadOnlyError, READ_ONLY),
    "delete node": ("MATCH (n:T) DELETE n", ReadOnlyError, READ_ONLY),
    "delete relationship": ("MATCH ()-[r:R]->() DELETE r", ReadOnlyError, READ_ONLY),
    "remove label": ("MATCH (n:T) REMOVE n:T", ReadOnlyError, READ_ONLY),
    "drop index": ("DROP INDEX FOR (n:T) ON (n.name)", ReadOnlyError, READ_ONLY),
    "create index old syntax": ("CREATE INDEX ON :T(rank)", ReadOnlyError, READ_ONLY),
    "drop index old syntax": ("DROP INDEX ON :T(name)", ReadOnlyError, READ_ONLY),
    "create constraint": ("CREATE CONSTRAINT FOR (n:T) REQUIRE n.name IS UNIQUE", QueryError,
                          "Invalid input"),
    "drop constraint": ("DROP CONSTRAINT ON (n:T) ASSERT n.name IS UNIQUE", QueryError,
                        "Invalid constraint command"),
    "fulltext index procedure": ("CALL db.idx.fulltext.createNodeIndex('T', 'name')", ReadOnlyError,
                                 READ_ONLY),
    "fulltext index procedure with options": (
        "CALL db.idx.fulltext.createNodeIndex({label: 'T'}, 'name')", ReadOnlyError, READ_ONLY),
    "fulltext drop procedure": ("CALL db.idx.fulltext.drop('T')", ReadOnlyError, READ_ONLY),
    "procedure output into create": ("CALL db.labels() YIELD label CREATE (:X {l: label})",
                                     ReadOnlyError, READ_ONLY),
    "load csv from a file": ("LOAD CSV FROM 'file:///etc/passwd' AS row RETURN row", QueryError,
                             "LOAD CSV is not allowed"),
    "load csv from the web": ("LOAD CSV WITH HEADERS FROM 'https://127.0.0.1:9/x.csv' AS row RETURN row",
                              QueryError, "fetch web addresses"),
    "load csv hidden by a comment": ("load /* x */ csv FROM 'https://127.0.0.1:9/x' AS r RETURN r",
                                     QueryError, "LOAD CSV is not allowed"),
    "load csv into create": ("LOAD CSV FROM 'file:///etc/passwd' AS row CREATE (:X {v: row[0]})",
                             QueryError, "LOAD CSV is not allowed"),
    "read then create": ("MATCH (n) RETURN n; CREATE (m)", QueryError, "one statement at a time"),
    "read then delete": ("MATCH (n) RETURN count(n); MATCH (n) DETACH DELETE n", QueryError,
                         "one statement at a time"),
    "create in call subquery": ("CALL { CREATE (x:X) RETURN x } RETURN x", ReadOnlyError, READ_ONLY),
    "set in call subquery": ("MATCH (n:T) CALL { WITH n SET n.y = 1 } RETURN n", ReadOnlyError,
                             READ_ONLY),
    "foreach create": ("FOREACH (i IN range(1, 3) | CREATE (:X {i: i}))", ReadOnlyError, READ_ONLY),
    "foreach merge over nodes": ("MATCH (n:T) WITH collect(n) AS ns FOREACH (x IN ns | MERGE (:X))",
                                 ReadOnlyError, READ_ONLY),
    "create relationship": ("MATCH (a:T), (b:T) CREATE (a)-[:Z]->(b)", ReadOnlyError, READ_ONLY),
    "create after optional match": ("OPTIONAL MATCH (n:Nope) CREATE (:X)", ReadOnlyError, READ_ONLY),
    "create in a union": ("RETURN 1 AS x UNION MATCH (n) DETACH DELETE n RETURN 1 AS x", ReadOnlyError,
                          READ_ONLY),
    "create behind with": ("WITH 1 AS x CREATE (:X)", ReadOnlyError, READ_ONLY),
    "unwind create": ("UNWIND range(1, 3) AS i CREATE (:X)", ReadOnlyError, READ_ONLY),
    "redis command as cypher": ("GRAPH.DELETE kb", QueryError, "Invalid input"),
    "drop index by name": ("DROP INDEX kb_T_name", QueryError, ""),
    "create database": ("CREATE DATABASE other", QueryError, ""),
    "create user": ("CREATE USER eve SET PASSWORD 'eve-secret-1'", QueryError, ""),
    "write procedure": ("CALL db.createLabel('Admin')", QueryError, ""),
    "apoc load": ("CALL apoc.load.json('file:///etc/passwd') YIELD value RETURN value", QueryError,
                  "not allowed"),
    "apoc cypher runs a write": ("CALL apoc.cypher.runWrite('CREATE (:X)', {})", QueryError, "not allowed"),
    "apoc behind backticks": ("CALL `apoc`.load.csv('file:///etc/passwd')", QueryError, "not allowed"),
    "server settings": ("CALL dbms.setConfigValue('db.transaction.timeout', '0')", QueryError,
                        "not allowed"),
}
"""Write attempts, the error each must raise and words its message must hold ('' for any words)."""

NEO4J_OUTCOMES: dict[str, tuple[type[QueryError], str]] = {
    "drop index": (QueryError, "Invalid input"),
    "create index old syntax": (QueryError, "Invalid create index syntax"),
    "drop index old syntax": (QueryError, "drop by name"),
    "create constraint": (ReadOnlyError, READ_ONLY),
    "drop constraint": (QueryError, "drop by name"),
    "fulltext index procedure": (QueryError, "no procedure with the name"),
    "fulltext index procedure with options": (QueryError, "no procedure with the name"),
    "fulltext drop procedure": (QueryError, "no procedure with the name"),
}
"""Where Neo4j refuses differently: FalkorDB's own syntax and procedures, which Neo4j does not know."""


def _graph(store: GraphStore) -> list[tuple]:
    """Every node and relationship with its properties, and the indexes: what a write would change."""
    nodes = store.read("MATCH (n) RETURN labels(n), properties(n) ORDER BY n.name", row_cap=None).rows
    rels = store.read("MATCH (a)-[r]->(b) RETURN a.name, type(r), b.name, properties(r) "
                      "ORDER BY a.name, b.name", row_cap=None).rows
    return [*nodes, *rels, *_schema(store)]


def _schema(store: GraphStore) -> list[tuple]:
    """The graph's indexes (and, on Neo4j, constraints), in each engine's own words."""
    if store.backend != "neo4j":
        return store.read("CALL db.indexes() YIELD label, properties RETURN label, properties").rows
    indexes = store.read("SHOW INDEXES YIELD name, labelsOrTypes, properties "
                         "RETURN name, labelsOrTypes, properties ORDER BY name").rows
    return indexes + store.read("SHOW CONSTRAINTS YIELD name RETURN name ORDER BY name").rows


def _put(store: GraphStore, cypher: str, indexes: Iterable[tuple[str, str]] = ()) -> None:
    store.replace_graph(lambda run: run(cypher, {}) and None, indexes, ["T", "U", "K"])


@pytest.mark.parametrize("case", list(WRITE_ATTEMPTS))
def test_write_attempt_is_refused_with_a_clear_message(store: GraphStore, case: str) -> None:
    _put(store, "UNWIND range(1, 3) AS i CREATE (:T {name: 'n' + toString(i), rank: i})-[:R]->"
                "(:U {name: 'u' + toString(i)})", [("T", "name")])
    before = _graph(store)
    cypher, error, words = WRITE_ATTEMPTS[case]
    if store.backend == "neo4j":
        error, words = NEO4J_OUTCOMES.get(case, (error, words))
    with pytest.raises(error) as caught:
        store.read(cypher)
    message = str(caught.value)
    assert words in message
    assert "errCtx" not in message and "Traceback" not in message
    assert _graph(store) == before


def test_read_only_procedures_may_run(store: GraphStore) -> None:
    assert store.read("CALL db.labels()").rows == []
    procedures = ("SHOW PROCEDURES YIELD name, mode RETURN name, mode" if store.backend == "neo4j"
                  else "CALL dbms.procedures()")
    assert ("db.labels", "READ") in store.read(procedures, row_cap=None).rows


def test_runaway_variable_length_path_stops_at_the_time_limit(store: GraphStore) -> None:
    _put(store, "UNWIND range(1, 12) AS i CREATE (:K {i: i}) WITH 1 AS one "
                "MATCH (a:K), (b:K) WHERE a <> b CREATE (a)-[:E]->(b)")
    with pytest.raises(QueryTimeout) as caught:
        store.read("MATCH p = (:K)-[:E*1..12]->(:K) RETURN count(p)", timeout_ms=300)
    assert "time limit" in str(caught.value) and "LIMIT" in str(caught.value)


def test_huge_result_stops_at_the_row_cap(store: GraphStore) -> None:
    result = store.read("UNWIND range(1, 200000) AS i RETURN i", row_cap=1000)
    assert result.truncated and result.row_cap == 1000
    assert result.rows == [(i,) for i in range(1, 1001)]


class _CountingStore:
    """The real store seen through the Cypher load path, recording the rows of every statement."""

    def __init__(self, store: GraphStore) -> None:
        self.store = store
        self.statements: list[int] = []

    def replace_graph(self, fill: Callable[[WriteRunner], None], indexes: Iterable[tuple[str, str]],
                      labels: Iterable[str] = ()) -> None:
        def counting_fill(run: WriteRunner) -> None:
            def counted(cypher: str, params: dict[str, Any]) -> list[tuple]:
                self.statements.append(len(params["rows"]))
                return run(cypher, params)
            fill(counted)

        self.store.replace_graph(counting_fill, indexes, labels)


def test_a_cypher_load_sends_statements_of_at_most_batch_size_rows(store: GraphStore) -> None:
    dataset = generate(50)
    assert max(dataset.counts().values()) > BATCH_SIZE  # some table needs more than one statement
    counting = _CountingStore(store)
    report = write_dataset(counting, dataset)  # type: ignore[arg-type]
    assert max(counting.statements) == BATCH_SIZE
    node_rows = [len(dataset.tables[t.name]) for t in NODE_TABLES]
    relationships = store.read("MATCH ()-[r]->() RETURN type(r), count(*)").rows
    expected = sum(math.ceil(n / BATCH_SIZE) for n in node_rows if n) + \
        sum(math.ceil(n / BATCH_SIZE) for _, n in relationships)
    assert len(counting.statements) == expected
    assert sum(counting.statements) == report.nodes + report.relationships
    assert export_dataset(store).tables == sorted_tables(dataset.tables)


def test_a_bulk_load_sends_calls_of_bounded_size(embedded_store: GraphStore,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    store = embedded_store
    limit = 20_000
    monkeypatch.setattr(falkor, "BULK_CALL_BYTES", limit)
    dataset = generate(40)
    sizes: list[int] = []
    original = falkor.bulk_commands

    def recording(nodes: Any, relationships: Any) -> Any:
        for args in original(nodes, relationships):
            sizes.append(len(args[-1]))
            yield args

    monkeypatch.setattr(falkor, "bulk_commands", recording)
    write_dataset(store, dataset)
    assert len(sizes) > 10
    assert max(sizes) < limit + 2_000  # the limit plus at most one entity
    assert export_dataset(store).tables == sorted_tables(dataset.tables)
