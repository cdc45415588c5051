"""Two loads at once into one embedded database, and a reader during them (about 10 s).

Loads are serialised by a file lock (``kb.store.falkor``): the second waits up to
``LOAD_WAIT_SECONDS`` and then is refused with ``LoadInProgress``'s message. Either way the
graph ends as exactly one of the two datasets, and a reader sees one whole dataset at a time.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from test_crash import CHILD, _open, fingerprint

from kb.load import write_dataset
from kb.synthetic import generate

A, B = (20, 1), (40, 2)
START = (14, 3)


def _loader(folder: Path, dataset: tuple[int, int]) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, str(CHILD), "load", str(folder), "kb", *map(str, dataset)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def test_two_loads_at_once_end_as_one_of_them(tmp_path: Path) -> None:
    keeper = _open(tmp_path)
    try:
        prints = {}
        for name, dataset in (("a", A), ("b", B), ("start", START)):
            write_dataset(keeper, generate(*dataset))
            prints[name] = fingerprint(keeper)
        reader = subprocess.Popen([sys.executable, str(CHILD), "read", str(tmp_path), "kb", "4"],
                                  stdout=subprocess.PIPE, text=True)
        loads = [_loader(tmp_path, A), _loader(tmp_path, B)]
        results = [load.communicate(timeout=60) for load in loads]
        seen, _ = reader.communicate(timeout=60)
        for load, (out, err) in zip(loads, results, strict=True):
            assert "Traceback" not in err
            assert (load.returncode, "DONE" in out) == (0, True) or \
                (load.returncode == 3 and "Another load" in err)
        assert any(load.returncode == 0 for load in loads)
        assert fingerprint(keeper) in (prints["a"], prints["b"])
        whole = {(f"synthetic-{n}-seed-{s}", str(n)) for n, s in (A, B, START)}
        views = [tuple(line.split()) for line in seen.splitlines()]
        assert len(views) > 10
        assert set(views) <= whole, "a reader saw a dataset name with another dataset's municipalities"
    finally:
        keeper.close()
