"""Loads killed with SIGKILL at 100 points per engine leave the old dataset or the new one, never a mix.

A fork server (``robust_child.py loader``) starts each load in a fresh child process, which
prints ``WRITING`` when its write begins (the load's first progress tick) and ``DONE`` when
it has returned. Each kill point waits for ``WRITING``, sleeps a random time (fixed seed)
up to 0.8 times the shortest full load so far (three are timed first; a load that said
``DONE`` before its kill is one more), and SIGKILLs either the loader or the database
server. A kill lands *in the write window* when the child had said ``WRITING`` but not
``DONE`` (known without a timeout: the fork server's ``EXIT`` line, printed once the child
has ended, comes after the child's lines); the tests assert that at least 30 of the loader
kills per engine landed there, so the claim is about killed writes, not killed start-ups.
After each kill a new connection must see exactly the old dataset or the new one (by a
checksum of every exported key).

Embedded: the staging graph and the atomic RENAME (``kb.store.falkor``); a killed server
restarts from its append-only file. Neo4j: one transaction, which the server rolls back
when its client dies, and which a killed server's recovery never half-applies.
"""

from __future__ import annotations

import contextlib
import json
import os
import queue
import random
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from conftest import neo4j_settings
from test_crash import fingerprint

from kb.load import write_dataset
from kb.settings import Settings
from kb.store import GraphStore, open_store
from kb.store.falkor import _kill_and_wait
from kb.synthetic import generate
from neo4j_server import start

CHILD = Path(__file__).with_name("robust_child.py")
KILL_POINTS = 100
SERVER_KILLS = {"embedded": 10, "neo4j": 4}
"""Of the 100 points per engine, how many kill the server instead of the loader (a Neo4j restart
takes about 15 s)."""
MIN_IN_WINDOW = 30
OLD, NEW = (6, 1), (8, 2)
"""(municipalities, seed) of the dataset loaded first and of the one the killed loads write: every
table under ``kb.load.BATCH_SIZE`` rows, so a load runs the same statements (one per table) as
at ``test_crash``'s 20 to 24 municipalities, only shorter."""


class Loader:
    """The fork server, and the lines it and its children print, with the time each was read:
    a child's ``START``, ``WRITING`` and ``DONE`` (pid), then the server's ``EXIT`` (pid)."""

    def __init__(self, settings: Settings) -> None:
        fields = {k: getattr(settings, k) for k in ("graph_url", "graph_name", "neo4j_username",
                                                     "neo4j_password")}
        self.process = subprocess.Popen([sys.executable, "-W", "ignore::DeprecationWarning", str(CHILD),
                                         "loader", json.dumps(fields)],
                                        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
                                        cwd=CHILD.parent.parent)
        self.lines: queue.Queue[tuple[str, int, float]] = queue.Queue()
        assert self.process.stdout is not None and self.process.stdout.readline().strip() == "READY"
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        for line in self.process.stdout:  # type: ignore[union-attr]
            word, pid = line.split()
            self.lines.put((word, int(pid), time.perf_counter()))

    def expect(self, word: str, seconds: float = 120) -> tuple[int, float]:
        """The pid of the next line, which must be ``word``, and when it was read."""
        got, pid, at = self.lines.get(timeout=seconds)
        assert got == word, (got, word)
        return pid, at

    def load_new(self) -> tuple[int, float]:
        """Start a child loading NEW; return its pid once it has begun to write, and when it said so."""
        assert self.process.stdin is not None
        self.process.stdin.write(f"{NEW[0]} {NEW[1]}\n")
        self.process.stdin.flush()
        pid, _ = self.expect("START")
        writing, at = self.expect("WRITING")
        assert writing == pid
        return pid, at

    def finished(self, pid: int, seconds: float = 120) -> float | None:
        """When child ``pid`` said DONE, or None if it ended without (its lines, read up to the
        server's EXIT)."""
        said = []
        while (line := self.lines.get(timeout=seconds))[:2] != ("EXIT", pid):
            said.append(line)
        assert [line[:2] for line in said] in ([], [("DONE", pid)]), (said, pid)
        return said[0][2] if said else None

    def close(self) -> None:
        self.process.kill()
        self.process.wait(timeout=30)


def _full_load_seconds(loader: Loader) -> float:
    """How long a child's load takes from WRITING to DONE, uninterrupted (the window kills aim at)."""
    pid, began = loader.load_new()
    done, ended = loader.expect("DONE")
    assert done == pid and loader.expect("EXIT")[0] == pid
    return ended - began


