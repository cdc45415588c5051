"""The Neo4j column: the same data loaded and analysed on the project's Neo4j 5.26 server.

Per scale, one server (``neo4j_server.start``) on a free loopback port with its files in the
scale's folder, stopped at the end. In order:

1. ``admin_import``: Neo4j's own ``neo4j-admin database import full`` writes the graph from
   CSV files (written beforehand, not timed) into the data folder before the server first
   starts; then the server starts and builds the project's indexes. Timed: the tool (JVM
   start-up included) plus the index build; the server's start is reported apart.
2. The graph is emptied (nodes, indexes, constraints; reported, not counted in any loader).
3. ``project``: the project's loader (``kb.load``, in a child process as on FalkorDB): one
   write transaction through ``queries/load/``. Neo4j's memory is sampled meanwhile: heap in
   use, heap after the latest collection, the transaction's own estimate, the JVM's RSS.
4. Every analysis, on the project's graph.
5. Emptied again; ``batched_unwind``: ``bench.baselines.batched_unwind``, one autocommit
   transaction per batch.

Each graph's node and relationship counts are checked against the embedded one's.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench import baselines
from bench.analyses import time_analyses
from bench.measure import ANALYSIS_TIMEOUT_MS, SAFETY, count, method
from bench.memory import NEO4J_SAMPLE_SECONDS, neo4j_memory, sampled
from bench.project_load import in_child
from kb.dataset import Dataset
from kb.settings import Settings
from kb.store import open_store
from kb.store.base import GraphStore, StoreError
from neo4j_server import Neo4jServer, Neo4jServerError, empty, start

LOADERS = ("project", "admin_import", "batched_unwind")
"""In the order they are given room when a scale's estimate does not fit the budget."""
BUDGET_SECONDS = 20 * 60
"""A default run gives the Neo4j column of the stress scale this long, by the estimates."""
HEAP_MB = 16384
"""Default server heap: room for the stress scale's one load transaction (measured: its heap in
use after GC peaks at about 11 GB; with an 11 GB heap it still commits, at half the speed)."""
TRANSACTION_SHARE = 0.75
"""Transaction memory limits as a share of the heap: a load that needs more is refused by
Neo4j's memory limit (a result to report) before the JVM runs out of heap."""
AWAIT_INDEXES = "CALL db.awaitIndexes(600)"
VERSION = "CALL dbms.components() YIELD versions RETURN versions[0]"
"""Benchmark Cypher, not product queries: index builds and the server's version."""


def server_config(heap_mb: int) -> dict[str, str]:
    """The benchmark's settings on top of ``neo4j_server/neo4j.conf``.

    neo4j.conf limits a transaction to 256 MB, which the project's one-transaction load
    exceeds from the Nordic scale on; here the limits follow the heap. Loads may take long.
    """
    limit = f"{int(heap_mb * TRANSACTION_SHARE)}m"
    return {"db.memory.transaction.max": limit, "dbms.memory.transaction.total.max": limit,
            "db.transaction.timeout": "60m", "server.memory.pagecache.size": "1g"}


