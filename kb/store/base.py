"""The graph store interface that every engine implements, and the values it returns.

A store runs Cypher. Reads are refused by the engine itself when they would write,
stop at a time limit and return at most a row cap; ``replace_graph`` swaps in a whole
new graph at once (all or nothing), which is how datasets are loaded.
"""

from __future__ import annotations

import re
import time
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Iterator
from contextlib import suppress
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from kb.settings import Settings

WriteRunner = Callable[[str, dict[str, Any]], list[tuple]]
"""Runs one write statement with parameters inside a graph being built; returns its rows."""


_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def index_ddl_names(indexes: Iterable[tuple[str, str]]) -> list[tuple[str, str]]:
    """The (label, property) pairs of ``indexes``, refused unless each is a plain identifier.

    Index DDL cannot take parameters and differs per engine, so the backends write it from
    these names; they come from ``kb.model``, and this check keeps anything else out.
    """
    pairs = list(indexes)
    for label, prop in pairs:
        if not (_IDENTIFIER.fullmatch(label) and _IDENTIFIER.fullmatch(prop)):
            raise ValueError(f"not an index on a model label and property: {label!r}, {prop!r}")
    return pairs


class StoreError(Exception):
    """A problem talking to the graph engine, in words a person can act on."""


class StoreUnavailable(StoreError):
    """The engine cannot be reached or started."""


class QueryError(StoreError):
    """The engine refused or failed a query (syntax, unknown function, ...)."""


class ReadOnlyError(QueryError):
    """A read-only query tried to change the graph."""


class QuerySyntaxError(QueryError):
    """The engine could not read the query's text."""


class MultipleStatements(QuerySyntaxError):
    """The query holds several statements; the engines run one at a time."""


class QueryTimeout(QueryError):
    """A query ran past its time limit."""


class QueryTooLarge(QueryError):
    """A query needed more memory than the engine allows one query."""


class PermissionDenied(QueryError):
    """The database user lacks a privilege the operation needs."""


class LoadInProgress(StoreError):
    """Another process is loading into the same database."""


class ForeignData(StoreError):
    """The database holds nodes of the knowledge base's labels that it did not write."""


MESSAGES: dict[type[StoreError], str] = {
    ReadOnlyError: "This query would change the graph, and this console only reads. "
                   "Remove CREATE, MERGE, SET, DELETE, REMOVE and index changes.",
    QueryTimeout: "The query ran past its time limit and was stopped. "
                  "Narrow it (a LIMIT, a WHERE, shorter paths) or raise the limit.",
    QueryTooLarge: "The query needed more memory than the database allows one query, and was "
                   "stopped. Narrow it (a LIMIT, fewer rows collected into lists) or aggregate sooner.",
    PermissionDenied: "The database user may not do this. Ask the database's administrator for the "
                      "privilege, or use a user that has it (README: 'Use Neo4j').",
    MultipleStatements: "Run one statement at a time: this query holds several, separated by ';'.",
}
"""What each kind of refusal tells a person, the same on every engine; backends map engine codes here."""


def refusal(kind: type[QueryError], detail: str = "") -> QueryError:
    """The store's exception of ``kind`` with its message from ``MESSAGES`` (and a detail, if any)."""
    return kind(MESSAGES[kind] + (f" ({detail})" if detail else ""))


def engine_error(kind: type[QueryError], engine_message: str) -> QueryError:
    """The store's exception for an engine error a backend has classified as ``kind``: in the
    words of ``MESSAGES`` where the kind has them, else in the engine's own (a syntax error's
    position, an unknown function's name)."""
    return refusal(kind) if kind in MESSAGES else kind(engine_message)


_UNION = re.compile(r"\bUNION\b", re.IGNORECASE)


