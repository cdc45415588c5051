"""Write the benchmark's results as JSON and as a Markdown table for the README."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from bench.growth import FLAG_ABOVE

METHODS = {
    "project": "project loader (`kb.load`: read CSV + validate + atomic bulk load)",
    "project_with_changes": "project loader reloading the same data with the change report "
                            "(`kb load`'s default)",
    "project_cypher_path": "project loader's Cypher path (`queries/load/`, used for Neo4j)",
    "per_row_merge": "(a) one MERGE query per row",
    "batched_unwind": "(b) batched `UNWIND $rows` + MERGE, indexed key lookups",
    "bulk_insert": "(c) `falkordb-bulk-insert` from CSV",
    "engine_limit": "engine's ingest limit: the server executing the project's `GRAPH.BULK` calls, "
                    "encoded beforehand",
}
NEO4J_METHODS = {
    "project": "project loader (`kb.load`: read CSV + validate + one write transaction)",
    "batched_unwind": "(b) batched `UNWIND $rows` + MERGE, one transaction per batch",
    "admin_import": "(d) `neo4j-admin database import full` from CSV, offline, + index build",
}


def write_results(results: dict[str, Any], out: Path) -> None:
    """``out/results.json`` and ``out/results.md``."""
    out.mkdir(parents=True, exist_ok=True)
    (out / "results.json").write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
    (out / "results.md").write_text(markdown(results))


def _s(value: float | None) -> str:
    if value is None:
        return "–"
    return f"{value * 1000:.0f} ms" if value < 1 else f"{value:.2f} s"


def _rate(value: float | None) -> str:
    return "–" if value is None else f"{value:,.0f}"


def _table(header: list[str], rows: list[list[str]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    return lines + ["| " + " | ".join(r) + " |" for r in rows]


def _machine(m: dict[str, Any]) -> list[str]:
    neo4j = f", Neo4j {m['neo4j']} Community ({m['java']})" if m.get("neo4j") else ""
    return [f"- Machine: {m['cpu']}, {m['cores']} cores, {m['memory_gib']} GiB, {m['os']}",
            f"- Software: Python {m['python']}, FalkorDB {m['falkordb']} (falkordblite "
            f"{m['falkordblite']}), falkordb-bulk-loader {m['falkordb_bulk_loader']}{neo4j}",
            f"- Date: {m['date']}; commit {m['commit']}; load average at the end "
            f"{', '.join(str(x) for x in m['load_average'])} (other work on the machine slows every number)",
            *([f"- **The machine was loaded**: a load average of {m['load_average'][2]} over 15 minutes on "
               f"{m['cores']} cores means other work was running during the measurements, so every time "
               "here is longer than on an idle machine, by an amount that varied during the run"]
              if m["load_average"][2] > m["cores"] else [])]


def _sizes(scales: list[dict[str, Any]]) -> list[str]:
    rows = [[s["name"], s["source"], f"{s['municipalities']:,}", f"{s['table_rows']:,}", f"{s['nodes']:,}",
             f"{s['relationships']:,}"] for s in scales]
    return _table(["scale", "data", "municipalities", "table rows", "nodes", "relationships"], rows)


def _load_cell(m: dict[str, Any]) -> str:
    if not m.get("seconds"):
        return m.get("status", "–")
    rel = m["relative_speed"]
    mark = " (sampled)" if m.get("extrapolated") else ""
    relative = "" if rel is None else f", ×{rel:.2f}"
    return f"{_rate(m['rows_per_s'])} rows/s, {_s(m['seconds'])}{mark}{relative}"


def _write_cell(s: dict[str, Any], m: dict[str, Any]) -> str:
    return f"{_rate(s['rows'] / m['write_s'])} rows/s, {_s(m['write_s'])}" if m.get("write_s") else "–"


def _loading(scales: list[dict[str, Any]], column: str | None, methods: dict[str, str]) -> list[str]:
    """One engine's loaders by scale: the embedded one (``column`` None) or ``s[column]``'s."""
    def loading(s: dict[str, Any]) -> dict[str, Any]:
        return (s if column is None else s.get(column, {})).get("loading", {})

    rows = []
    for key, label in methods.items():
        rows.append([label, *(_load_cell(loading(s).get(key, {})) for s in scales)])
        if key == "project":
            rows.append(["project loader, load step only (validated data → graph)",
                         *(_write_cell(s, loading(s).get("project", {})) for s in scales)])
    return _table(["loader"] + [s["name"] for s in scales], rows)


def _engines(scales: list[dict[str, Any]]) -> list[str]:
    """The project's loader on both engines, and Neo4j's time as a multiple of the embedded one's."""
    rows = []
    for label, key in (("end to end", "seconds"), ("load step only", "write_s")):
        for engine, pick in (("embedded FalkorDB", lambda s: s["loading"]["project"]),
                             ("Neo4j", lambda s: s["neo4j"]["loading"].get("project", {}))):
            rows.append([f"{engine}, {label}", *(
                f"{_rate(s['rows'] / pick(s)[key])} rows/s, {_s(pick(s)[key])}" if pick(s).get(key) else
                pick(s).get("status", "–") for s in scales)])
        rows.append([f"Neo4j time ÷ embedded time, {label}", *(
            f"×{s['neo4j']['loading']['project'][key] / s['loading']['project'][key]:.1f}"
            if s["neo4j"]["loading"].get("project", {}).get(key) else "–" for s in scales)])
    return _table(["project loader"] + [s["name"] for s in scales], rows)


