"""FalkorDB backends: the embedded default (``falkordblite``) and a FalkorDB server.

Reads go through ``GRAPH.RO_QUERY``, which the engine refuses for anything that
writes, with the engine's own time limit. A load builds a new graph under a
temporary name and swaps it in with Redis ``RENAME``, which is atomic: readers see
the old graph or the new one, never a mix.
"""

from __future__ import annotations

import functools
import itertools
import time
import uuid
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import numpy as np
from filelock import FileLock, Timeout
from redis.exceptions import ConnectionError as ServerGone
from redis.exceptions import ResponseError

from kb.settings import Settings
from kb.store.base import (
    GraphNode,
    GraphPath,
    GraphRelationship,
    GraphStore,
    LoadInProgress,
    MultipleStatements,
    QueryError,
    QueryResult,
    QuerySyntaxError,
    QueryTimeout,
    QueryTooLarge,
    ReadOnlyError,
    StoreUnavailable,
    WriteRunner,
    collect,
    engine_error,
    index_ddl_names,
    refuse_load_csv,
)
from kb.store.bulk_format import RelationshipColumns, pack_column, pack_ends, pack_entities, pack_header

STAGING_MARK = "__loading_"
VERSION_KEY = "kb-version:"
"""Prefix of the Redis key that holds a graph's version token (``GraphStore.version``)."""
LOAD_WAIT_SECONDS = 30.0
"""How long a load waits for another load on the same embedded database before giving up."""

MAX_QUEUED_QUERIES = 256
"""Most queries the embedded engine queues behind the running ones; past it, new ones are refused."""
FORK_WAIT_SECONDS = 60.0
"""How long a partial update waits for the server's own background save to end (``_copy_graph``)."""
SOCKET_MARGIN_S = 60.0
"""Seconds the client waits beyond the engine's longest time limit (a query may queue first)."""

DURABILITY = {"appendonly": "yes", "appendfsync": "always"}
"""Embedded server config: every write is in the append-only log on disk before it returns."""


def _convert(value: Any) -> Any:
    """Turn FalkorDB client values into the store's plain values."""
    if value is None or isinstance(value, (str, int, float)):
        return value
    from falkordb.edge import Edge
    from falkordb.node import Node
    from falkordb.path import Path as FPath

    if isinstance(value, Node):
        return GraphNode(value.id, tuple(value.labels or ()), dict(value.properties))
    if isinstance(value, Edge):
        return GraphRelationship(value.id, value.relation, _node_id(value.src_node),
                                 _node_id(value.dest_node), dict(value.properties))
    if isinstance(value, FPath):
        return GraphPath(tuple(_convert(n) for n in value.nodes()),
                         tuple(_convert(e) for e in value.edges()))
    if isinstance(value, list):
        return [_convert(v) for v in value]
    if isinstance(value, dict):
        return {k: _convert(v) for k, v in value.items()}
    return value


def _node_id(node: Any) -> Any:
    return getattr(node, "id", node)


_ERRORS: tuple[tuple[str, type[QueryError]], ...] = (
    ("read-only", ReadOnlyError), ("RO_QUERY", ReadOnlyError), ("Query timed out", QueryTimeout),
    ("mem consumption exceeded capacity", QueryTooLarge), ("more than one statement", MultipleStatements),
    ("errCtx:", QuerySyntaxError),
)
"""FalkorDB's errors carry no codes: a mark in the message text, and the store's exception for it."""


def _translate(err: Exception) -> QueryError:
    """The store's exception for a FalkorDB error (``_ERRORS``; any other is a ``QueryError``)."""
    text = str(err)
    kind = next((kind for mark, kind in _ERRORS if mark in text), QueryError)
    return engine_error(kind, text.replace("errMsg: ", "").split(" errCtx:")[0])


def _params_header(params: dict[str, Any] | None) -> str:
    """Parameters as FalkorDB takes them, a ``CYPHER name=value ...`` prefix of the query text
    (values written by the client's ``stringify_param_value``)."""
    from falkordb.helpers import stringify_param_value

    if not params:
        return ""
    return "CYPHER " + "".join(f"`{name}`={stringify_param_value(value)} " for name, value in params.items())


