"""Shared fixtures: a real embedded FalkorDB for the whole session, a fresh graph per test.

One embedded server is started per test session (in a temporary folder); each test
gets its own graph name in it, so tests are isolated without paying for a server
start each time. Set NEO4J_URI to also run the contract tests against Neo4j.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from kb.dataset import Dataset, RawDataset
from kb.load import write_dataset
from kb.settings import Settings
from kb.store import GraphStore, open_store
from kb.validate import validate

ROOT = Path(__file__).resolve().parent.parent
DEMO = ROOT / "data" / "demo"


@pytest.fixture(scope="session")
def db_dir(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Folder of the session's embedded database; its server lives as long as the session."""
    folder = tmp_path_factory.mktemp("kb-db")
    keeper = open_store(Settings(graph_url=f"embedded:{folder}", graph_name="keeper"))
    yield folder
    keeper.close()


def _fresh_store(db_dir: Path) -> GraphStore:
    return open_store(Settings(graph_url=f"embedded:{db_dir}", graph_name=f"t_{uuid.uuid4().hex[:10]}"))


@pytest.fixture
def store(db_dir: Path) -> Iterator[GraphStore]:
    """An empty graph of its own in the session's embedded database."""
    s = _fresh_store(db_dir)
    yield s
    s.graph.delete()
    s.close()


def _backends() -> list[Any]:
    params: list[Any] = ["embedded"]
    if os.environ.get("NEO4J_URI"):
        params.append(pytest.param("neo4j", marks=pytest.mark.neo4j))
    else:
        params.append(pytest.param("neo4j", marks=pytest.mark.skip(
            reason="Neo4j not configured: set NEO4J_URI (and NEO4J_USERNAME, NEO4J_PASSWORD)")))
    return params


@pytest.fixture(params=_backends())
def any_store(request: pytest.FixtureRequest, db_dir: Path) -> Iterator[GraphStore]:
    """Each reachable backend in turn: embedded always, Neo4j when NEO4J_URI is set."""
    if request.param == "embedded":
        s = _fresh_store(db_dir)
        yield s
        s.graph.delete()
    else:
        s = open_store(Settings.from_env().with_url(os.environ["NEO4J_URI"]))
        yield s
    s.close()


LoadRecords = Callable[..., Dataset]


@pytest.fixture
def load_records(store: GraphStore) -> LoadRecords:
    """Load tables given as keyword lists of dicts into ``store``: load_records(municipalities=[...])."""

    def _load(**tables: list[dict[str, Any]]) -> Dataset:
        dataset = validate(RawDataset.from_records(tables))
        write_dataset(store, dataset)
        return dataset

    return _load


@pytest.fixture(scope="session")
def demo_store(db_dir: Path) -> Iterator[GraphStore]:
    """The shipped demo dataset, loaded once for the session (read-only use, please)."""
    from kb.load import load_path

    s = open_store(Settings(graph_url=f"embedded:{db_dir}", graph_name="demo"))
    load_path(s, DEMO)
    yield s
    s.close()
