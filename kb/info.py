"""What is in the graph: the backend, the dataset, and counts per label and relationship type.

These are the product's own reads (``kb load --if-empty`` makes them), so they run uncapped,
under the internal time limit, not the console's."""

from __future__ import annotations

from typing import Any

from kb.model import graph_labels, relationship_types
from kb.queries import run_query
from kb.store.base import GraphStore


def dataset_facts(store: GraphStore) -> dict[str, Any]:
    """The loaded Dataset node's fields (query ``graph/dataset``), or {} when there is none."""
    records = run_query(store, "graph/dataset", row_cap=None).records()
    return records[0] if records else {}


def graph_info(store: GraphStore) -> dict[str, Any]:
    """``{"backend", "description", "dataset", "synthetic", "labels": {...}, "relationships": {...}}``."""
    dataset = dataset_facts(store)
    return {
        "backend": store.backend,
        "description": store.description,
        "dataset": dataset.get("title") or dataset.get("name") or "",
        "synthetic": bool(dataset.get("synthetic")),
        "labels": dict(run_query(store, "graph/label_counts", {"labels": graph_labels()},
                                  row_cap=None).rows),
        "relationships": dict(run_query(store, "graph/relationship_counts",
                                        {"types": relationship_types()}, row_cap=None).rows),
    }