_SCALARS: dict[int, Callable[[Any], Any]] = {
    1: lambda value: None,  # null
    2: lambda value: value,  # string
    3: lambda value: value,  # integer
    4: lambda value: value == "true",  # boolean
    5: float,  # double
}
"""FalkorDB's compact result types that are plain values, and how to read each."""


_ARRAY, _MAP = 6, 10
"""FalkorDB's compact types for a list and a map (of ``[type, value]`` pairs, and of keys
alternating with such pairs)."""


def _plain(kind: int, value: Any) -> Any:
    """A compact reply value that holds no node, relationship or path, read directly (lists
    and maps recursively); raises KeyError for any other kind."""
    if kind == _ARRAY:
        return [_plain(k, v) for k, v in value]
    if kind == _MAP:
        return {value[i]: _plain(*value[i + 1]) for i in range(0, len(value), 2)}
    return _SCALARS[kind](value)


def _scalar_result(response: list[Any]) -> tuple[list[str], list[tuple]] | None:
    """Columns and rows of a compact reply made only of plain values (scalars, and lists and
    maps of them), read directly.

    The client's parser costs most of a large read (about 30 microseconds a row of a map and
    two lists); nodes, relationships, paths and the rarer types return None and go through it.
    Raises the engine's error when the reply carries one (a timeout, say).
    """
    if response and isinstance(response[-1], Exception):
        raise response[-1]
    if len(response) < 3:
        return [], []
    columns = [name for _, name in response[0]]
    rows = []
    try:
        for record in response[1]:
            rows.append(tuple([_plain(kind, value) for kind, value in record]))
    except KeyError:
        return None
    return columns, rows


def _rows(result: Any) -> tuple[list[str], Iterator[tuple]]:
    columns = [h[1] for h in (result.header or [])]
    return columns, (tuple(_convert(v) for v in row) for row in result.result_set)


def _runner(graph: Any) -> WriteRunner:
    """A ``WriteRunner`` on ``graph`` (a staging graph) with the engine's errors in words."""
    def run(cypher: str, params: dict[str, Any]) -> list[tuple]:
        try:
            return list(graph.query(cypher, params).result_set)
        except Exception as err:
            raise _translate(err) from err

    return run


def _create_indexes(graph: Any, indexes: Iterable[tuple[str, str]]) -> None:
    for label, prop in index_ddl_names(indexes):
        graph.query(f"CREATE INDEX FOR (n:{label}) ON (n.{prop})")


NodeGroup = tuple[str, list[dict[str, Any]]] | tuple[str, list[dict[str, Any]], Sequence[str]]
"""A label and the property maps of its nodes; with a third item, the names of the properties
(a map's other entries are not stored)."""
Relationships = list[tuple[int, int, dict[str, Any]]] | RelationshipColumns
RelationshipGroup = tuple[str, Relationships] | tuple[str, Relationships, Sequence[str]]
"""A relationship type and its relationships as (start node id, end node id, properties) or by
column; with a third item, the names of the properties, as for ``NodeGroup``."""

BULK_CALL_BYTES = 8_000_000
"""Most bytes of entities sent in one ``GRAPH.BULK`` call (the engine accepts up to 512 MB)."""


BULK_BATCH = 100_000
"""Entities encoded at a time (bounds the memory the encoding takes beside the dataset)."""


