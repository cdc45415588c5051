"""Neo4j backend through the official ``neo4j`` driver.

Reads run in READ access-mode transactions, which Neo4j refuses to let write, with
the transaction time limit set from the settings. A load runs as one write
transaction that empties the database and fills it again: committed whole or not at
all. Indexes are created beforehand, since Neo4j does not mix schema and data changes
in one transaction.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from kb.queries import get_query
from kb.store.base import (
    GraphNode,
    GraphPath,
    GraphRelationship,
    GraphStore,
    QueryError,
    QueryResult,
    QueryTimeout,
    ReadOnlyError,
    StoreUnavailable,
    WriteRunner,
    collect,
    index_ddl_names,
    refuse_load_csv,
)


def _convert(value: Any) -> Any:
    """Turn neo4j driver values into the store's plain values."""
    from neo4j.graph import Node, Path, Relationship

    if isinstance(value, Node):
        return GraphNode(value.element_id, tuple(sorted(value.labels)), dict(value.items()))
    if isinstance(value, Relationship):
        return GraphRelationship(value.element_id, value.type, value.start_node.element_id,
                                 value.end_node.element_id, dict(value.items()))
    if isinstance(value, Path):
        return GraphPath(tuple(_convert(n) for n in value.nodes),
                         tuple(_convert(r) for r in value.relationships))
    if isinstance(value, list):
        return [_convert(v) for v in value]
    if isinstance(value, dict):
        return {k: _convert(v) for k, v in value.items()}
    if hasattr(value, "iso_format"):  # neo4j.time types
        return value.iso_format()
    return value


def _translate(err: Exception) -> QueryError:
    code = getattr(err, "code", "") or ""
    message = getattr(err, "message", None) or str(err)
    if "AccessMode" in code or "read access mode" in message:
        return ReadOnlyError("This query would change the graph, and this console only reads. "
                             "Remove CREATE, MERGE, SET, DELETE, REMOVE and index changes.")
    if "TransactionTimedOut" in code or "timed out" in message.lower():
        return QueryTimeout("The query ran past its time limit and was stopped. "
                            "Narrow it (a LIMIT, a WHERE, shorter paths) or raise the limit.")
    return QueryError(message)


@dataclass
class Neo4jStore(GraphStore):
    """A Neo4j database at a ``neo4j://``, ``neo4j+s://`` or ``bolt://`` URL."""

    _driver: Any = field(default=None, init=False, repr=False)

    def __post_init__(self) -> None:
        from neo4j import GraphDatabase

        s = self.settings
        self.description = f"Neo4j at {s.graph_url}" + (
            f" (database {s.neo4j_database})" if s.neo4j_database else "")
        try:
            self._driver = GraphDatabase.driver(s.graph_url,
                                                auth=(s.neo4j_username, s.neo4j_password))
            self._driver.verify_connectivity()
        except Exception as err:
            raise StoreUnavailable(f"Cannot reach {self.description}: {err}") from err

    @property
    def backend(self) -> str:
        return "neo4j"

    def _session(self, read: bool) -> Any:
        from neo4j import READ_ACCESS, WRITE_ACCESS

        return self._driver.session(database=self.settings.neo4j_database,
                                    default_access_mode=READ_ACCESS if read else WRITE_ACCESS)

    def read(self, cypher: str, params: dict[str, Any] | None = None, *,
             timeout_ms: int | None = None, row_cap: int | None = -1) -> QueryResult:
        from neo4j import unit_of_work

        refuse_load_csv(cypher)
        timeout, cap = self._limits(timeout_ms, row_cap)
        started = time.perf_counter()

        @unit_of_work(timeout=timeout / 1000)
        def work(tx: Any) -> QueryResult:
            result = tx.run(cypher, params or {})
            rows = (tuple(_convert(v) for v in record.values()) for record in result)
            return collect(list(result.keys()), rows, cap, started)

        try:
            with self._session(read=True) as session:
                return session.execute_read(work)
        except Exception as err:
            raise _translate(err) from err

    def write(self, cypher: str, params: dict[str, Any] | None = None) -> QueryResult:
        started = time.perf_counter()
        try:
            with self._session(read=False) as session:
                result = session.run(cypher, params or {})
                rows = [tuple(_convert(v) for v in r.values()) for r in result]
                return collect(list(result.keys()), rows, None, started)
        except Exception as err:
            raise _translate(err) from err

    def replace_graph(self, fill: Callable[[WriteRunner], None],
                      indexes: Iterable[tuple[str, str]]) -> None:
        with self._session(read=False) as session:
            for label, prop in index_ddl_names(indexes):
                session.run(f"CREATE INDEX kb_{label}_{prop} IF NOT EXISTS "
                            f"FOR (n:{label}) ON (n.{prop})").consume()
            with session.begin_transaction() as tx:
                tx.run(get_query("load/clear").cypher).consume()

                def run(cypher: str, params: dict[str, Any]) -> list[tuple]:
                    return [tuple(r.values()) for r in tx.run(cypher, params)]

                try:
                    fill(run)
                except Exception:
                    tx.rollback()
                    raise
                tx.commit()

    def close(self) -> None:
        self._driver.close()
