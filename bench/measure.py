"""What the embedded FalkorDB column and the Neo4j column measure alike."""

from __future__ import annotations

from typing import Any

from kb.store.base import GraphStore

ANALYSIS_TIMEOUT_MS = 120_000
"""Query time limit while timing analyses (the product's default of 5 s would stop the largest)."""
SAFETY = 1.5
"""Margin on the estimate of a scale from a smaller one."""
COUNT_TIMEOUT_MS = 600_000


def count(store: GraphStore) -> tuple[int, int]:
    """Nodes and relationships of the knowledge base's graph (Neo4j's marker node not counted)."""
    nodes = store.read("MATCH (n) WHERE NOT n:KnowledgeBase RETURN count(n)", row_cap=None,
                       timeout_ms=COUNT_TIMEOUT_MS).scalar()
    rels = store.read("MATCH ()-[r]->() RETURN count(r)", row_cap=None, timeout_ms=COUNT_TIMEOUT_MS).scalar()
    return int(nodes), int(rels)


def method(seconds: float, rows: int, baseline_s: float | None, **extra: Any) -> dict[str, Any]:
    """A loader's result: seconds, rows per second and speed relative to ``baseline_s``
    (the project's loader on the same engine in the same run; None when it did not finish)."""
    return {"seconds": seconds, "rows_per_s": rows / seconds if seconds else None,
            "relative_speed": baseline_s / seconds if seconds and baseline_s else None, **extra}
