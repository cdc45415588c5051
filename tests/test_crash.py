"""Durability of loads on the embedded database.

Durability, as configured in ``kb.store.falkor``: a load builds the new graph under a
staging name and swaps it in with one Redis ``RENAME``, which is atomic, so a load killed
at any point leaves the old graph or the new one, never a mix; the next load deletes
staging graphs a killed load left behind. The embedded server runs with
``appendonly yes`` and ``appendfsync always`` (``DURABILITY``): every write, the RENAME
included, is in the append-only file on disk before the server answers, so once a load
has returned, killing the server (or the machine's processes) loses none of it.

``test_kill.py`` SIGKILLs loaders and servers mid-write on both engines;
``test_killing_the_server_after_a_load_loses_nothing`` SIGKILLs the server once a load has returned.
"""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path

from kb.export import export_dataset
from kb.load import write_dataset
from kb.model import TABLES
from kb.settings import Settings
from kb.store import GraphStore, open_store
from kb.store.falkor import STAGING_MARK, _kill_and_wait
from kb.synthetic import generate

CHILD = Path(__file__).with_name("robust_child.py")
KILL_POINTS = 20
OLD, NEW = (20, 1), (40, 2)  # (municipalities, seed) of the dataset loaded first and the one being loaded
LOAD_SECONDS = 0.25  # a little longer than the child's load of NEW takes; kills fall within it


def fingerprint(store: GraphStore) -> tuple[dict[str, int], str]:
    """Rows per table and a checksum of every exported key: equal only for the same graph."""
    tables = export_dataset(store).tables
    keys = {t.name: [[str(row.get(k)) for k in t.key] for row in tables[t.name]] for t in TABLES}
    digest = hashlib.sha256(json.dumps(keys, sort_keys=True).encode()).hexdigest()
    return {name: len(rows) for name, rows in tables.items()}, digest


def _open(folder: Path) -> GraphStore:
    return open_store(Settings(graph_url=f"embedded:{folder}", graph_name="kb"))


def _staging_graphs(store: GraphStore) -> list[str]:
    return [name for name in store._db.list_graphs() if STAGING_MARK in name]


def _fingerprint_in_a_new_process(folder: Path) -> tuple[dict[str, int], str]:
    script = ("import json, sys; sys.path.insert(0, sys.argv[1]); from test_crash import _open, fingerprint; "
              "store = _open(sys.argv[2]); print(json.dumps(fingerprint(store))); store.close()")
    out = subprocess.run([sys.executable, "-c", script, str(CHILD.parent), str(folder)], capture_output=True,
                         text=True, timeout=60, check=True).stdout
    counts, digest = json.loads(out)
    return counts, digest


def test_killing_the_server_after_a_load_loses_nothing(tmp_path: Path) -> None:
    """The server is SIGKILLed as soon as the load returns; a new process starts a new server from disk."""
    store = _open(tmp_path)
    write_dataset(store, generate(*OLD))
    loaded = fingerprint(store)
    _kill_and_wait(store._db.client.pid)  # SIGKILL: no save, no orderly shutdown
    assert _fingerprint_in_a_new_process(tmp_path) == loaded