def _group_tokens(name: str, entities: Any, is_node: bool,
                  names: Sequence[str] | None = None) -> Iterator[tuple[bytes, int]]:
    """Tokens of one label or type, each at most about ``BULK_CALL_BYTES``, with their entity
    counts: a token is cut after the entity that takes it to the limit. Encoded by column
    (``kb.store.bulk_format``), ``BULK_BATCH`` entities at a time. The properties are ``names``
    (default: every key of the maps) that some entity has."""
    ends = None if is_node else RelationshipColumns.of(entities)
    props = entities if ends is None else ends.properties
    if names is None:
        keys = list(dict.fromkeys(itertools.chain.from_iterable(props)))
    else:
        keys = [k for k in names if any(k in p for p in props)]
    header = pack_header(name, keys)
    parts: list[bytes] = [header]
    size, count = len(header), 0
    for first in range(0, len(props), BULK_BATCH):
        batch = props[first:first + BULK_BATCH]
        columns = [pack_column([p.get(k) for p in batch]) for k in keys]
        if ends is not None:
            last = first + BULK_BATCH
            columns.insert(0, pack_ends(ends.starts[first:last], ends.ends[first:last]))
        offsets, data = pack_entities(columns, len(batch))
        done = 0
        while done < len(batch):  # cut where the token reaches the limit
            reach = int(np.searchsorted(offsets, offsets[done] + BULK_CALL_BYTES - size, "left"))
            end = min(max(reach, done + 1), len(batch))
            parts.append(bytes(data[offsets[done]:offsets[end]]))
            size, count = size + int(offsets[end] - offsets[done]), count + end - done
            done = end
            if size >= BULK_CALL_BYTES:
                yield b"".join(parts), count
                parts, size, count = [header], len(header), 0
    if count:
        yield b"".join(parts), count


def socket_timeout(settings: Settings) -> float:
    """Seconds the client waits for a reply: the longest time limit the engine enforces
    (``max(query_timeout_ms, internal_timeout_ms)``) plus ``SOCKET_MARGIN_S``, so the engine's
    own limit always ends a query first. (redis-py 8 waits 5 s by default, which cut off
    internal reads, such as the change report's, that the engine allows minutes.)"""
    return max(settings.query_timeout_ms, settings.internal_timeout_ms) / 1000 + SOCKET_MARGIN_S


def bulk_commands(nodes: Iterable[NodeGroup],
                  relationships: Iterable[RelationshipGroup]) -> Iterator[list[Any]]:
    """Arguments of successive ``GRAPH.BULK`` calls that build a new graph (the first says BEGIN),
    encoded as they are asked for.

    Format (FalkorDB's bulk insert, as ``falkordb-bulk-loader`` writes it): node count,
    relationship count, label count, type count, then one token per label and per type:
    its name, its property names, and its entities' packed properties.
    """
    tokens = itertools.chain(
        ((t, n, True) for name, rows, *names in nodes for t, n in _group_tokens(name, rows, True, *names)),
        ((t, n, False) for name, rels, *names in relationships
         for t, n in _group_tokens(name, rels, False, *names)))
    first = True
    for token, count, is_node in tokens:
        counts = [count, 0, 1, 0] if is_node else [0, count, 0, 1]
        yield (["BEGIN"] if first else []) + counts + [token]
        first = False


