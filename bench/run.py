"""Run the benchmark: for each scale, a fresh embedded database, loading, analyses, pages, memory;
then the Neo4j column (``bench.on_neo4j``): a fresh Neo4j server, its loaders and the analyses.

Scales: demo (``data/demo`` when present, else ``generate(14)``), national (``generate(290)``),
nordic (``generate(1100)``), stress (``generate(9999)``: municipality codes have four digits,
so 10,000 is the most there can be). Stress runs only when its estimate (extrapolated from
the largest scale measured before it) fits the memory and, in a default run, the time budget;
its Neo4j column runs the loaders that fit that column's own budget.
"""

from __future__ import annotations

import statistics
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import psutil

from bench import baselines, on_neo4j
from bench.analyses import time_analyses
from bench.growth import growth
from bench.machine import describe, falkordb_version
from bench.measure import ANALYSIS_TIMEOUT_MS, SAFETY, count, method
from bench.memory import sampled_rss
from bench.pages import time_pages
from bench.project_load import in_child
from kb.dataset import Dataset
from kb.load import _cypher_fill, _Plan, bulk_groups, index_plan, read_path
from kb.settings import Settings
from kb.store import open_store
from kb.store.base import GraphStore
from kb.store.falkor import _kill_and_wait, bulk_commands
from loaders.csv_folder import write_csv_folder

ROOT = Path(__file__).resolve().parent.parent
DEMO = ROOT / "data" / "demo"
SCALES = {"demo": 14, "national": 290, "nordic": 1100, "stress": 9999}
DEFAULT_SCALES = ("demo", "national", "nordic", "stress")
ANALYSIS_SCALES = ("demo", "national", "nordic", "stress")
PAGE_SCALES = ("demo", "national")
SAMPLE_ROWS = 2_000
"""Above this many rows, the per-row MERGE baseline times a sample and extrapolates."""
BUDGET_SECONDS = 15 * 60
"""A default run skips the stress scale when its estimate would take the embedded column
(every scale's embedded measurements so far, the Neo4j column not counted) past this."""
MEMORY_SHARE = 0.75
"""A scale is skipped when its estimated memory exceeds this share of the machine's memory."""
ONCE_FROM = 5_000
"""From this many municipalities on, each loader is timed once, whatever ``--repeat`` says."""


@dataclass
class Options:
    """What to run: scales, repetitions, output folder, whether to render pages."""

    scales: tuple[str, ...] = DEFAULT_SCALES
    repeat: int = 3
    out: Path = ROOT / "bench" / "results"
    pages: bool = True
    explicit_scales: bool = False
    sizes: dict[str, int] | None = None  # overrides SCALES and the demo folder (tests use tiny ones)
    sample_rows: int = SAMPLE_ROWS
    neo4j: bool = True
    neo4j_heap_mb: int = on_neo4j.HEAP_MB
    cold: tuple[str, ...] | None = None
    """The analyses also timed cold, each in a fresh process (about 1.5 s apiece, most of it
    Python's start-up); None: all of them. The tests' tiny run names one."""


def make_dataset(name: str, municipalities: int, options: Options) -> tuple[Dataset, str]:
    """The dataset of a scale and where it came from."""
    if name == "demo" and options.sizes is None and (DEMO / "municipalities.csv").exists():
        return read_path(DEMO), "data/demo"
    from kb.synthetic import generate

    return generate(municipalities), f"kb.synthetic.generate({municipalities})"