def _neo4j_memory(scales: list[dict[str, Any]]) -> list[str]:
    def mb(m: dict[str, Any], key: str) -> str:
        return f"{m[key]:,.0f} MB" if key in m else "–"

    rows = [[s["name"], *(mb(s["neo4j"].get("memory", {}), k) for k in (
        "server_transaction_peak_mb", "server_heap_after_gc_peak_mb", "server_heap_used_peak_mb",
        "server_rss_peak_mb", "loader_peak_rss_mb"))] for s in scales]
    return _table(["scale", "transaction (Neo4j's estimate)", "heap after GC", "heap in use",
                   "server RSS", "loading process RSS"], rows)


def _both(scales: list[dict[str, Any]]) -> list[str]:
    """Each analysis's median on the embedded FalkorDB and on Neo4j, by scale."""
    measured = [s for s in scales if "analyses" in s]
    rows = []
    for name in dict.fromkeys(n for s in measured for n in s["analyses"]):
        cells = [f"`{name}`"]
        for s in measured:
            pair = [s["analyses"].get(name, {}), s.get("neo4j", {}).get("analyses", {}).get(name, {})]
            cells.append(" / ".join(_s(r["median_s"]) if r.get("status") == "ok" else r.get("status", "–")
                                    for r in pair))
        rows.append(cells)
    return _table(["analysis (FalkorDB / Neo4j)"] + [s["name"] for s in measured], rows)


def _memory(scales: list[dict[str, Any]]) -> list[str]:
    rows = [[s["name"], f"{s['memory']['loader_peak_rss_mb']:.0f} MB",
             (f"{s['memory']['loader_peak_rss_mb_with_changes']:.0f} MB"
              if "loader_peak_rss_mb_with_changes" in s["memory"] else "–"),
             f"{s['memory']['server_peak_rss_mb_during_project_load']:.0f} MB",
             f"{s['memory']['server_used_memory_peak_mb']:.0f} MB"] for s in scales]
    return _table(["scale", "loading process peak RSS", "... with the change report",
                   "server peak RSS (project load)",
                   "server used_memory_peak (whole scale)"], rows)


def _timed(scales: list[dict[str, Any]], section: str, label: str, limit: float,
           first: bool = False) -> list[str]:
    measured = [s for s in scales if section in s]
    names = list(dict.fromkeys(n for s in measured for n in s[section]))
    if not names:
        return ["Nothing to measure yet."]
    rows = []
    for name in names:
        cells = [f"`{name}`"]
        for s in measured:
            r = s[section].get(name, {"status": "–"})
            if r["status"] == "ok":
                worst = max(r["median_s"], r["first_s"] if first else 0.0)
                text = f"{_s(r['first_s'])} / {_s(r['median_s'])}" if first else _s(r["median_s"])
                cells.append(f"**{text}**" if worst > limit else text)
            else:
                cells.append(r["status"])
        rows.append(cells)
    return _table([label] + [s["name"] for s in measured], rows)


