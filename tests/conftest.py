"""Shared fixtures: every store test runs on both engines, a real embedded FalkorDB and a real Neo4j.

- Embedded: one server per test session (in a temporary folder); each test gets its own
  graph name in it, so tests are isolated without paying for a server start each time.
- Neo4j: the project's own Neo4j 5.26 server (``neo4j_server``, built by Maven), started on
  a free loopback port for the whole run and stopped at the end. A second server holds
  the demo dataset, loaded once, so read-only demo tests and tests that clear their
  database never meet. Before each Neo4j test its server is emptied: nodes, indexes and
  constraints. Only these test servers are ever cleared.

The fixtures ``store``, ``load_records``, ``demo_store`` and ``any_store`` are parametrised
over both engines; ``embedded_store`` is for tests of FalkorDB's own mechanics.
Set KB_TEST_ENGINES=embedded to run only the embedded half (CI runs both: .ci/run fails
when any Neo4j test is skipped).
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from kb.dataset import Dataset, RawDataset
from kb.load import write_dataset
from kb.settings import Settings
from kb.store import GraphStore, open_store
from kb.validate import validate
from neo4j_server import Neo4jServer, empty, start

ROOT = Path(__file__).resolve().parent.parent
DEMO = ROOT / "data" / "demo"
ENGINES = [e for e in os.environ.get("KB_TEST_ENGINES", "embedded,neo4j").split(",") if e]
NEO4J_GRAPH_NAME = "kb"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark every test that runs on Neo4j, so ``-m neo4j`` (or ``-m 'not neo4j'``) selects them."""
    for item in items:
        callspec = getattr(item, "callspec", None)
        on_neo4j = callspec is not None and "neo4j" in callspec.params.values()
        if on_neo4j or {"neo4j_server", "neo4j_store"} & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.neo4j)


_NEO4J_TESTS = {"ran": 0, "skipped": 0}


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    """Count the Neo4j tests that ran and that were skipped."""
    if "neo4j" in report.keywords and (report.when == "call" or report.skipped):
        _NEO4J_TESTS["skipped" if report.skipped else "ran"] += 1


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """With KB_REQUIRE_NEO4J=1 (``make test``, CI) the run fails when any Neo4j test was skipped."""
    if os.environ.get("KB_REQUIRE_NEO4J") != "1":
        return
    if _NEO4J_TESTS["skipped"] or not _NEO4J_TESTS["ran"]:
        reporter = session.config.pluginmanager.get_plugin("terminalreporter")
        if reporter is not None:
            counts = f"{_NEO4J_TESTS['skipped']} Neo4j tests skipped, {_NEO4J_TESTS['ran']} ran"
            reporter.write_line(f"KB_REQUIRE_NEO4J=1: {counts} (engines {ENGINES}); every one must run.",
                                red=True)
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


@pytest.fixture(scope="session")
def db_dir(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Folder of the session's embedded database; its server lives as long as the session."""
    folder = tmp_path_factory.mktemp("kb-db")
    keeper = open_store(Settings(graph_url=f"embedded:{folder}", graph_name="keeper"))
    yield folder
    keeper.close()


@pytest.fixture(scope="session")
def _neo4j_servers(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Neo4jServer, Neo4jServer]]:
    """The run's two Neo4j servers, started side by side (about 15 s) on first use."""
    heap = os.environ.get("KB_TEST_NEO4J_HEAP", "1g")
    with ThreadPoolExecutor(2) as pool:
        starting = [pool.submit(start, tmp_path_factory.mktemp(name), heap=heap)
                    for name in ("neo4j-scratch", "neo4j-demo")]
        servers = [f.result() for f in starting]
    yield servers[0], servers[1]
    for server in servers:
        server.stop()


@pytest.fixture(scope="session")
def neo4j_server(_neo4j_servers: tuple[Neo4jServer, Neo4jServer]) -> Neo4jServer:
    """The test run's Neo4j server for tests that write (emptied before each of them)."""
    return _neo4j_servers[0]


