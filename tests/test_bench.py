"""The benchmark runs end to end at a tiny scale and writes results of the expected shape.

No timing assertions: this only keeps ``python -m bench`` from rotting.
"""

from __future__ import annotations

import json
from pathlib import Path

from conftest import ENGINES

from bench import on_neo4j, report
from bench.__main__ import parse
from bench.growth import exponent, growth
from bench.run import DEFAULT_SCALES, Options, run, skip_reason
from kb.analysis import ANALYSES
from neo4j_server import CONF, write_conf

LOADERS = {"project", "project_with_changes", "project_cypher_path", "per_row_merge", "batched_unwind",
           "bulk_insert", "engine_limit"}
NEO4J_LOADERS = {"project", "batched_unwind", "admin_import"}
NEO4J_MEMORY = {"server_transaction_peak_mb", "server_heap_after_gc_peak_mb", "server_heap_used_peak_mb",
                "server_rss_peak_mb", "loader_peak_rss_mb"}


def test_tiny_run_writes_markdown_and_json(tmp_path: Path) -> None:
    """The embedded column always; when the suite tests Neo4j, the Neo4j column beside it on a
    real server (one run for both: a run of its own for the embedded column took about 40 s)."""
    engine = "neo4j" if "neo4j" in ENGINES else "embedded"
    options = Options(scales=("demo", "national"), sizes={"demo": 2, "national": 4}, repeat=1,
                      out=tmp_path, pages=False, sample_rows=40, neo4j=engine == "neo4j", neo4j_heap_mb=1024,
                      cold=("weak",))
    run(options)
    results = json.loads((tmp_path / "results.json").read_text())
    assert {"cpu", "cores", "memory_gib", "python", "falkordb", "date", "commit"} <= set(results["machine"])
    assert [s["name"] for s in results["scales"]] == ["demo", "national"]
    for scale in results["scales"]:
        assert scale["rows"] == scale["nodes"] + scale["relationships"] > 0
        assert set(scale["loading"]) == LOADERS
        assert scale["loading"]["project"]["relative_speed"] == 1.0
        for key in ("project_cypher_path", "batched_unwind", "bulk_insert", "engine_limit"):
            assert scale["loading"][key]["same_counts"] is True, key
        assert set(scale["analyses"]) == {*ANALYSES, "scenario-effects"}
        # the analysis named also ran cold, in a fresh process, counting what it read from the engine
        weak = scale["analyses"]["weak"]
        assert weak["cold_s"] > 0 and weak["rows_read"] > 0 and weak["bytes_read"] > weak["rows_read"]
        assert [name for name, a in scale["analyses"].items() if "cold_s" in a] == ["weak"]
        assert scale["memory"]["loader_peak_rss_mb"] > 0
        assert scale["memory"]["loader_peak_rss_mb_with_changes"] > 0
        assert scale["loading"]["project_with_changes"]["seconds"] > 0
    assert "loading: project" in results["growth"]
    markdown = (tmp_path / "results.md").read_text()
    for heading in ("## Loading", "## Peak memory", "## Analyses", "## Analyses cold", "## Growth"):
        assert heading in markdown
    if engine == "neo4j":
        assert results["machine"]["neo4j"].startswith("5.26")
        for scale in results["scales"]:
            column = scale["neo4j"]
            assert column["status"] == "ok", column
            assert set(column["loading"]) == NEO4J_LOADERS
            for key, measured in column["loading"].items():
                assert measured["same_counts"] is True, (key, measured)
                assert measured["rows_per_s"] > 0, key
            assert column["loading"]["project"]["relative_speed"] == 1.0
            measured_ok = {name for name, a in column["analyses"].items() if a["status"] == "ok"}
            assert measured_ok == {*ANALYSES, "scenario-effects"}
            assert set(column["memory"]) == NEO4J_MEMORY and all(v > 0 for v in column["memory"].values())
        assert "neo4j loading: project" in results["growth"]
        for heading in ("## Neo4j", "### The project's loader on both engines",
                        "### Analyses on both engines"):
            assert heading in markdown
        for scale in results["scales"]:  # the report of a run without the Neo4j column has no such section
            del scale["neo4j"]
        markdown = report.markdown(results)
    assert all("neo4j" not in scale for scale in results["scales"])
    assert "## Neo4j" not in markdown and "### Analyses on both engines" not in markdown