@dataclass
class Neo4jScale:
    """One scale's Neo4j measurements; ``expected`` is the embedded graph's (nodes, relationships)."""

    dataset: Dataset
    folder: Path
    csv_folder: Path
    expected: tuple[int, int]
    repeat: int
    heap_mb: int
    analyses: int | None
    """Repetitions of each analysis, or None to skip them."""

    def run(self, loaders: tuple[str, ...]) -> dict[str, Any]:
        """Measure ``loaders`` (in ``LOADERS`` order); errors become results, the server is stopped."""
        started = time.perf_counter()
        rows = sum(self.expected)
        config = server_config(self.heap_mb)
        result: dict[str, Any] = {"heap_mb": self.heap_mb, "config": config, "loading": {}, "empty_s": []}
        home = self.folder / "neo4j"
        tool_s = None
        if "admin_import" in loaders:
            files = baselines.write_bulk_csv(self.dataset, self.folder / "import", baselines.NEO4J_TYPES)
            try:
                tool_s = baselines.neo4j_import(files, home, self.heap_mb, config)["seconds"]
            except RuntimeError as err:
                result["loading"]["admin_import"] = {"status": "error", "error": str(err)[-300:]}
        starting = time.perf_counter()
        try:
            server = start(home, heap=f"{self.heap_mb}m", config=config)
        except Neo4jServerError as err:
            return {**result, "status": "error", "error": str(err)[-500:]}
        result["server_start_s"] = time.perf_counter() - starting
        store = _store(server)
        try:
            result["version"] = store.read(VERSION).scalar()
            if tool_s is not None:
                result["loading"]["admin_import"] = self._indexed(store, tool_s)
            if "project" in loaders:
                self._empty(store, result)
                result["loading"]["project"], result["memory"] = self._project(server, store)
                if self.analyses is not None and result["loading"]["project"].get("seconds"):
                    result["analyses"] = time_analyses(store, self.analyses)
            if "batched_unwind" in loaders:
                self._empty(store, result)
                seconds = baselines.batched_unwind(store, self.dataset)["seconds"]
                result["loading"]["batched_unwind"] = {"seconds": seconds, **self._checked(store)}
        except StoreError as err:  # e.g. a server that ran out of heap: what was measured stands
            result["status"], result["error"] = "error", f"{type(err).__name__}: {err}"[:500]
        finally:
            store.close()
            server.stop()
        project_s = result["loading"].get("project", {}).get("seconds")
        for name, measured in result["loading"].items():
            if measured.get("seconds"):
                result["loading"][name] = method(measured.pop("seconds"), rows, project_s, **measured)
        result["wall_s"] = time.perf_counter() - started
        return {"status": "ok", **result}

    def _checked(self, store: GraphStore) -> dict[str, Any]:
        nodes, rels = count(store)
        return {"same_counts": (nodes, rels) == self.expected, "graph_rows": nodes + rels}

    def _empty(self, store: GraphStore, result: dict[str, Any]) -> None:
        """Remove everything from the server (a loader starts from an empty database)."""
        started = time.perf_counter()
        empty(store, batch=1000)
        result["empty_s"].append(time.perf_counter() - started)

    def _indexed(self, store: GraphStore, tool_s: float) -> dict[str, Any]:
        """The imported graph gets the project's indexes; timed with the tool."""
        started = time.perf_counter()
        baselines.create_indexes(store)
        store.write(AWAIT_INDEXES)
        index_s = time.perf_counter() - started
        return {"seconds": tool_s + index_s, "tool_s": tool_s, "index_s": index_s,
                "note": "CSV files written beforehand, not timed; offline, into the stopped server's "
                        "data folder; includes the tool's start-up and the index build",
                **self._checked(store)}

    def _project(self, server: Neo4jServer, store: GraphStore) -> tuple[dict[str, Any], dict[str, float]]:
        """The project's loader in a child process, with Neo4j's memory sampled while it runs."""
        sample = neo4j_memory(lambda cypher: store.read(cypher, row_cap=None).rows, server.process.pid)
        child: dict[str, Any] | None = None
        with sampled(sample, NEO4J_SAMPLE_SECONDS) as peaks:
            try:
                child = in_child(self.csv_folder, server.url, "kb", self.repeat, server.env())
            except RuntimeError as err:  # e.g. Neo4j's transaction memory limit: a result to report
                error = str(err)[-300:]
        memory = {f"server_{name.removesuffix('_mb')}_peak_mb": value for name, value in peaks.items()}
        if child is None:
            return {"status": "error", "error": error}, memory
        memory["loader_peak_rss_mb"] = child["peak_rss_mb"]
        totals = [r["total_s"] for r in child["runs"]]
        return {"seconds": statistics.median(totals), "runs": totals,
                "read_validate_s": statistics.median(r["read_validate_s"] for r in child["runs"]),
                "write_s": statistics.median(r["write_s"] for r in child["runs"]),
                **self._checked(store)}, memory


def _store(server: Neo4jServer) -> GraphStore:
    return open_store(Settings(graph_url=server.url, graph_name="kb", neo4j_username=server.username,
                               neo4j_password=server.password, query_timeout_ms=ANALYSIS_TIMEOUT_MS))


def plan(municipalities: int, reference: dict[str, Any],
         fits: Callable[[float], bool]) -> tuple[tuple[str, ...], list[dict[str, str]]]:
    """The loaders to run at a scale of ``municipalities``, and why the others are skipped.

    Each loader's time (one run) is extrapolated linearly from ``reference`` (a smaller
    scale's results) with a margin, plus emptying the server before it; loaders are added in
    ``LOADERS`` order while ``fits(estimated seconds of the column so far)``.
    """
    column = reference.get("neo4j", {})
    if column.get("status") != "ok":
        return LOADERS, []
    ratio = municipalities / reference["municipalities"] * SAFETY
    empty = statistics.mean(column["empty_s"]) if column["empty_s"] else 0.0
    total = column.get("server_start_s", 0.0)
    chosen, skipped = [], []
    for loader in LOADERS:
        seconds = column["loading"].get(loader, {}).get("seconds")
        if seconds is None:
            skipped.append({"loader": loader, "reason": "it did not finish at the smaller scale"})
            continue
        estimate = (seconds + empty) * ratio
        if fits(total + estimate):
            chosen.append(loader)
            total += estimate
        else:
            skipped.append({"loader": loader, "reason": f"estimated {estimate / 60:.1f} min would take the "
                            f"Neo4j column past its {BUDGET_SECONDS // 60}-minute budget; run it on its "
                            "own with --scales stress"})
    return tuple(chosen), skipped


def skipped_column(reason: str) -> dict[str, Any]:
    """The Neo4j column of a scale that does not run on Neo4j."""
    return {"status": "skipped", "reason": reason, "loading": {}}

