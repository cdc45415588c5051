"""Peak memory while something runs, sampled by a thread: a server's RSS, and Neo4j's own figures."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import psutil

SAMPLE_SECONDS = 0.02
NEO4J_SAMPLE_SECONDS = 0.25
"""Neo4j is asked over Bolt, which costs more than reading /proc."""
MB = 2**20

Sample = Callable[[], dict[str, float] | None]
"""One reading of named values in MB; None when there is nothing left to sample."""


@contextmanager
def sampled(sample: Sample, every: float = SAMPLE_SECONDS) -> Iterator[dict[str, float]]:
    """Call ``sample`` every ``every`` seconds while the block runs; yield the highest value of each name."""
    peaks: dict[str, float] = {}
    stop = threading.Event()

    def loop() -> None:
        while True:
            values = sample()
            if values is None:
                return
            for name, value in values.items():
                peaks[name] = max(peaks.get(name, 0.0), value)
            if stop.wait(every):
                return

    thread = threading.Thread(target=loop, daemon=True)
    thread.start()
    try:
        yield peaks
    finally:
        stop.set()
        thread.join()


def rss(pid: int) -> Sample:
    """The resident memory of process ``pid`` as ``rss_mb``."""
    process = psutil.Process(pid)

    def sample() -> dict[str, float] | None:
        try:
            return {"rss_mb": process.memory_info().rss / MB}
        except psutil.NoSuchProcess:
            return None

    return sample


@contextmanager
def sampled_rss(pid: int) -> Iterator[dict[str, float]]:
    """Peak RSS of process ``pid`` (``rss_mb``) while the block runs."""
    with sampled(rss(pid)) as peaks:
        yield peaks


HEAP_QUERY = ("CALL dbms.queryJmx('java.lang:type=Memory') YIELD attributes "
              "RETURN attributes.HeapMemoryUsage.value.properties.used")
GC_QUERY = ("CALL dbms.queryJmx('java.lang:type=GarbageCollector,name=*') YIELD attributes "
            "RETURN attributes.LastGcInfo.value.properties.memoryUsageAfterGc")
TRANSACTIONS_QUERY = ("SHOW TRANSACTIONS YIELD estimatedUsedHeapMemory, currentQuery "
                      "WHERE NOT currentQuery STARTS WITH 'SHOW' RETURN max(estimatedUsedHeapMemory)")
"""Measurement Cypher of the benchmark (not product queries): JMX through Neo4j's own procedure."""
HEAP_POOLS = ("G1 Eden Space", "G1 Survivor Space", "G1 Old Gen")


def _after_gc(usage: dict[str, Any] | None) -> float:
    """Heap in use just after a collection, from one GC's ``LastGcInfo.memoryUsageAfterGc``."""
    if not usage:
        return 0.0
    return sum(usage[f"[{pool}]"]["properties"]["value"]["properties"]["used"]
               for pool in HEAP_POOLS if f"[{pool}]" in usage)


def neo4j_memory(read: Callable[[str], list[tuple]], pid: int) -> Sample:
    """Neo4j's memory as the JVM and the server report it, through ``read`` (a query's rows).

    ``heap_used_mb``: heap in use (live data and garbage not yet collected);
    ``heap_after_gc_mb``: heap in use after the latest collection (about the live data);
    ``transaction_mb``: the largest transaction's own estimate (``estimatedUsedHeapMemory``,
    what ``db.memory.transaction.max`` limits); ``rss_mb``: the JVM's resident memory.
    """
    resident = rss(pid)

    def sample() -> dict[str, float] | None:
        values = resident()
        if values is None:
            return None
        try:
            values["heap_used_mb"] = read(HEAP_QUERY)[0][0] / MB
            values["heap_after_gc_mb"] = max(_after_gc(row[0]) for row in read(GC_QUERY)) / MB
            values["transaction_mb"] = (read(TRANSACTIONS_QUERY)[0][0] or 0) / MB
        except Exception:  # the server may be busy or stopping: keep the RSS reading
            pass
        return values

    return sample