class Scale:
    """One scale's database (a temporary folder) and its measurements."""

    def __init__(self, name: str, dataset: Dataset, source: str, folder: Path, options: Options):
        self.name, self.dataset, self.source = name, dataset, source
        self.folder, self.options = folder, options
        self.csv_folder = folder / "csv"
        self.url = f"embedded:{folder / 'db'}"
        self.store = open_store(Settings(graph_url=self.url, graph_name="kb",
                                          query_timeout_ms=ANALYSIS_TIMEOUT_MS))
        self.repeat = 1 if len(dataset.tables["municipalities"]) >= ONCE_FROM else options.repeat
        self.result: dict[str, Any] = {"name": name, "source": source, "loader_runs": self.repeat,
                                       "municipalities": len(dataset.tables["municipalities"]),
                                       "table_rows": sum(dataset.counts().values())}

    def graph(self, name: str) -> GraphStore:
        """Another graph in the same database."""
        return open_store(Settings(graph_url=self.url, graph_name=name, query_timeout_ms=600_000))

    def run(self) -> dict[str, Any]:
        """Every measurement of this scale."""
        started = time.perf_counter()
        self.load()
        self.result["loading_wall_s"] = time.perf_counter() - started
        if self.name in ANALYSIS_SCALES:
            self.result["analyses"] = time_analyses(self.store, max(self.options.repeat, 3),
                                                    self.options.cold)
        if self.options.pages and self.name in PAGE_SCALES:
            self.result["pages"] = time_pages(self.url, "kb", self.options.repeat)
        self.result["falkordb"] = falkordb_version(self.store)
        server = self.store._db.client.pid
        self.store.close()
        _kill_and_wait(server)  # the app's cached store keeps it alive otherwise; the folder is ours
        return self.result

    def load(self) -> None:
        """The project's loader (in a child process), then each alternative on the same data."""
        write_csv_folder(self.dataset, self.csv_folder)
        client = self.store._db.client
        with sampled_rss(client.pid) as server_peak:
            project = in_child(self.csv_folder, self.url, "kb", self.repeat)
        rows = project["nodes"] + project["relationships"]
        totals = [r["total_s"] for r in project["runs"]]
        project_s = statistics.median(totals)
        writes = statistics.median(r["write_s"] for r in project["runs"])
        self.result.update(nodes=project["nodes"], relationships=project["relationships"], rows=rows)
        loading: dict[str, Any] = {"project": {
            **method(project_s, rows, project_s), "runs": totals,
            "read_validate_s": statistics.median(r["read_validate_s"] for r in project["runs"]),
            "write_s": writes}}
        changes = in_child(self.csv_folder, self.url, "kb", 1, compare=True)
        loading["project_with_changes"] = {
            **method(changes["runs"][0]["total_s"], rows, project_s),
            "note": "a reload over the same data with the change report (kb load's default)"}
        loading["project_cypher_path"] = self._cypher_path(rows, project_s)
        loading["per_row_merge"] = self._baseline("per_row_merge", rows, project_s)
        loading["batched_unwind"] = self._baseline("batched_unwind", rows, project_s)
        loading["bulk_insert"] = self._bulk(rows, project_s)
        loading["engine_limit"] = self._engine_limit(rows, project_s)
        self.result["loading"] = loading
        info = self.store._db.connection.info("memory")
        self.result["memory"] = {"loader_peak_rss_mb": project["peak_rss_mb"],
                                 "loader_peak_rss_mb_with_changes": changes["peak_rss_mb"],
                                 "server_peak_rss_mb_during_project_load": server_peak["rss_mb"],
                                 "server_used_memory_peak_mb": info["used_memory_peak"] / 2**20}

    def _checked(self, graph: GraphStore, rows: int) -> dict[str, Any]:
        nodes, rels = count(graph)
        graph.graph.delete()
        graph.close()
        return {"same_counts": (nodes, rels) == (self.result["nodes"], self.result["relationships"]),
                "graph_rows": nodes + rels}

    def _cypher_path(self, rows: int, project_s: float) -> dict[str, Any]:
        """kb.load's ``load/`` queries (the Neo4j path; the FalkorDB path before bulk loading)."""
        graph = self.graph("cypher_path")
        plan = _Plan.of(self.dataset)
        started = time.perf_counter()
        graph.replace_graph(_cypher_fill(self.dataset, plan, lambda *a: None, 0, 0), index_plan())
        seconds = time.perf_counter() - started
        return method(seconds, rows, project_s, note="write only, data already validated",
                       **self._checked(graph, rows))

    def _baseline(self, name: str, rows: int, project_s: float) -> dict[str, Any]:
        graph = self.graph(name)
        if name == "per_row_merge":
            out = baselines.per_row_merge(graph, self.dataset, self.options.sample_rows)
            check = {"graph_rows": None, "same_counts": None}
            graph.graph.delete()
            graph.close()
        else:
            out = baselines.batched_unwind(graph, self.dataset)
            check = self._checked(graph, rows)
        return method(out.pop("seconds"), rows, project_s, **out, **check)

    def _engine_limit(self, rows: int, project_s: float) -> dict[str, Any]:
        """The server executing the project's ``GRAPH.BULK`` calls, encoded beforehand: what no
        loader of this engine can beat (the calls sent one after another; indexes not built)."""
        calls = list(bulk_commands(*bulk_groups(self.dataset, _Plan.of(self.dataset))))
        runs, check = [], {}
        connection = self.store._db.connection
        for _ in range(self.repeat):
            started = time.perf_counter()
            for args in calls:  # into a graph that does not exist yet, as a load's staging graph
                connection.execute_command("GRAPH.BULK", "limit", *args)
            runs.append(time.perf_counter() - started)
            check = self._checked(self.graph("limit"), rows)
        return method(statistics.median(runs), rows, project_s, runs=runs, **check,
                      note="server time only: the payload was encoded beforehand, not timed")

    def _bulk(self, rows: int, project_s: float) -> dict[str, Any]:
        if baselines.bulk_insert_command() is None:
            return {"status": "missing", "error": "falkordb-bulk-insert is not installed"}
        files = baselines.write_bulk_csv(self.dataset, self.folder / "bulk", baselines.FALKORDB_TYPES)
        args = files.falkordb_args()
        socket = self.store._db.client.socket_file
        runs = []
        for attempt in range(self.repeat):
            try:
                runs.append(baselines.bulk_insert(socket, "bulk", args)["seconds"])
            except RuntimeError as err:  # reported, not fatal: the other measurements stand
                return {"status": "error", "error": str(err)[-300:]}
            graph = self.graph("bulk")
            check = self._checked(graph, rows) if attempt == self.repeat - 1 else None
            if check is None:
                graph.graph.delete()
                graph.close()
        return method(statistics.median(runs), rows, project_s, runs=runs,
                       note="CSV files written beforehand, not timed; includes the tool's start-up",
                       **(check or {}))