def limited(cypher: str, cap: int | None) -> str | None:
    """``cypher`` with ``LIMIT cap + 1`` on a line of its own after it, so the engine stops one row
    past the cap instead of producing (and sending) every row; None when there is no cap.

    Appended to a query that ends in RETURN (with or without ORDER BY, SKIP), the LIMIT keeps
    the query's first rows in their order. Where it would not (a UNION: the LIMIT would bind
    to the last part only) this returns None; where the engine cannot parse it (the query
    has a LIMIT of its own, ends in a CALL) the engine says so and ``GraphStore._capped``
    runs the query as written.
    """
    if cap is None or _UNION.search(cypher):
        return None
    return f"{cypher}\nLIMIT {cap + 1}"


_LOAD_CSV = re.compile(r"\bLOAD(?:\s|/\*.*?\*/|//[^\n]*\n)+CSV\b", re.IGNORECASE | re.DOTALL)
_EXTERNAL_PROCEDURES = re.compile(
    r"\b(?:apoc(?:\s*\.\s*(?:load|import|export|cypher|periodic|systemdb|trigger|custom|"
    r"util\s*\.\s*(?:validate|sleep)|bolt|es|mongo|couchbase|redis|model)\b)|dbms\s*\.\s*(?:setConfigValue|"
    r"killQuer|killTransaction|security))",
    re.IGNORECASE)


def refuse_load_csv(cypher: str) -> None:
    """Raise ``QueryError`` when ``cypher`` holds LOAD CSV or calls a procedure that reaches out.

    Engines allow both in reads: LOAD CSV and APOC's load, import, export and cypher
    procedures make the database server open files, fetch web addresses of the caller's
    choosing or run statements the read check never saw, so a read (the console) may not
    use them; the product loads through ``kb.load``.
    """
    if _LOAD_CSV.search(cypher):
        raise QueryError("LOAD CSV is not allowed here: it would make the database server open files "
                         "or fetch web addresses. Load data with 'kb load' or the app's load page.")
    procedure = _EXTERNAL_PROCEDURES.search(cypher.replace("`", ""))
    if procedure:
        raise QueryError(f"{procedure.group(0)} is not allowed here: such procedures open files, fetch "
                         "web addresses, run other statements or change the server. "
                         "Load data with 'kb load'.")


@dataclass(frozen=True)
class GraphNode:
    """A node returned by a query: engine id, labels and properties."""

    id: int | str
    labels: tuple[str, ...]
    properties: dict[str, Any]


@dataclass(frozen=True)
class GraphRelationship:
    """A relationship returned by a query, with the ids of its two ends."""

    id: int | str
    type: str
    start: int | str
    end: int | str
    properties: dict[str, Any]


@dataclass(frozen=True)
class GraphPath:
    """A path returned by a query: its nodes and relationships in order."""

    nodes: tuple[GraphNode, ...]
    relationships: tuple[GraphRelationship, ...]


@dataclass
class QueryResult:
    """Columns and rows of a query; ``truncated`` is True when the row cap cut it."""

    columns: list[str]
    rows: list[tuple]
    truncated: bool = False
    elapsed_ms: float = 0.0
    row_cap: int | None = None

    def records(self) -> list[dict[str, Any]]:
        """Rows as dictionaries keyed by column."""
        return [dict(zip(self.columns, row)) for row in self.rows]

    def to_frame(self) -> pd.DataFrame:
        """Rows as a pandas DataFrame (graph values left as they are)."""
        return pd.DataFrame(self.rows, columns=self.columns)

    def scalar(self) -> Any:
        """The first value of the first row, or None when there is no row."""
        return self.rows[0][0] if self.rows else None

    def graph_elements(self) -> tuple[list[GraphNode], list[GraphRelationship]]:
        """Every node and relationship anywhere in the result (in lists, maps and paths)."""
        nodes: dict[Any, GraphNode] = {}
        rels: dict[Any, GraphRelationship] = {}
        for value in _walk(self.rows):
            if isinstance(value, GraphNode):
                nodes[value.id] = value
            elif isinstance(value, GraphRelationship):
                rels[value.id] = value
        return list(nodes.values()), list(rels.values())


