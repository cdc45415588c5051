"""Neo4j backend through the official ``neo4j`` driver.

Reads run in READ access-mode transactions, which the server refuses to let write, with
the transaction time limit set from the settings; the row cap stops the stream, so a
huge result is never fetched whole. Errors are decided by Neo4j's status codes and
become the store's own exceptions.

A Neo4j database is shared: the knowledge base owns only the nodes of its own labels
(``kb.model.graph_labels``) and a marker node ``(:KnowledgeBase {graph})`` that names it
(``KB_GRAPH_NAME``, unique by a constraint). A load runs as one write transaction that
locks the marker, deletes
the knowledge base's nodes and writes the new ones, so it is committed whole or not at
all, and a second load waits for the first. Nodes of other labels, their relationships,
indexes and constraints are never touched. Indexes are created beforehand (Neo4j does not
mix schema and data changes in one transaction) and are named ``kb_<label>_<property>``.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from neo4j.exceptions import AuthError, DriverError, Neo4jError, ServiceUnavailable, SessionExpired
from neo4j.graph import Node, Path, Relationship

from kb.queries import get_query
from kb.store.base import (
    ForeignData,
    GraphNode,
    GraphPath,
    GraphRelationship,
    GraphStore,
    MultipleStatements,
    PermissionDenied,
    QueryError,
    QueryResult,
    QuerySyntaxError,
    QueryTimeout,
    QueryTooLarge,
    ReadOnlyError,
    StoreError,
    StoreUnavailable,
    WriteRunner,
    collect,
    engine_error,
    index_ddl_names,
    refuse_load_csv,
)

OWNER_CONSTRAINT = ("CREATE CONSTRAINT kb_knowledge_base_graph IF NOT EXISTS "
                    "FOR (kb:KnowledgeBase) REQUIRE kb.graph IS UNIQUE")
"""Schema DDL is the engine's own dialect, so it stays in the backend (as the index DDL does)."""
CONNECT_TIMEOUT_S = 10.0
LOAD_TIMEOUT_S = 3600.0
"""A load's transaction time limit: loads are the product's own and may be large."""

_REFUSALS: dict[str, type[QueryError]] = {
    "Neo.ClientError.Statement.AccessMode": ReadOnlyError,
    "Neo.ClientError.General.ForbiddenOnReadOnlyDatabase": ReadOnlyError,
    "Neo.ClientError.General.WriteOnReadOnlyAccessDatabase": ReadOnlyError,
    "Neo.ClientError.Transaction.TransactionTimedOut": QueryTimeout,
    "Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration": QueryTimeout,
    "Neo.TransientError.Transaction.TransactionTimedOut": QueryTimeout,
    "Neo.TransientError.General.MemoryPoolOutOfMemoryError": QueryTooLarge,
    "Neo.TransientError.General.TransactionMemoryLimit": QueryTooLarge,
    "Neo.ClientError.General.TransactionMemoryLimit": QueryTooLarge,
    "Neo.TransientError.General.OutOfMemoryError": QueryTooLarge,
    "Neo.ClientError.Security.Forbidden": PermissionDenied,
    "Neo.ClientError.Statement.SyntaxError": QuerySyntaxError,
}
"""Neo4j status codes, and the store's exception for each (any other is a ``QueryError``)."""


_PLAIN = frozenset({str, int, float, bool})


def _convert(value: Any) -> Any:
    """Turn neo4j driver values into the store's plain values."""
    if value is None or type(value) in _PLAIN:  # most values: answered before any isinstance
        return value
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


ENGINE_ERRORS = (Neo4jError, DriverError, OSError)
"""What the driver raises; anything else (a fill's own exception, say) passes through as it is."""