def _cold(scales: list[dict[str, Any]]) -> list[str]:
    """Each analysis called cold (a fresh process) on the embedded engine: seconds, and the rows
    and bytes it read from the engine, by scale."""
    measured = [s for s in scales if any("cold_s" in r for r in s.get("analyses", {}).values())]
    if not measured:
        return ["Not measured."]
    rows = []
    for name in dict.fromkeys(n for s in measured for n in s["analyses"]):
        cells = [f"`{name}`"]
        for s in measured:
            r = s["analyses"].get(name, {})
            cells.append(f"{_s(r['cold_s'])} · {r['rows_read']:,} rows · {r['bytes_read'] / 1e6:.2f} MB"
                         if "cold_s" in r else r.get("cold_error", "–"))
        rows.append(cells)
    return _table(["analysis (cold: seconds · rows read · bytes read)"] + [s["name"] for s in measured], rows)


def _growth(growth: dict[str, dict[str, Any]]) -> list[str]:
    def e(v: float | None) -> str:
        return "–" if v is None else f"{v:.2f}"

    rows = [[k, e(g["exponent"]), e(g["exponent_top"]), "**worse than linear**" if g["flag"] else ""]
            for k, g in growth.items()]
    return _table(["measurement", "exponent (all scales)", "exponent (two largest)", f"> {FLAG_ABOVE}"], rows)


def _errors(scales: list[dict[str, Any]]) -> list[str]:
    lines = []
    for s in scales:
        neo4j = s.get("neo4j", {})
        if neo4j.get("status") == "error":
            lines.append(f"- {s['name']}, Neo4j server: {neo4j['error']}")
        for engine, column in (("", s), (" on Neo4j", neo4j)):
            for section in ("loading", "analyses", "pages"):
                for name, r in column.get(section, {}).items():
                    if r.get("status") == "error":
                        lines.append(f"- {s['name']}{engine}, `{name}`: {r['error']}")
    return lines


def _neo4j_section(results: dict[str, Any]) -> list[str]:
    scales = [s for s in results["scales"] if s.get("neo4j", {}).get("status") == "ok"]
    if not scales:
        return []
    heap = results["options"]["neo4j_heap_mb"]
    config = scales[0]["neo4j"]["config"]
    settings = ", ".join(f"`{k}={v}`" for k, v in config.items())
    return ["## Neo4j", "",
            f"The same data on the project's Neo4j server (`neo4j_server`, {heap:,} MB heap; on top of "
            f"`neo4j_server/neo4j.conf`: {settings}), a fresh server per scale. Each cell: rows/s, time, "
            "and speed relative to the project's loader on Neo4j in the same run.", "",
            *_loading(scales, "neo4j", NEO4J_METHODS), "",
            "### The project's loader on both engines", "", *_engines(scales), "",
            "### Neo4j's memory during the project's load (peaks, sampled every 0.25 s)", "",
            "Transaction: the load transaction's own estimate (`SHOW TRANSACTIONS`, "
            "`estimatedUsedHeapMemory`, what `db.memory.transaction.max` limits); heap after GC: "
            "heap in use after the latest collection (about the live data); heap in use: including "
            "garbage not yet collected (JMX through `dbms.queryJmx`); RSS: the server's JVM.", "",
            *_neo4j_memory(scales), "",
            "### Analyses on both engines (median after a warm-up)", "", *_both(scales), ""]


