"""Graph questions asked in the graph (Cypher variable-length paths) against the networkx way.

    python -m bench.graph_questions [--scales national,nordic] [--neo4j] [--repeat 3]

Per scale (``kb.synthetic.generate``), on embedded FalkorDB and, with ``--neo4j``, on the
project's Neo4j 5.26 (one server per scale, as ``bench.on_neo4j`` starts it), it times:

- impact ranking and impact of the top-ranked node: ``kb.analysis.impact`` (reach found with
  variable-length paths) against the networkx way it replaced (every spreading edge fetched by
  ``spread_graph``, then ``nx.descendants`` / breadth-first search per node);
- transitive dependents: ``kb.analysis.weak.dependents`` (a DEPENDS_ON path of any length)
  against fetching the dependency edges and counting ``nx.ancestors``;
- a depth-2 neighbourhood: ``kb.graphview.neighbourhood`` (one query per step) against one
  variable-length query ``(focus)-[*1..2]-(m)`` (``NEIGHBOURHOOD_VARLENGTH``);
- the path finder ``kb.paths.find_paths`` between a supplier and a capability at depth 4.

Each cell: the first call ("cold": a fresh child process, nothing cached, store opened
beforehand) and the median of ``--repeat`` further calls in one process. The Cypher below is
benchmark code, not product queries.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import networkx as nx

from kb.analysis.common import capabilities
from kb.analysis.impact import _affected, spread_graph
from kb.settings import Settings
from kb.store import GraphStore, open_store

SCALES = {"national": 290, "nordic": 1100}
NEIGHBOURHOOD_VARLENGTH = ("MATCH (f) WHERE [labels(f)[0], coalesce(f.code, f.id)] = $focus "
                           "MATCH (f)-[*1..2]-(m) RETURN DISTINCT m")
DEPENDENCY_EDGES = ("MATCH (c:Capability)-[:DEPENDS_ON]->(d:Capability) "
                    "RETURN c.id AS capability, d.id AS depends_on")


def ranking_networkx(store: GraphStore) -> list[tuple[str, str, int, int, int]]:
    """The replaced ranking: (kind, id, systems, capabilities, municipalities) per node."""
    graph = spread_graph(store)
    core = graph.subgraph(n for n in graph if n[0] != "municipality")
    rows = []
    for node in (n for n in core if n[0] in ("supplier", "system")):
        reached = nx.descendants(core, node) | {node}
        systems = {n for n in reached if n[0] == "system"}
        users = {m for s in systems for m in graph.successors(s) if m[0] == "municipality"}
        rows.append((node[0], node[1], len(systems), sum(n[0] == "capability" for n in reached), len(users)))
    return rows


def dependents_networkx(store: GraphStore) -> dict[str, int]:
    """The replaced transitive-dependents count: edges fetched, ``nx.ancestors`` per capability."""
    graph = nx.DiGraph()
    graph.add_nodes_from(capabilities(store)["capability"])
    rows = store.read(DEPENDENCY_EDGES, row_cap=None).rows
    graph.add_edges_from(rows)
    return {node: len(nx.ancestors(graph, node)) for node in graph}


def tasks(store: GraphStore) -> dict[str, Callable[[], Any]]:
    """Every timed call, by name: ``<question>: <way>``."""
    from kb.analysis.impact import impact
    from kb.analysis.weak import dependents
    from kb.graphview import neighbourhood
    from kb.paths import find_paths

    top = impact(store).iloc[0]
    start = (top["kind"], str(top["id"]))
    supplier = store.read("MATCH (s:Supplier)-[:PROVIDES]->() RETURN s.id ORDER BY s.id LIMIT 1").scalar()
    capability = store.read("MATCH (c:Capability) RETURN c.id ORDER BY c.id LIMIT 1").scalar()
    municipality = store.read("MATCH (m:Municipality) RETURN m.code ORDER BY m.code LIMIT 1").scalar()
    return {
        "impact ranking: Cypher": lambda: impact(store),
        "impact ranking: networkx": lambda: ranking_networkx(store),
        "impact of the top node: Cypher": lambda: impact(store, **{start[0]: start[1]}),
        "impact of the top node: networkx": lambda: _affected(spread_graph(store), start),
        "transitive dependents: Cypher": lambda: dependents(store),
        "transitive dependents: networkx": lambda: dependents_networkx(store),
        "neighbourhood depth 2: per step": lambda: neighbourhood(store, "Municipality", municipality, 2),
        "neighbourhood depth 2: one variable-length query": lambda: store.read(
            NEIGHBOURHOOD_VARLENGTH, {"focus": ["Municipality", municipality]}, row_cap=None),
        "paths supplier to capability, depth 4": lambda: find_paths(
            store, ("Supplier", supplier), ("Capability", capability), 4, 20),
    }


def _settings(url: str, name: str, password: str | None) -> Settings:
    return Settings(graph_url=url, graph_name=name, neo4j_username="neo4j", neo4j_password=password or "",
                    query_timeout_ms=120_000)


def cold(url: str, name: str, password: str | None, task: str) -> float:
    """Seconds of the first call of ``task`` in a fresh process (the store opened beforehand)."""
    code = ("import sys, time, json; from bench.graph_questions import tasks, _settings; "
            "from kb.store import open_store; "
            f"s = open_store(_settings({url!r}, {name!r}, {password!r})); "
            f"f = tasks(s)[{task!r}]; t = time.perf_counter(); f(); print(time.perf_counter() - t)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return float(done.stdout.strip().splitlines()[-1])


def measure(url: str, name: str, password: str | None, repeat: int) -> dict[str, dict[str, float]]:
    """Cold and warm-median seconds of every task on the graph at ``url``/``name``."""
    store = open_store(_settings(url, name, password))
    timed = {}
    for task, call in tasks(store).items():
        call()
        runs = []
        for _ in range(repeat):
            started = time.perf_counter()
            call()
            runs.append(time.perf_counter() - started)
        timed[task] = {"cold_s": cold(url, name, password, task), "median_s": statistics.median(runs)}
    store.close()
    return timed


def _load(url: str, name: str, password: str | None, municipalities: int) -> None:
    from kb.load import write_dataset
    from kb.synthetic import generate

    store = open_store(_settings(url, name, password))
    write_dataset(store, generate(municipalities))
    store.close()


def run(scales: list[str], neo4j: bool, repeat: int) -> dict[str, Any]:
    """Every scale on embedded FalkorDB (and Neo4j): {engine: {scale: {task: timings}}}."""
    results: dict[str, Any] = {"embedded": {}, "neo4j": {}}
    with tempfile.TemporaryDirectory() as folder:
        for scale in scales:
            url = f"embedded:{folder}/db"
            _load(url, scale, None, SCALES[scale])
            results["embedded"][scale] = measure(url, scale, None, repeat)
            if neo4j:
                from bench.on_neo4j import HEAP_MB, server_config
                from neo4j_server import start

                server = start(Path(folder) / f"neo4j-{scale}", heap=f"{HEAP_MB // 4}m",
                               config=server_config(HEAP_MB // 4))
                try:
                    _load(server.url, "kb", server.password, SCALES[scale])
                    results["neo4j"][scale] = measure(server.url, "kb", server.password, repeat)
                finally:
                    server.stop()
    return results


def report(results: dict[str, Any]) -> str:
    """The results as a Markdown table: one row per task, one column per engine and scale."""
    columns = [(e, s) for e, scales in results.items() for s in scales]
    tasks_seen = list(dict.fromkeys(t for e, s in columns for t in results[e][s]))
    lines = ["| question: way | " + " | ".join(f"{e} {s} (cold / warm)" for e, s in columns) + " |",
             "|---|" + "---|" * len(columns)]
    for task in tasks_seen:
        cells = [results[e][s].get(task) for e, s in columns]
        lines.append(f"| {task} | " + " | ".join(
            f"{c['cold_s'] * 1000:.0f} / {c['median_s'] * 1000:.0f} ms" if c else "" for c in cells) + " |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", default="national,nordic")
    parser.add_argument("--neo4j", action="store_true", help="Also on the project's Neo4j server.")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    results = run(args.scales.split(","), args.neo4j, args.repeat)
    print(json.dumps(results, indent=1))
    print(report(results))


if __name__ == "__main__":
    main()
