"""FalkorDB backends: the embedded default (``falkordblite``) and a FalkorDB server.

Reads go through ``GRAPH.RO_QUERY``, which the engine refuses for anything that
writes, with the engine's own time limit. A load builds a new graph under a
temporary name and swaps it in with Redis ``RENAME``, which is atomic: readers see
the old graph or the new one, never a mix.
"""

from __future__ import annotations

import fcntl
import os
import time
import uuid
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from kb.store.base import (
    GraphNode,
    GraphPath,
    GraphRelationship,
    GraphStore,
    LoadInProgress,
    QueryError,
    QueryResult,
    QueryTimeout,
    ReadOnlyError,
    StoreUnavailable,
    WriteRunner,
    collect,
)

STAGING_MARK = "__loading_"
LOAD_WAIT_SECONDS = 30.0
"""How long a load waits for another load on the same embedded database before giving up."""

DURABILITY = {"appendonly": "yes", "appendfsync": "always"}
"""Embedded server config: every write is in the append-only log on disk before it returns."""


def _convert(value: Any) -> Any:
    """Turn FalkorDB client values into the store's plain values."""
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


def _translate(err: Exception) -> QueryError:
    text = str(err)
    if "read-only" in text or "RO_QUERY" in text:
        return ReadOnlyError("This query would change the graph, and this console only reads. "
                             "Remove CREATE, MERGE, SET, DELETE, REMOVE and index changes.")
    if "timed out" in text.lower():
        return QueryTimeout("The query ran past its time limit and was stopped. "
                            "Narrow it (a LIMIT, a WHERE, shorter paths) or raise the limit.")
    return QueryError(text.replace("errMsg: ", "").split(" errCtx:")[0])


def _rows(result: Any) -> tuple[list[str], Iterator[tuple]]:
    columns = [h[1] for h in (result.header or [])]
    return columns, (tuple(_convert(v) for v in row) for row in result.result_set)


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
                          username=url.username, password=url.password)
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
        timeout, cap = self._limits(timeout_ms, row_cap)
        started = time.perf_counter()
        try:
            result = self.graph.ro_query(cypher, params or None, timeout=timeout)
        except Exception as err:
            raise _translate(err) from err
        columns, rows = _rows(result)
        return collect(columns, rows, cap, started)

    def write(self, cypher: str, params: dict[str, Any] | None = None) -> QueryResult:
        started = time.perf_counter()
        try:
            result = self.graph.query(cypher, params or None)
        except Exception as err:
            raise _translate(err) from err
        columns, rows = _rows(result)
        return collect(columns, rows, None, started)

    def replace_graph(self, fill: Callable[[WriteRunner], None],
                      indexes: Iterable[tuple[str, str]]) -> None:
        staging_name = f"{self.settings.graph_name}{STAGING_MARK}{uuid.uuid4().hex[:8]}"
        staging = self._db.select_graph(staging_name)

        def run(cypher: str, params: dict[str, Any]) -> list[tuple]:
            try:
                return list(staging.query(cypher, params).result_set)
            except Exception as err:
                raise _translate(err) from err

        try:
            staging.query("RETURN 1")
            for label, prop in indexes:
                staging.query(f"CREATE INDEX FOR (n:{label}) ON (n.{prop})")
            fill(run)
            self._db.connection.rename(staging_name, self.settings.graph_name)
        finally:
            if staging_name in self._db.list_graphs():
                staging.delete()

    def drop_stale_staging(self) -> None:
        """Delete graphs left behind by loads that were killed before they finished."""
        prefix = self.settings.graph_name + STAGING_MARK
        for name in self._db.list_graphs():
            if name.startswith(prefix):
                self._db.select_graph(name).delete()

    def close(self) -> None:
        self._db.connection.close()


@contextmanager
def _file_lock(path: Path, wait_seconds: float | None) -> Iterator[None]:
    """Hold an exclusive lock on ``path``; wait at most ``wait_seconds`` (None: forever)."""
    with open(path, "a+") as handle:
        deadline = None if wait_seconds is None else time.monotonic() + wait_seconds
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if deadline is not None and time.monotonic() > deadline:
                    raise LoadInProgress(
                        f"Another load into {path.parent} has been running for over "
                        f"{wait_seconds:.0f} s; try again when it has finished.") from None
                time.sleep(0.05)
        try:
            handle.seek(0)
            handle.truncate()
            handle.write(str(os.getpid()))
            handle.flush()
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


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
                return FalkorDB(str(folder / "graph.rdb"), serverconfig=dict(DURABILITY))
        except Exception as err:
            raise StoreUnavailable(f"Cannot start the {self.description}: {err}") from err

    def replace_graph(self, fill: Callable[[WriteRunner], None],
                      indexes: Iterable[tuple[str, str]]) -> None:
        with _file_lock(self.folder / "load.lock", wait_seconds=LOAD_WAIT_SECONDS):
            self.drop_stale_staging()
            super().replace_graph(fill, indexes)

    def close(self) -> None:
        """Disconnect; the last user of the server also stops it.

        Every acknowledged write is already on disk (``DURABILITY``), so the server is
        stopped with SIGKILL instead of its orderly shutdown, which takes about 4 s.
        """
        client = self._db.client
        with _file_lock(self.folder / "open.lock", wait_seconds=None):
            pid = client.pid
            if pid and client._connection_count() <= 1:
                _kill_and_wait(pid)
            client._cleanup()