@dataclass
class FalkorStore(GraphStore):
    """A FalkorDB server reached at ``falkordb://host:port`` (or ``redis://``)."""

    _db: Any = field(default=None, init=False, repr=False)

    def __post_init__(self) -> None:
        self._db = self._connect()
        self._ensure_graph(self.settings.graph_name)

    @property
    def backend(self) -> str:
        return "falkordb"

    def _connect(self) -> Any:
        from falkordb import FalkorDB

        url = urlparse(self.settings.graph_url)
        self.description = f"FalkorDB server at {url.hostname}:{url.port or 6379}"
        try:
            db = FalkorDB(host=url.hostname or "localhost", port=url.port or 6379,
                          username=url.username, password=url.password,
                          socket_timeout=socket_timeout(self.settings))
            db.connection.ping()
        except Exception as err:  # the client raises several connection error types
            raise StoreUnavailable(f"Cannot reach {self.description}: {err}") from err
        return db

    def _ensure_graph(self, name: str) -> None:
        if name not in self._db.list_graphs():
            self._db.select_graph(name).query("RETURN 1")  # creates an empty graph

    @property
    def graph(self) -> Any:
        """The client's handle of the current graph."""
        return self._db.select_graph(self.settings.graph_name)

    def read(self, cypher: str, params: dict[str, Any] | None = None, *,
             timeout_ms: int | None = None, row_cap: int | None = -1) -> QueryResult:
        refuse_load_csv(cypher)
        self._revive()
        try:
            return self._read(cypher, params, timeout_ms, row_cap)
        except ServerGone as err:
            self._reconnect()  # not sent again: this very query may be what stopped the server
            raise StoreUnavailable(
                "The database server stopped while it ran this query, most likely because the query "
                "needed more memory than the server may use (KB_SERVER_MEMORY_MB). The server has "
                "been started again and nothing stored was lost; narrow the query.") from err

    def _revive(self) -> None:
        """Before a query: connect anew if the server is known to have died (embedded only)."""

    def _reconnect(self) -> None:
        """Connect anew; on failure say so in words (``StoreUnavailable``)."""
        with suppress(ServerGone):
            self._db.connection.close()
        self._db = self._connect()

    def _read(self, cypher: str, params: dict[str, Any] | None, timeout_ms: int | None,
              row_cap: int | None) -> QueryResult:
        timeout, cap = self._limits(timeout_ms, row_cap)
        header = _params_header(params)
        return self._capped(lambda text: self._read_text(header + text, timeout, cap), cypher, cap)

    def _read_text(self, text: str, timeout: int, cap: int | None) -> QueryResult:
        """One ``GRAPH.RO_QUERY`` of ``text`` (parameters included), at most ``cap`` rows kept."""
        from falkordb import QueryResult as ClientResult

        started = time.perf_counter()
        graph = self.graph
        try:
            response = graph.execute_command("GRAPH.RO_QUERY", graph.name, text, "--compact",
                                             "timeout", timeout)
            scalar = _scalar_result(response)
            if scalar is not None:
                return collect(*scalar, cap, started)
            columns, rows = _rows(ClientResult(graph, response))
        except ServerGone:
            raise
        except Exception as err:
            raise _translate(err) from err
        return collect(columns, rows, cap, started)

    def write(self, cypher: str, params: dict[str, Any] | None = None) -> QueryResult:
        self._revive()
        started = time.perf_counter()
        try:
            result = self.graph.query(cypher, params or None)
        except ServerGone as err:  # not retried: the write may or may not have happened
            self._reconnect()
            raise StoreUnavailable(f"The {self.description} went away during this write; it is "
                                   "running again. Check whether the change was made, then retry.") from err
        except Exception as err:
            raise _translate(err) from err
        columns, rows = _rows(result)
        return collect(columns, rows, None, started)

    def replace_graph(self, fill: Callable[[WriteRunner], None],
                      indexes: Iterable[tuple[str, str]], labels: Iterable[str] = ()) -> None:
        def build(staging: Any) -> None:
            staging.query("RETURN 1")
            _create_indexes(staging, indexes)
            fill(_runner(staging))

        self._build_and_swap(build)

    def replace_graph_bulk(self, nodes: Iterable[NodeGroup], relationships: Iterable[RelationshipGroup],
                           indexes: Iterable[tuple[str, str]]) -> None:
        """Build a new graph with the engine's ``GRAPH.BULK`` command and swap it in at once.

        Node ids are positions: the first node of the first group is 0, the next 1, and so
        on across groups; relationships name their ends by those ids. All or nothing, as
        ``replace_graph``; several times faster, because rows travel in the engine's binary
        bulk format instead of as Cypher parameters the client writes out as text. One call
        is sent (by a second thread) while the next is encoded, in order.
        """
        def build(staging: Any) -> None:
            send = functools.partial(self._db.connection.execute_command, "GRAPH.BULK", staging.name)
            with ThreadPoolExecutor(max_workers=1) as sender:
                try:
                    pending = None
                    for args in bulk_commands(nodes, relationships):
                        if pending is not None:
                            pending.result()
                        pending = sender.submit(send, *args)
                    if pending is not None:
                        pending.result()
                except Exception as err:
                    raise _translate(err) from err
            staging.query("RETURN 1")  # creates the graph when there was nothing to send
            _create_indexes(staging, indexes)

        self._build_and_swap(build)

    def _build_and_swap(self, build: Callable[[Any], None]) -> None:
        """Run ``build`` on a new staging graph, then rename it over the current graph."""
        staging_name = f"{self.settings.graph_name}{STAGING_MARK}{uuid.uuid4().hex[:8]}"
        staging = self._db.select_graph(staging_name)
        try:
            build(staging)
            self._db.connection.rename(staging_name, self.settings.graph_name)
            self._db.connection.set(self._version_key, uuid.uuid4().hex)
        except ResponseError as err:  # the engine refused a statement of the build
            raise _translate(err) from err
        finally:
            if staging_name in self._db.list_graphs():
                staging.delete()

    @property
    def _version_key(self) -> str:
        return f"{VERSION_KEY}{self.settings.graph_name}"

    def version(self) -> str | None:
        """Set anew after every swap (a plain key beside the graph in the same server)."""
        self._revive()
        value = self._db.connection.get(self._version_key)
        return value.decode() if isinstance(value, bytes) else value

    def drop_stale_staging(self) -> None:
        """Delete graphs left behind by loads that were killed before they finished."""
        prefix = self.settings.graph_name + STAGING_MARK
        for name in self._db.list_graphs():
            if name.startswith(prefix):
                self._db.select_graph(name).delete()

    def close(self) -> None:
        self._db.connection.close()

    def _copy_graph(self, source: str, target: str) -> None:
        """``GRAPH.COPY source target``. The engine copies in a forked child, and the server runs
        one child at a time: while it saves or rewrites its append-only log (which it starts on
        its own as the log grows) the copy is refused with "could not fork". Then wait for that
        child and try again, for at most ``FORK_WAIT_SECONDS``."""
        deadline = time.monotonic() + FORK_WAIT_SECONDS
        while True:
            try:
                self._db.connection.execute_command("GRAPH.COPY", source, target)
                return
            except ResponseError as err:
                if "could not fork" not in str(err) or time.monotonic() > deadline:
                    raise
                time.sleep(0.1)

    def update_graph(self, fill: Callable[[WriteRunner], None]) -> None:
        """Copy the live graph to a staging name (``GRAPH.COPY``), run ``fill`` on the copy and
        rename the copy over the live graph, as a load does (and under the same load lock)."""
        def build(staging: Any) -> None:
            if self.settings.graph_name in self._db.list_graphs():
                self._copy_graph(self.settings.graph_name, staging.name)
            else:
                staging.query("RETURN 1")
            fill(_runner(staging))

        self._build_and_swap(build)