def test_neo4j_stress_runs_the_loaders_that_fit_its_budget() -> None:
    """Estimates from a smaller scale, in the column's order of priority; unmeasured ones are left out."""
    column = {"status": "ok", "server_start_s": 30.0, "empty_s": [0.0],
              "loading": {"project": {"seconds": 10.0}, "admin_import": {"seconds": 1.0},
                          "batched_unwind": {"status": "error"}}}
    reference = {"municipalities": 100, "neo4j": column}
    # ten times the municipalities, margin 1.5: project 150 s, import 15 s, after a 30 s start
    loaders, skipped = on_neo4j.plan(1000, reference, lambda s: s <= 200.0)
    assert loaders == ("project", "admin_import")
    assert [s["loader"] for s in skipped] == ["batched_unwind"] and "did not finish" in skipped[0]["reason"]
    loaders, skipped = on_neo4j.plan(1000, reference, lambda s: s <= 100.0)
    assert loaders == ("admin_import",) and [s["loader"] for s in skipped] == ["project", "batched_unwind"]
    assert "--scales stress" in skipped[0]["reason"]
    failed = {"municipalities": 100, "neo4j": {"status": "error"}}
    assert on_neo4j.plan(1000, failed, lambda s: False) == (on_neo4j.LOADERS, [])

def test_neo4j_settings_can_be_replaced_per_server(tmp_path: Path) -> None:
    """``neo4j_server.start(config=...)``'s file: the project's settings, the given ones in their place."""
    path = write_conf(tmp_path, {"db.memory.transaction.max": "6g", "server.memory.pagecache.size": "1g"})
    lines = path.read_text().splitlines()
    assert [line for line in lines if line.startswith("db.memory.transaction.max")] == [
        "db.memory.transaction.max=6g"]
    assert "server.memory.pagecache.size=1g" in lines and "server.memory.pagecache.size=256m" not in lines
    assert "dbms.security.allow_csv_import_from_file_urls=false" in lines
    assert len(lines) == len(CONF.read_text().splitlines())


def test_stress_is_skipped_when_its_estimate_does_not_fit() -> None:
    huge = {"municipalities": 10, "loading_wall_s": 60.0, "generate_s": 0.0,
            "memory": {"loader_peak_rss_mb": 10_000.0, "server_used_memory_peak_mb": 10_000.0}}
    assert "memory" in skip_reason("stress", 9999, [huge], Options(), 0.0)
    slow = {**huge, "memory": {"loader_peak_rss_mb": 1.0, "server_used_memory_peak_mb": 1.0}}
    assert "--scales stress" in skip_reason("stress", 9999, [slow], Options(), 0.0)
    assert skip_reason("stress", 9999, [slow], Options(explicit_scales=True), 0.0) is None
    assert skip_reason("nordic", 1100, [huge], Options(), 0.0) is None


def test_exponent_of_a_power_law_is_its_power() -> None:
    assert abs(exponent([(10, 1.0), (100, 10.0), (1000, 100.0)]) - 1.0) < 1e-9
    assert abs(exponent([(10, 1.0), (100, 100.0)]) - 2.0) < 1e-9
    assert growth([(10, 1.0), (100, 100.0)])["flag"] is True
    assert exponent([(10, 1.0)]) is None


def test_options_default_to_every_scale_and_refuse_unknown_ones() -> None:
    assert parse([]).scales == DEFAULT_SCALES and not parse([]).explicit_scales
    assert parse(["--scales", "stress"]).explicit_scales
    try:
        parse(["--scales", "galactic"])
    except SystemExit as stop:
        assert stop.code == 2
    else:
        raise AssertionError("an unknown scale was accepted")