def _walk(value: Any) -> Iterator[Any]:
    if isinstance(value, (list, tuple)):
        for item in value:
            yield from _walk(item)
    elif isinstance(value, dict):
        for item in value.values():
            yield from _walk(item)
    elif isinstance(value, GraphPath):
        yield from value.nodes
        yield from value.relationships
    else:
        yield value


def collect(columns: list[str], records: Iterable[tuple], row_cap: int | None,
            started: float) -> QueryResult:
    """Take at most ``row_cap`` rows from ``records`` into a ``QueryResult``."""
    rows: list[tuple] = []
    truncated = False
    for record in records:
        if row_cap is not None and len(rows) >= row_cap:
            truncated = True
            break
        rows.append(tuple(record))
    elapsed = (time.perf_counter() - started) * 1000
    return QueryResult(columns, rows, truncated, elapsed, row_cap)


@dataclass
class GraphStore(ABC):
    """One graph database. Subclasses implement the engine-specific parts."""

    settings: Settings
    description: str = field(default="", init=False)

    @property
    @abstractmethod
    def backend(self) -> str:
        """Short name of the engine: 'embedded', 'falkordb' or 'neo4j'."""

    @abstractmethod
    def read(self, cypher: str, params: dict[str, Any] | None = None, *,
             timeout_ms: int | None = None, row_cap: int | None = -1) -> QueryResult:
        """Run a read-only query, refused by the engine if it would write (and LOAD CSV, always).

        ``row_cap`` -1 means the settings' cap and None means no cap: the product's own
        bulk reads (export, analyses). ``timeout_ms`` defaults to the settings' limit for
        capped reads (the console's) and to the longer internal limit for uncapped ones.
        """

    @abstractmethod
    def write(self, cypher: str, params: dict[str, Any] | None = None) -> QueryResult:
        """Run a query that may change the graph (the CLI's ``--write``)."""

    @abstractmethod
    def replace_graph(self, fill: Callable[[WriteRunner], None],
                      indexes: Iterable[tuple[str, str]], labels: Iterable[str] = ()) -> None:
        """Build a new graph with ``fill`` and swap it in for the current one at once.

        If ``fill`` raises, the current graph is left exactly as it was.
        ``indexes`` lists (label, property) pairs to index in the new graph. ``labels`` are
        the node labels the graph owns: where the engine has no separate graphs (Neo4j),
        only nodes of these labels are replaced and every other node is left alone.
        """

    @abstractmethod
    def version(self) -> str | None:
        """A token that changes whenever the graph is replaced or updated, by any process (None
        before the first load); readers compare it to know that cached results are stale."""

    @abstractmethod
    def update_graph(self, fill: Callable[[WriteRunner], None]) -> None:
        """Run ``fill``'s write statements against the current graph as one atomic change.

        All or nothing: if ``fill`` raises, the graph is left exactly as it was; readers see
        the graph before the change or after it, never in between.
        """

    @abstractmethod
    def close(self) -> None:
        """Release the connection (and the embedded server when no one else uses it)."""

    def _capped(self, run: Callable[[str], QueryResult], cypher: str, cap: int | None) -> QueryResult:
        """``run(cypher)`` with the row cap at the engine (``limited``): the client then receives
        at most ``cap + 1`` rows, which bounds its time and memory. A query the limited text does
        not fit is run as written, and the cap applies as its rows are read."""
        text = limited(cypher, cap)
        if text is not None:
            with suppress(QuerySyntaxError):  # the LIMIT did not fit; the query's own errors show below
                return run(text)
        return run(cypher)

    def _limits(self, timeout_ms: int | None, row_cap: int | None) -> tuple[int, int | None]:
        if timeout_ms is not None:
            timeout = timeout_ms
        elif row_cap is None:
            timeout = self.settings.internal_timeout_ms
        else:
            timeout = self.settings.query_timeout_ms
        cap = self.settings.row_cap if row_cap == -1 else row_cap
        return timeout, cap

    def __enter__(self) -> GraphStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
