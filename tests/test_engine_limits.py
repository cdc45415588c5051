"""One user's query never takes the database down for the others: the engines' own limits hold.

Embedded FalkorDB runs with a per-query memory limit, default and maximum time limits and an
address-space limit on the server process (``EmbeddedStore._limit_engine``); a server that
dies (of a query, or of a kill) is started again by the next read. Neo4j runs with a
per-transaction memory limit (``neo4j_server/neo4j.conf``) and the transaction time limit.
"""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

import pytest
from app_harness import metric, open_page, point_at

from kb.info import graph_info
from kb.load import write_dataset
from kb.settings import Settings
from kb.store import GraphStore, QueryTooLarge, StoreError, open_store
from kb.synthetic import generate

SECONDS = 30.0
"""A hostile query must be over (refused or answered) within this, and the next one answer."""


def _next_query_answers(store: GraphStore) -> None:
    started = time.perf_counter()
    assert store.read("RETURN 1 AS one").rows == [(1,)]
    assert time.perf_counter() - started < 10


def test_a_read_that_collects_without_bound_is_stopped_as_too_large(store: GraphStore) -> None:
    write_dataset(store, generate(3))
    before = store.read("MATCH (m:Municipality) RETURN count(m)").scalar()
    started = time.perf_counter()
    with pytest.raises(QueryTooLarge, match="more memory than the database allows"):
        store.read("UNWIND range(1, 100000000) AS x RETURN collect(x)", timeout_ms=60_000)
    assert time.perf_counter() - started < SECONDS
    _next_query_answers(store)
    assert store.read("MATCH (m:Municipality) RETURN count(m)").scalar() == before == 3


def test_a_huge_range_is_over_in_seconds_and_the_next_query_answers(store: GraphStore,
                                                                     tmp_path: Path) -> None:
    """Embedded: the engine does not count this allocation; the address-space limit ends the server
    within seconds and the next read starts it again (a server of its own, not the session's).
    Neo4j answers or refuses it by its limits."""
    if store.backend == "embedded":
        store = _own_embedded(tmp_path)
    write_dataset(store, generate(3))
    started = time.perf_counter()
    try:
        store.read("RETURN size(range(1, 1000000000)) AS n", timeout_ms=60_000)
    except StoreError as err:
        assert "Traceback" not in str(err)
    assert time.perf_counter() - started < SECONDS
    _next_query_answers(store)
    assert store.read("MATCH (m:Municipality) RETURN count(m)").scalar() == 3


def test_the_embedded_engine_runs_with_its_limits(embedded_store: GraphStore) -> None:
    def config(name: str) -> int:
        return embedded_store._db.connection.execute_command("GRAPH.CONFIG", "GET", name)[1]

    s = embedded_store.settings
    assert config("QUERY_MEM_CAPACITY") == s.query_memory_mb * 2**20
    longest = max(s.query_timeout_ms, s.internal_timeout_ms)
    assert config("TIMEOUT_DEFAULT") == config("TIMEOUT_MAX") == longest
    import psutil

    limit = psutil.Process(embedded_store._db.client.pid).rlimit(psutil.RLIMIT_AS)
    assert limit == (s.server_memory_mb * 2**20,) * 2


def _own_embedded(folder: Path) -> GraphStore:
    return open_store(Settings(graph_url=f"embedded:{folder}", graph_name="kb"))


def test_a_store_whose_server_was_killed_reconnects_on_the_next_read(tmp_path: Path) -> None:
    store = _own_embedded(tmp_path)
    try:
        write_dataset(store, generate(4))
        os.kill(store._db.client.pid, signal.SIGKILL)
        time.sleep(0.2)
        assert store.read("MATCH (m:Municipality) RETURN count(m)").scalar() == 4  # from the files on disk
    finally:
        store.close()


def test_the_app_keeps_working_after_the_embedded_server_dies(tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    store = _own_embedded(tmp_path)
    try:
        write_dataset(store, generate(5))
        point_at(monkeypatch, store)
        assert metric(open_page("overview"), "label.Municipality") == "5"
        os.kill(store._db.client.pid, signal.SIGKILL)
        time.sleep(0.2)
        at = open_page("overview")
        assert not at.exception
        assert metric(at, "label.Municipality") == "5"
    finally:
        store.close()


def test_the_products_own_reads_do_not_run_under_the_consoles_time_limit(store: GraphStore) -> None:
    """With the console's limit at 1 ms, ``kb load`` still reads the whole graph for its change
    report: the product's own uncapped reads run under ``KB_INTERNAL_TIMEOUT_MS``."""
    import subprocess
    import sys

    from conftest import DEMO, store_env

    env = {**os.environ, **store_env(store), "KB_QUERY_TIMEOUT_MS": "1"}
    kb = str(Path(sys.executable).parent / "kb")
    for _ in range(5):  # each after the first compares against the one before
        done = subprocess.run([kb, "load", str(DEMO)], env=env, capture_output=True, text=True,
                              timeout=300)
        assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr


def test_every_read_a_load_makes_runs_under_the_internal_limit(store: GraphStore,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """The subprocess test above passes by luck where a read takes under 1 ms; this one sees
    the limit each read of ``kb load --if-empty --changes`` (the counts, the change report's
    pages, the version tokens) is given."""
    write_dataset(store, generate(3))
    given: list[int] = []
    limits = store._limits

    def record(timeout_ms: int | None, row_cap: int | None) -> tuple[int, int | None]:
        given.append(limits(timeout_ms, row_cap)[0])
        return limits(timeout_ms, row_cap)

    monkeypatch.setattr(store, "_limits", record)
    store.version()
    graph_info(store)
    write_dataset(store, generate(3), compare=True)
    assert given and set(given) == {store.settings.internal_timeout_ms}
    assert store.settings.internal_timeout_ms != store.settings.query_timeout_ms


def test_a_read_the_engine_allows_is_not_cut_off_by_the_client(embedded_store: GraphStore) -> None:
    """A read longer than redis-py's default socket time-out (5 s), within the engine's limit,
    answers: the change report's whole-graph read at stress scale was cut off this way."""
    count = "UNWIND range(1, $k) AS a UNWIND range(1, $k) AS b RETURN count(*) AS n"
    started = time.perf_counter()
    embedded_store.read(count, {"k": 1000}, timeout_ms=60_000)  # 10^6 rows: calibrate the machine
    per_row = (time.perf_counter() - started) / 1e6
    k = min(20_000, int((7.0 / per_row) ** 0.5))  # about 7 s of work, whatever the machine
    started = time.perf_counter()
    assert embedded_store.read(count, {"k": k}, timeout_ms=120_000).scalar() == k * k
    assert time.perf_counter() - started > 5.0, "too fast to show anything: calibrate again"