def _translate(err: Exception, where: str) -> StoreError:
    """The store's exception for a driver error, decided by Neo4j's status code."""
    if isinstance(err, AuthError):
        return StoreUnavailable(f"{where} refused the user name or password (NEO4J_USERNAME, "
                                "NEO4J_PASSWORD): check them, or ask the database's administrator.")
    if isinstance(err, (ServiceUnavailable, SessionExpired, OSError)):
        return StoreUnavailable(f"Cannot reach {where}: is the server running and the address "
                                f"(NEO4J_URI) right? ({err})")
    code = getattr(err, "code", None) or ""
    message = getattr(err, "message", None) or str(err)
    kind = _REFUSALS.get(code, QueryError)
    if kind is QuerySyntaxError and "exactly one statement" in message:
        kind = MultipleStatements
    if kind is QueryError and code.startswith("Neo.ClientError.Security."):
        return StoreUnavailable(f"{where} refused access: {message}")
    return engine_error(kind, message)


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
            self._driver = GraphDatabase.driver(
                s.graph_url, auth=(s.neo4j_username, s.neo4j_password),
                connection_timeout=CONNECT_TIMEOUT_S, connection_acquisition_timeout=CONNECT_TIMEOUT_S,
                max_transaction_retry_time=0, notifications_min_severity="OFF")
            self._driver.verify_connectivity()
        except (*ENGINE_ERRORS, ValueError) as err:  # ValueError: a malformed URL
            if self._driver is not None:
                self._driver.close()
            raise _as_unavailable(_translate(err, self.description)) from err

    @property
    def backend(self) -> str:
        return "neo4j"

    def _session(self, read: bool) -> Any:
        from neo4j import READ_ACCESS, WRITE_ACCESS

        return self._driver.session(database=self.settings.neo4j_database,
                                    default_access_mode=READ_ACCESS if read else WRITE_ACCESS)

    def read(self, cypher: str, params: dict[str, Any] | None = None, *,
             timeout_ms: int | None = None, row_cap: int | None = -1) -> QueryResult:
        refuse_load_csv(cypher)
        timeout, cap = self._limits(timeout_ms, row_cap)
        return self._capped(lambda text: self._read_text(text, params, timeout, cap), cypher, cap)

    def _read_text(self, text: str, params: dict[str, Any] | None, timeout: int,
                   cap: int | None) -> QueryResult:
        """One read transaction of ``text``; its rows are streamed and the stream stops at ``cap``."""
        started = time.perf_counter()
        try:
            with self._session(read=True) as session, \
                    session.begin_transaction(timeout=timeout / 1000) as tx:
                result = tx.run(text, params or {})
                rows = (tuple(_convert(v) for v in record.values()) for record in result)
                return collect(list(result.keys()), rows, cap, started)
        except ENGINE_ERRORS as err:
            raise _translate(err, self.description) from err

    def write(self, cypher: str, params: dict[str, Any] | None = None) -> QueryResult:
        started = time.perf_counter()
        try:
            with self._session(read=False) as session:
                result = session.run(cypher, params or {})
                rows = [tuple(_convert(v) for v in r.values()) for r in result]
                return collect(list(result.keys()), rows, None, started)
        except ENGINE_ERRORS as err:
            raise _translate(err, self.description) from err

    def replace_graph(self, fill: Callable[[WriteRunner], None],
                      indexes: Iterable[tuple[str, str]], labels: Iterable[str] = ()) -> None:
        owned = sorted(set(labels))
        try:
            with self._session(read=False) as session:
                self._check_owner(session, owned)
                session.run(OWNER_CONSTRAINT).consume()
                for label, prop in index_ddl_names(indexes):
                    session.run(f"CREATE INDEX kb_{label}_{prop} IF NOT EXISTS "
                                f"FOR (n:{label}) ON (n.{prop})").consume()
                with session.begin_transaction(timeout=LOAD_TIMEOUT_S) as tx:
                    self._fill_owned(tx, owned, fill)
                    tx.commit()
        except ENGINE_ERRORS as err:
            raise _translate(err, self.description) from err

    def _check_owner(self, session: Any, owned: list[str]) -> None:
        """Refuse to take over nodes of ``owned`` labels that this knowledge base did not write."""
        owners, nodes = session.run(get_query("load/owner").cypher, {"labels": owned}).single()
        name = self.settings.graph_name
        others = sorted(set(owners) - {name})
        if others:
            raise ForeignData(
                f"This Neo4j database holds the knowledge base {others[0]!r}, not {name!r}: set "
                f"KB_GRAPH_NAME={others[0]} to replace it, or use another database (NEO4J_DATABASE).")
        if nodes and not owners:
            raise ForeignData(
                f"This Neo4j database holds {nodes} nodes labelled {', '.join(owned)} that no knowledge "
                "base wrote; a load would replace them. Use another database (NEO4J_DATABASE), or "
                "relabel those nodes first.")

    def _fill_owned(self, tx: Any, owned: list[str], fill: Callable[[WriteRunner], None]) -> None:
        """Lock the marker (a second load waits here), clear the owned nodes, fill, mark again."""
        name = self.settings.graph_name
        tx.run(get_query("load/lock_owner").cypher, {"name": name}).consume()
        tx.run(get_query("load/clear").cypher, {"labels": owned}).consume()

        def run(cypher: str, params: dict[str, Any]) -> list[tuple]:
            return [tuple(r.values()) for r in tx.run(cypher, params)]

        fill(run)
        tx.run(get_query("load/mark_owner").cypher, {"name": name, "labels": owned}).consume()

    def version(self) -> str | None:
        """The marker's version token, a new UUID with every load and update."""
        return self.read(get_query("load/version").cypher, {"name": self.settings.graph_name},
                         row_cap=None).scalar()  # the product's own read: the internal limit

    def close(self) -> None:
        self._driver.close()

    def update_graph(self, fill: Callable[[WriteRunner], None]) -> None:
        """Run ``fill`` in one write transaction that first takes the knowledge base's load lock
        (query ``load/lock_owner``): committed whole, or rolled back if anything raises."""
        try:
            with self._session(read=False) as session, \
                    session.begin_transaction(timeout=LOAD_TIMEOUT_S) as tx:
                tx.run(get_query("load/lock_owner").cypher, {"name": self.settings.graph_name}).consume()

                def run(cypher: str, params: dict[str, Any]) -> list[tuple]:
                    return [tuple(r.values()) for r in tx.run(cypher, params)]

                fill(run)
                tx.commit()
        except ENGINE_ERRORS as err:
            raise _translate(err, self.description) from err


def _as_unavailable(err: StoreError) -> StoreError:
    """Errors while connecting all mean the store cannot be used: report them as unavailable."""
    return err if isinstance(err, StoreUnavailable) else StoreUnavailable(str(err))
