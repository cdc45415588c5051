"""The row cap holds at the engine: a read of millions of rows costs the client only the capped rows.

``GraphStore.read`` appends ``LIMIT cap + 1`` to a capped read (``kb.store.base.limited``), so
the engine stops one row past the cap; a query the LIMIT does not fit (its own LIMIT, a UNION)
runs as written and the cap applies as rows arrive (Neo4j streams them, and discards the rest
at the server when the transaction closes). ``truncated`` says whether rows were left out.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import psutil
import pytest

from kb.store import GraphStore, QueryError

MILLIONS = "UNWIND range(1, 3000) AS a UNWIND range(1, 1000) AS b RETURN a, b, 'row ' + toString(b) AS text"
"""Three million rows, made without a three-million-element list in the engine."""

GROWTH_MB = 300
"""Generous: the capped 10,000 rows need a few MB; the three million rows took 1.2 GB and 20 s."""


def _peak_growth_mb(run: Callable[[], Any]) -> tuple[Any, float]:
    """``run()``'s result and how far this process's memory (RSS) rose above where it began, in MB,
    sampled every 5 ms while it ran."""
    process = psutil.Process()
    start = process.memory_info().rss
    peak = [start]
    done = threading.Event()

    def sample() -> None:
        while not done.wait(0.005):
            peak[0] = max(peak[0], process.memory_info().rss)

    sampler = threading.Thread(target=sample)
    sampler.start()
    try:
        result = run()
    finally:
        done.set()
        sampler.join()
    return result, (max(peak[0], process.memory_info().rss) - start) / 2**20


def test_a_read_of_millions_of_rows_returns_the_capped_rows_in_bounded_memory(store: GraphStore) -> None:
    result, growth = _peak_growth_mb(lambda: store.read(MILLIONS, row_cap=10_000, timeout_ms=120_000))
    assert len(result.rows) == 10_000 and result.truncated
    assert result.rows[0] == (1, 1, "row 1") and result.rows[-1] == (10, 1000, "row 1000")
    assert growth < GROWTH_MB, f"the client's memory grew by {growth:.0f} MB"


def test_neo4j_stops_the_stream_at_the_cap_when_the_query_has_its_own_limit(neo4j_store: GraphStore) -> None:
    """The appended LIMIT does not fit here; Neo4j's driver streams and the store stops reading.
    (FalkorDB replies whole: such a query costs the client its full reply, up to its own LIMIT.)"""
    store = neo4j_store
    result, growth = _peak_growth_mb(
        lambda: store.read(MILLIONS + " LIMIT 2900000", row_cap=10_000, timeout_ms=120_000))
    assert len(result.rows) == 10_000 and result.truncated
    assert growth < GROWTH_MB, f"the client's memory grew by {growth:.0f} MB"


@pytest.mark.parametrize(("cypher", "rows", "truncated"), [
    ("UNWIND range(1, 5) AS x RETURN x", [1, 2, 3, 4, 5], False),
    ("UNWIND range(1, 6) AS x RETURN x", [1, 2, 3, 4, 5], True),
    ("UNWIND range(1, 9) AS x RETURN x ORDER BY x DESC", [9, 8, 7, 6, 5], True),
    ("UNWIND range(1, 9) AS x RETURN x ORDER BY x SKIP 4", [5, 6, 7, 8, 9], False),
    ("UNWIND range(1, 6) AS x RETURN x // six of them", [1, 2, 3, 4, 5], True),
    ("UNWIND range(1, 9) AS x RETURN x LIMIT 5", [1, 2, 3, 4, 5], False),
    ("UNWIND range(1, 9) AS x RETURN x LIMIT 6", [1, 2, 3, 4, 5], True),
    ("UNWIND range(1, 9) AS x RETURN x LIMIT $n", [1, 2, 3, 4, 5], True),
    ("UNWIND range(1, 3) AS x RETURN x UNION ALL UNWIND range(4, 5) AS x RETURN x", [1, 2, 3, 4, 5], False),
    ("UNWIND range(1, 3) AS x RETURN x UNION ALL UNWIND range(4, 9) AS x RETURN x", [1, 2, 3, 4, 5], True),
    ("UNWIND [1, 1, 2, 3] AS x RETURN x UNION UNWIND [1, 1, 1, 1, 1, 1, 2, 3, 4, 5, 6] AS x RETURN x",
     [1, 2, 3, 4, 5], True),
])
def test_the_truncated_flag_says_whether_rows_were_left_out(store: GraphStore, cypher: str, rows: list[int],
                                                            truncated: bool) -> None:
    result = store.read(cypher, {"n": 7}, row_cap=5)
    assert [row[0] for row in result.rows] == rows
    assert result.truncated is truncated
    assert result.columns == ["x"]


def test_an_uncapped_read_returns_every_row(store: GraphStore) -> None:
    result = store.read("UNWIND range(1, 12345) AS x RETURN x", row_cap=None)
    assert len(result.rows) == 12345 and not result.truncated


def test_a_syntax_error_is_the_querys_own_not_the_appended_limits(store: GraphStore) -> None:
    with pytest.raises(QueryError) as raised:
        store.read("MATCH (n RETURN n", row_cap=5)
    assert "LIMIT 6" not in str(raised.value)