@pytest.fixture(scope="session")
def neo4j_demo_server(_neo4j_servers: tuple[Neo4jServer, Neo4jServer]) -> Neo4jServer:
    """The second Neo4j server, which holds only the demo dataset."""
    return _neo4j_servers[1]


def neo4j_settings(server: Neo4jServer, **changes: Any) -> Settings:
    """Settings that point the product at ``server``."""
    settings = Settings(graph_url=server.url, graph_name=NEO4J_GRAPH_NAME, neo4j_username=server.username,
                        neo4j_password=server.password)
    return replace(settings, **changes)


def empty_neo4j(store: GraphStore) -> None:
    """Remove everything from a test server: nodes, relationships, constraints and indexes."""
    empty(store)


def store_env(store: GraphStore) -> dict[str, str]:
    """Environment variables that point a ``kb`` process or the app at ``store``'s graph."""
    s = store.settings
    env = {"KB_GRAPH_URL": s.graph_url, "KB_GRAPH_NAME": s.graph_name}
    if store.backend == "neo4j":
        env |= {"NEO4J_USERNAME": s.neo4j_username, "NEO4J_PASSWORD": s.neo4j_password}
    return env


def _fresh_embedded(db_dir: Path) -> GraphStore:
    return open_store(Settings(graph_url=f"embedded:{db_dir}", graph_name=f"t_{uuid.uuid4().hex[:10]}"))


def _fresh_store(request: pytest.FixtureRequest, engine: str) -> Iterator[GraphStore]:
    """An empty graph of its own on ``engine``, dropped (embedded) or left for the next reset."""
    if engine == "embedded":
        s = _fresh_embedded(request.getfixturevalue("db_dir"))
        yield s
        s.graph.delete()
    else:
        s = open_store(neo4j_settings(request.getfixturevalue("neo4j_server")))
        empty_neo4j(s)
        yield s
    s.close()


@pytest.fixture(params=ENGINES)
def store(request: pytest.FixtureRequest) -> Iterator[GraphStore]:
    """An empty graph of its own, on each engine in turn."""
    yield from _fresh_store(request, request.param)


@pytest.fixture(params=ENGINES)
def any_store(request: pytest.FixtureRequest) -> Iterator[GraphStore]:
    """Each engine in turn (the store contract's tests)."""
    yield from _fresh_store(request, request.param)


@pytest.fixture
def neo4j_store(neo4j_server: Neo4jServer) -> Iterator[GraphStore]:
    """The test server's knowledge base, emptied (tests of Neo4j's own mechanics)."""
    s = open_store(neo4j_settings(neo4j_server))
    empty_neo4j(s)
    yield s
    s.close()


@pytest.fixture
def embedded_store(db_dir: Path) -> Iterator[GraphStore]:
    """An empty graph of its own in the session's embedded database (FalkorDB's own mechanics)."""
    s = _fresh_embedded(db_dir)
    yield s
    s.graph.delete()
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


def _demo(store: GraphStore) -> GraphStore:
    from kb.load import load_path

    load_path(store, DEMO)
    return store


@pytest.fixture(scope="session")
def embedded_demo(db_dir: Path) -> Iterator[GraphStore]:
    s = _demo(open_store(Settings(graph_url=f"embedded:{db_dir}", graph_name="demo")))
    yield s
    s.close()


@pytest.fixture(scope="session")
def neo4j_demo(neo4j_demo_server: Neo4jServer) -> Iterator[GraphStore]:
    s = _demo(open_store(neo4j_settings(neo4j_demo_server)))
    yield s
    s.close()


@pytest.fixture(scope="session", params=ENGINES)
def demo_store(request: pytest.FixtureRequest) -> GraphStore:
    """The shipped demo dataset, loaded once per engine for the session (read-only use, please)."""
    return request.getfixturevalue(f"{request.param}_demo")