NOTES = [
    "- Scales: demo is `data/demo` (the 14 Fyrbodal municipalities); national, nordic and stress are "
    "`kb.synthetic.generate(290)`, `(1100)` and `(9999)`. Stress stops at 9,999 municipalities because "
    "municipality codes have four digits (10,000 codes at most). From 5,000 municipalities on, each "
    "loader is timed once.",
    "- The project's loader builds the new graph under a temporary name with the engine's own bulk "
    "command (`GRAPH.BULK`, the binary format `falkordb-bulk-insert` sends) straight from the validated "
    "dataset, then swaps it in with `RENAME`: all or nothing, as before. Before this, it sent `UNWIND "
    "$rows` batches of Cypher (the \"Cypher path\" row, still used for Neo4j): the FalkorDB client writes "
    "every parameter into the query text, which the server then parses again, so about half of the time "
    "went to turning rows into Cypher literals and back.",
    "- What remains of the project's time at the larger scales is mostly reading the CSV files and "
    "validating them (`read_validate_s` in results.json), which the alternatives do not do.",
    "- The embedded server runs with `appendfsync always` (every write is on disk before it returns); "
    "this weighs most on (a), which pays it once per row.",
    "- The engine's ingest limit is the time the server takes to execute the very `GRAPH.BULK` calls "
    "the project's loader sends, encoded beforehand and sent one after another (no reading, validating "
    "or encoding; no index build): its × is how many times faster than the project's loader it is, "
    "so ×3.00 or less means the project's loader is within 3x of what the engine allows.",
    "- (c) is timed as the command runs (including its start-up, about half a second); writing its CSV "
    "files is not timed.",
    "- Analyses run with a 120 s query time limit instead of the product's 5 s so that slow ones are "
    "measured rather than stopped; an analysis whose warm-up takes over 3 s is timed once more, not "
    "`--repeat` times.",
]

NEO4J_NOTES = [
    "- Neo4j: per scale, `neo4j-admin database import full` writes the graph into the data folder "
    "before the server first starts (offline: the tool refuses a running database); the server then "
    "starts (its start is not timed in any loader), builds the indexes, and the graph is counted and "
    "emptied; then the project's loader runs (`--repeat` times below 5,000 municipalities, the later "
    "runs replacing the graph in the same transaction), the analyses, emptying again, and (b). "
    "Emptying is not timed in any loader.",
    "- The project's loader on Neo4j is the Cypher path above (`queries/load/`), all rows in one "
    "write transaction; (b) commits every batch on its own, so it is not all or nothing.",
]


def markdown(results: dict[str, Any]) -> str:
    """The results as Markdown: machine, sizes, loading, memory, analyses, pages, growth, notes."""
    scales = results["scales"]
    out = ["# Benchmark results", "", *_machine(results["machine"]),
           f"- Run: `python -m bench --scales {','.join(results['options']['scales'])} "
           f"--repeat {results['options']['repeat']}` (`make bench`), "
           f"{results['total_seconds'] / 60:.1f} min",
           "", "## Sizes", "", *_sizes(scales), "",
           "## Loading", "",
           "Rows = nodes + relationships of the resulting graph. Each cell: rows/s, time, and speed "
           "relative to the project's loader (×1.00 = as fast; ×0.10 = ten times slower). The project's "
           "loader is timed end to end: reading the CSV folder, validating, and loading all or nothing "
           "(median of the runs); the alternatives only write, from data already in memory or on disk.",
           "", *_loading(scales, None, METHODS), "",
           f"(a) is timed on a proportional sample of about {results['options']['sample_rows']:,} rows "
           "(the first rows of every table) and extrapolated per table when a scale has more rows "
           "(\"sampled\"). (a) and (b) create the same indexes first. The Cypher of (a) and (b) is "
           "generated in `bench/baselines.py` (baseline code, not product queries).", "",
           "## Peak memory", "", *_memory(scales), "",
           "## Analyses (median after a warm-up; bold: over 1 s)", "",
           *_timed(scales, "analyses", "analysis", 1.0), "",
           "## Analyses cold (a fresh process, nothing cached; embedded engine)", "",
           "The call alone (imports and opening the store not counted); rows and bytes are what the "
           "analysis read from the engine (bytes: the rows as JSON text).", "",
           *_cold(scales), "",
           "## App pages (AppTest: first render in the process / median of later fresh sessions; "
           "bold: over 2 s)", "",
           "Later sessions reuse the app's `st.cache_data` results, as a returning user does; the first "
           "render computes them.", "",
           *_timed(scales, "pages", "page", 2.0, first=True), "",
           *_neo4j_section(results),
           "## Growth (time ~ rows^exponent, least squares on logs)", "", *_growth(results["growth"]), ""]
    out += ["## Notes", "", *NOTES, *(NEO4J_NOTES if _neo4j_section(results) else []), ""]
    errors = _errors(scales)
    if errors:
        out += ["## Errors", "", *errors, ""]
    if results["skipped"]:
        out += ["## Skipped", "", *(f"- {s['scale']}: {s['reason']}" for s in results["skipped"]), ""]
    return "\n".join(out)