def _estimate(reference: dict[str, Any], municipalities: int) -> dict[str, float]:
    """Time and memory of a scale, extrapolated linearly from a measured one, with a margin.

    The per-row baseline's sample does not grow with the scale, so it is counted once; the
    loaders run once per ``loader_runs`` of the reference and once at ``ONCE_FROM`` and above.
    """
    ratio = municipalities / reference["municipalities"] * SAFETY
    loading = reference.get("loading", {})
    sample = loading.get("per_row_merge", {}).get("timed_seconds", 0.0)
    repeated = sum(sum(loading.get(k, {}).get("runs", [])) for k in ("project", "bulk_insert"))
    runs = reference.get("loader_runs", 1)
    scaled = reference["loading_wall_s"] - sample + reference.get("generate_s", 0.0)
    if municipalities >= ONCE_FROM:
        scaled -= repeated * (runs - 1) / runs
    memory = reference["memory"]
    memory_mb = memory["loader_peak_rss_mb"] * 2 + memory["server_used_memory_peak_mb"]
    return {"seconds": scaled * ratio + sample, "memory_gib": memory_mb * ratio / 1024}


def skip_reason(name: str, municipalities: int, done: list[dict[str, Any]], options: Options,
                elapsed: float) -> str | None:
    """Why scale ``name`` should not run here, or None when it fits."""
    if name != "stress" or not done:
        return None
    est = _estimate(done[-1], municipalities)
    total_gib = psutil.virtual_memory().total / 2**30
    if est["memory_gib"] > total_gib * MEMORY_SHARE:
        return (f"estimated memory {est['memory_gib']:.1f} GiB exceeds {MEMORY_SHARE:.0%} of this "
                f"machine's {total_gib:.0f} GiB")
    if not options.explicit_scales and elapsed + est["seconds"] > BUDGET_SECONDS:
        return (f"estimated {est['seconds'] / 60:.1f} min would take the default run past its "
                f"{BUDGET_SECONDS // 60}-minute budget; run it on its own with --scales stress")
    return None