def _kill_points(store: GraphStore, loader: Loader, points: int, kill: Callable[[int], None],
                 reopen: Callable[[], GraphStore], seed: int) -> dict[str, int]:
    """Kill ``points`` loads with ``kill(child_pid)``; check old-or-new through ``reopen()`` each time."""
    write_dataset(store, generate(*NEW))
    new = fingerprint(store)
    write_dataset(store, generate(*OLD))
    old = fingerprint(store)
    assert old != new
    shortest = min(_full_load_seconds(loader) for _ in range(3))  # Neo4j's first load plans queries
    write_dataset(store, generate(*OLD))
    rng = random.Random(seed)
    seen = {"old": 0, "new": 0, "in_window": 0}
    for _ in range(points):
        pid, writing = loader.load_new()
        time.sleep(rng.uniform(0, 0.8 * shortest))
        kill(pid)
        done = loader.finished(pid)
        if done is None:
            seen["in_window"] += 1
        else:  # it finished before its kill: the window is timed by the shortest load seen
            shortest = min(shortest, done - writing)
        store = reopen()
        _until_the_server_is_done_with_others(store)
        state = fingerprint(store)
        assert state in (old, new), "a killed load left a mix of two datasets"
        seen["old" if state == old else "new"] += 1
        if state == new:
            write_dataset(store, generate(*OLD))
    print(f"kill points: {points}, in the write window: {seen['in_window']}, "
          f"ended old: {seen['old']}, ended new: {seen['new']}")
    return seen


OTHERS = ("SHOW TRANSACTIONS YIELD currentQuery WHERE NOT currentQuery STARTS WITH 'SHOW TRANSACTIONS' "
          "RETURN count(*)")


def _until_the_server_is_done_with_others(store: GraphStore, seconds: float = 60) -> None:
    """Neo4j: wait until the server runs no transaction but ours, so a killed loader's is over:
    rolled back, or committed when its COMMIT had been sent (read meanwhile, a commit still
    being applied can show half of it). The embedded server runs one command at a time."""
    deadline = time.monotonic() + seconds
    while store.backend == "neo4j" and store.read(OTHERS).scalar():
        assert time.monotonic() < deadline, "a killed loader's transaction outlived its client"
        time.sleep(0.01)


def _kill_loader(pid: int) -> None:
    with contextlib.suppress(ProcessLookupError):  # it had finished
        os.kill(pid, signal.SIGKILL)


@pytest.fixture
def loader_for() -> Iterator[Callable[[Settings], Loader]]:
    """Start fork servers for the test; all are stopped afterwards."""
    loaders: list[Loader] = []

    def make(settings: Settings) -> Loader:
        loaders.append(Loader(settings))
        return loaders[-1]

    yield make
    for loader in loaders:
        loader.close()


def test_killed_loaders_leave_old_or_new(store: GraphStore, loader_for) -> None:
    points = KILL_POINTS - SERVER_KILLS[store.backend]
    loader = loader_for(store.settings)
    seen = _kill_points(store, loader, points, _kill_loader, lambda: store, seed=11)
    assert seen["old"] + seen["new"] == points
    assert seen["in_window"] >= MIN_IN_WINDOW
    assert seen["old"] >= 2  # a kill mid-write rolled back


def test_killed_embedded_servers_leave_old_or_new(tmp_path: Path, loader_for) -> None:
    settings = Settings(graph_url=f"embedded:{tmp_path}", graph_name="kb")
    stores = [open_store(settings)]
    loader = loader_for(settings)

    def kill_server(child: int) -> None:
        _kill_and_wait(stores[-1]._db.client.pid)  # SIGKILL (no save, no orderly shutdown), reaped
        _kill_loader(child)

    def reopen() -> GraphStore:
        stores.append(open_store(settings))  # starts a new server from the files on disk
        return stores[-1]

    try:
        seen = _kill_points(stores[0], loader, SERVER_KILLS["embedded"], kill_server, reopen, seed=12)
    finally:
        stores[-1].close()
    assert seen["old"] + seen["new"] == SERVER_KILLS["embedded"]
    assert seen["in_window"] >= MIN_IN_WINDOW * SERVER_KILLS["embedded"] // KILL_POINTS


def test_killed_neo4j_servers_leave_old_or_new(tmp_path: Path, loader_for) -> None:
    servers = [start(tmp_path / "neo4j")]
    port = int(servers[0].url.rsplit(":", 1)[1])
    settings = neo4j_settings(servers[0])
    stores = [open_store(settings)]
    loader = loader_for(settings)

    def kill_server(child: int) -> None:
        servers[-1].process.kill()  # SIGKILL to the JVM: no checkpoint, recovery on the next start
        servers[-1].process.wait(timeout=60)
        _kill_loader(child)

    def reopen() -> GraphStore:
        servers.append(start(tmp_path / "neo4j", port))
        stores.append(open_store(settings))
        return stores[-1]

    try:
        seen = _kill_points(stores[0], loader, SERVER_KILLS["neo4j"], kill_server, reopen, seed=13)
    finally:
        stores[-1].close()
        servers[-1].stop()
    assert seen["old"] + seen["new"] == SERVER_KILLS["neo4j"]
    assert seen["in_window"] >= 1