@contextmanager
def _file_lock(path: Path, wait_seconds: float | None) -> Iterator[None]:
    """Hold an exclusive lock on ``path`` (``filelock``); wait at most ``wait_seconds`` (None: forever)."""
    lock = FileLock(path, timeout=-1 if wait_seconds is None else wait_seconds)
    try:
        lock.acquire()
    except Timeout:
        raise LoadInProgress(f"Another load into {path.parent} has been running for over "
                             f"{wait_seconds:.0f} s; try again when it has finished.") from None
    try:
        yield
    finally:
        lock.release()


def _kill_and_wait(pid: int, seconds: float = 5.0) -> None:
    """Kill process ``pid`` and wait until it is gone."""
    import psutil

    try:
        process = psutil.Process(pid)
        process.kill()
        process.wait(timeout=seconds)
    except (psutil.NoSuchProcess, psutil.TimeoutExpired):
        pass


@dataclass
class EmbeddedStore(FalkorStore):
    """FalkorDB embedded through ``falkordblite``: a private server on a Unix socket.

    The database lives in a folder (``embedded:DIR``) and survives restarts. Processes
    that open the same folder share one server: opening is serialised by a file lock,
    so two processes never start two servers on one file (which would lose writes),
    and loads are serialised by a second lock.
    """

    @property
    def backend(self) -> str:
        return "embedded"

    @property
    def folder(self) -> Path:
        """The folder that holds the database files."""
        spec = self.settings.graph_url.removeprefix("embedded:") or ".kb"
        return Path(spec).expanduser().resolve()

    def _connect(self) -> Any:
        from redislite.falkordb_client import FalkorDB

        folder = self.folder
        self.description = f"embedded FalkorDB in {folder}"
        try:
            folder.mkdir(parents=True, exist_ok=True)
            with _file_lock(folder / "open.lock", wait_seconds=None):
                db = FalkorDB(str(folder / "graph.rdb"), serverconfig=dict(DURABILITY),
                              socket_timeout=socket_timeout(self.settings))
                self._limit_engine(db)
                return db
        except Exception as err:
            raise StoreUnavailable(f"Cannot start the {self.description}: {err}") from err

    def _server_alive(self) -> bool:
        """Whether the server process runs; a dead child of this process is reaped (a zombie
        still looks alive to the library)."""
        import psutil

        try:
            server = psutil.Process(self._db.client.pid)
            if server.status() != psutil.STATUS_ZOMBIE:
                return True
            server.wait(timeout=5)
        except psutil.Error:
            pass
        return False

    def _revive(self) -> None:
        if not self._server_alive():
            self._reconnect()

    def _reconnect(self) -> None:
        """Connect anew, which starts a new server from the files on disk if the old one died."""
        self._server_alive()
        super()._reconnect()

    def _limit_engine(self, db: Any) -> None:
        """The engine's own limits, so one query cannot take the server down for everyone.

        Per query: at most ``query_memory_mb`` (the engine stops it with an error), and as
        default and hard time limit the longest limit the product uses (reads pass their own,
        shorter one; the default also covers the load's own statements);
        at most ``MAX_QUEUED_QUERIES`` waiting. For the server process: an address-space limit
        of ``server_memory_mb``, so an allocation the engine does not count (a huge ``range()``)
        ends the server within seconds instead of eating the host's memory; the store then
        starts it again from its files (``read`` reconnects), and nothing written is lost.
        """
        import psutil

        s = self.settings
        longest = max(s.query_timeout_ms, s.internal_timeout_ms)
        limits = [("QUERY_MEM_CAPACITY", s.query_memory_mb * 2**20),
                  ("TIMEOUT_MAX", 0),  # unlimited for a moment: the default may not exceed the maximum
                  ("TIMEOUT_DEFAULT", longest), ("TIMEOUT_MAX", longest),
                  ("MAX_QUEUED_QUERIES", MAX_QUEUED_QUERIES)]
        for name, value in limits:
            db.connection.execute_command("GRAPH.CONFIG", "SET", name, value)
        server_bytes = s.server_memory_mb * 2**20
        psutil.Process(db.client.pid).rlimit(psutil.RLIMIT_AS, (server_bytes, server_bytes))

    def _build_and_swap(self, build: Callable[[Any], None]) -> None:
        with _file_lock(self.folder / "load.lock", wait_seconds=LOAD_WAIT_SECONDS):
            self.drop_stale_staging()
            super()._build_and_swap(build)

    def close(self) -> None:
        """Disconnect; the last user of the server also stops it.

        Every acknowledged write is already on disk (``DURABILITY``), so the server is
        stopped with SIGKILL instead of its orderly shutdown, which takes about 4 s.
        """
        client = self._db.client
        with _file_lock(self.folder / "open.lock", wait_seconds=None):
            pid = client.pid
            try:
                last = _connections(client) <= 1
            except ServerGone:  # the server is dead already: reap it and clean up after it
                last = True
            if pid and last:
                _kill_and_wait(pid)
            client._cleanup()  # falkordblite's own: without it, its atexit hook stops a shared server


def _connections(client: Any) -> int:
    """How many clients are connected to the server (this one included), as falkordblite counts
    them: connections over the socket or TCP (flag U or N), not the server's own."""
    return sum(1 for entry in client.client_list() if set(entry.get("flags", "").upper()) & {"U", "N"})
