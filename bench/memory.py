"""Peak memory of the database server while something runs: its RSS sampled by a thread."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import psutil

SAMPLE_SECONDS = 0.02


@dataclass
class Peak:
    """Highest resident memory seen, in MB."""

    mb: float = 0.0


@contextmanager
def sampled_rss(pid: int) -> Iterator[Peak]:
    """Sample the RSS of process ``pid`` every ``SAMPLE_SECONDS`` while the block runs."""
    peak, stop = Peak(), threading.Event()
    process = psutil.Process(pid)

    def sample() -> None:
        while True:
            try:
                peak.mb = max(peak.mb, process.memory_info().rss / 2**20)
            except psutil.NoSuchProcess:
                return
            if stop.wait(SAMPLE_SECONDS):
                return

    thread = threading.Thread(target=sample, daemon=True)
    thread.start()
    try:
        yield peak
    finally:
        stop.set()
        thread.join()