def run(options: Options) -> dict[str, Any]:
    """Measure every scale in ``options``; write and return the results."""
    started = time.perf_counter()
    embedded_s = 0.0  # the embedded column's time so far, which its budget counts
    sizes = options.sizes or SCALES
    done: list[dict[str, Any]] = []
    skipped: list[dict[str, str]] = []
    with tempfile.TemporaryDirectory(prefix="kb-bench-") as tmp:
        for name in options.scales:
            reason = skip_reason(name, sizes[name], done, options, embedded_s)
            if reason:
                print(f"[bench] skipping {name}: {reason}", flush=True)
                skipped.append({"scale": name, "reason": reason})
                continue
            print(f"[bench] {name}: {sizes[name]} municipalities", flush=True)
            generated = time.perf_counter()
            dataset, source = make_dataset(name, sizes[name], options)
            generate_s = time.perf_counter() - generated
            scale = Scale(name, dataset, source, Path(tmp) / name, options)
            result = scale.run()
            result["generate_s"] = generate_s
            embedded_s += time.perf_counter() - generated
            print(f"[bench] {name}: {result['rows']:,} rows loaded at "
                  f"{result['loading']['project']['rows_per_s']:,.0f} rows/s", flush=True)
            if options.neo4j:
                result["neo4j"] = _neo4j_column(scale, done, skipped)
            done.append(result)
    falkordb = done[0].pop("falkordb") if done else "unknown"
    for result in done:
        result.pop("falkordb", None)
    neo4j = next((s["neo4j"]["version"] for s in done if "version" in s.get("neo4j", {})), None)
    results = {"machine": describe(falkordb, neo4j), "options": {
               "scales": list(options.scales), "repeat": options.repeat, "pages": options.pages,
               "sample_rows": options.sample_rows, "neo4j": options.neo4j,
               "neo4j_heap_mb": options.neo4j_heap_mb, "cold": options.cold},
               "scales": done, "skipped": skipped, "growth": growth_table(done),
               "total_seconds": time.perf_counter() - started}
    from bench.report import write_results

    write_results(results, options.out)
    return results


def _neo4j_column(scale: Scale, done: list[dict[str, Any]], skipped: list[dict[str, str]]) -> dict[str, Any]:
    """The Neo4j column of ``scale`` (after its embedded one): the loaders that fit, the analyses."""
    options, result = scale.options, scale.result
    loaders = on_neo4j.LOADERS
    if scale.name == "stress" and done and not options.explicit_scales:
        loaders, left_out = on_neo4j.plan(result["municipalities"], done[-1],
                                          lambda seconds: seconds <= on_neo4j.BUDGET_SECONDS)
        for s in left_out:
            print(f"[bench] {scale.name} on Neo4j: skipping {s['loader']}: {s['reason']}", flush=True)
            skipped.append({"scale": f"{scale.name} (Neo4j {s['loader']})", "reason": s["reason"]})
    column = on_neo4j.Neo4jScale(
        scale.dataset, scale.folder, scale.csv_folder, (result["nodes"], result["relationships"]),
        scale.repeat, options.neo4j_heap_mb,
        max(options.repeat, 3) if scale.name in ANALYSIS_SCALES else None).run(loaders)
    project = column["loading"].get("project", {})
    print(f"[bench] {scale.name} on Neo4j: " + (f"{project['rows_per_s']:,.0f} rows/s" if project.get(
        "rows_per_s") else project.get("error", column.get("error", "project loader not run"))), flush=True)
    return column


def growth_table(scales: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Fitted exponent of time against rows for each loader and each analysis, on each engine."""
    series: dict[str, list[tuple[float, float]]] = {}
    for scale in scales:
        for prefix, column in (("", scale), ("neo4j ", scale.get("neo4j", {}))):
            for loader, m in column.get("loading", {}).items():
                if m.get("seconds"):
                    series.setdefault(f"{prefix}loading: {loader}", []).append((scale["rows"], m["seconds"]))
            for name, a in column.get("analyses", {}).items():
                if a["status"] == "ok":
                    series.setdefault(f"{prefix}analysis: {name}", []).append((scale["rows"], a["median_s"]))
    return {key: growth(points) for key, points in series.items()}
