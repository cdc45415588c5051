"""A child process for the crash and concurrency tests (run as a script, never imported by pytest).

    python robust_child.py load DIR GRAPH SIZE SEED   load generate(SIZE, SEED); print READY first
    python robust_child.py read DIR GRAPH SECONDS      print 'dataset-name municipality-count' lines
    python robust_child.py write DIR GRAPH WHO AT      at time AT, open the database and write 50 nodes
    python robust_child.py loader SETTINGS_JSON        a fork server: each line 'SIZE SEED' on stdin
                                                       forks a child that loads generate(SIZE, SEED)
                                                       into the store SETTINGS_JSON names; prints
                                                       'START pid', 'WRITING pid', 'DONE pid' (the
                                                       child) and 'EXIT pid' (itself, once the
                                                       child has ended, after any line of the child)

Exit code 0 when done; 3 with the message on stderr when another load held the database.
"""

from __future__ import annotations

import sys
import time
from typing import Any

from kb.settings import Settings
from kb.store import LoadInProgress, open_store


def load(folder: str, graph: str, size: int, seed: int) -> int:
    from kb.load import write_dataset
    from kb.synthetic import generate

    dataset = generate(size, seed)
    store = open_store(Settings(graph_url=f"embedded:{folder}", graph_name=graph))
    print("READY", flush=True)
    try:
        write_dataset(store, dataset)
    except LoadInProgress as err:
        print(err, file=sys.stderr, flush=True)
        return 3
    finally:
        store.close()
    print("DONE", flush=True)
    return 0


def read(folder: str, graph: str, seconds: float) -> int:
    store = open_store(Settings(graph_url=f"embedded:{folder}", graph_name=graph))
    query = "MATCH (d:Dataset) WITH d.name AS name MATCH (m:Municipality) RETURN name, count(m)"
    deadline = time.monotonic() + seconds
    try:
        while time.monotonic() < deadline:
            for name, count in store.read(query).rows:
                print(name, count, flush=True)
    finally:
        store.close()
    return 0


def write(folder: str, graph: str, who: str, at: float) -> int:
    time.sleep(max(0.0, at - time.time()))  # both writers open the database at the same moment
    store = open_store(Settings(graph_url=f"embedded:{folder}", graph_name=graph))
    try:
        for i in range(50):
            store.write("CREATE (:P {who: $who, i: $i})", {"who": who, "i": i})
    finally:
        store.close()
    return 0


def _load_and_exit(settings: Settings, dataset: Any) -> None:
    """In a forked child: load ``dataset``, saying START, WRITING (first progress tick) and DONE."""
    import os
    import signal

    from kb.load import write_dataset

    signal.signal(signal.SIGCHLD, signal.SIG_DFL)  # the fork server's reaper is not the child's
    pid = os.getpid()
    print("START", pid, flush=True)
    said: list[bool] = []

    def progress(step: str, done: int, total: int) -> None:
        if not said:
            said.append(True)
            print("WRITING", pid, flush=True)

    write_dataset(open_store(settings), dataset, progress)
    print("DONE", pid, flush=True)
    os._exit(0)


def _report_exits(signum: int, frame: Any) -> None:
    """On SIGCHLD: reap the ended children and print 'EXIT pid' for each (one ``write``, so a
    line is whole; a child's own last line is in the pipe before it ends, so before this one)."""
    import os

    while True:
        try:
            pid, _ = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            return
        os.write(sys.stdout.fileno(), f"EXIT {pid}\n".encode())


def loader(settings_json: str) -> int:
    """Fork a loading child per request, so a kill test pays Python's start-up once, not per kill:
    the modules a load imports are imported here, before the first fork."""
    import importlib
    import json
    import os
    import signal

    from kb.synthetic import generate

    for module in ("kb.load", "kb.store.falkor", "kb.store.neo4j_store"):
        importlib.import_module(module)
    signal.signal(signal.SIGCHLD, _report_exits)
    settings = Settings(**json.loads(settings_json))
    print("READY", flush=True)
    datasets: dict[tuple[int, int], Any] = {}  # generated once; each child loads its own copy
    for line in sys.stdin:
        size, seed = map(int, line.split())
        if (size, seed) not in datasets:
            datasets[size, seed] = generate(size, seed)
        if os.fork() == 0:
            _load_and_exit(settings, datasets[size, seed])
    return 0


if __name__ == "__main__":
    if sys.argv[1] == "loader":
        sys.exit(loader(sys.argv[2]))
    command, folder, graph, *rest = sys.argv[1:]
    if command == "load":
        sys.exit(load(folder, graph, int(rest[0]), int(rest[1])))
    if command == "write":
        sys.exit(write(folder, graph, rest[0], float(rest[1])))
    sys.exit(read(folder, graph, float(rest[0])))
