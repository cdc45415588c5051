"""The benchmark runs end to end at a tiny scale and writes results of the expected shape.

No timing assertions: this only keeps ``python -m bench`` from rotting.
"""

from __future__ import annotations

import json
from pathlib import Path

from bench.__main__ import parse
from bench.growth import exponent, growth
from bench.run import DEFAULT_SCALES, Options, run, skip_reason
from kb.analysis import ANALYSES

LOADERS = {"project", "project_cypher_path", "per_row_merge", "batched_unwind", "bulk_insert"}


def test_tiny_run_writes_markdown_and_json(tmp_path: Path) -> None:
    options = Options(scales=("demo", "national"), sizes={"demo": 2, "national": 4}, repeat=1,
                      out=tmp_path, pages=False, sample_rows=40)
    run(options)
    results = json.loads((tmp_path / "results.json").read_text())
    assert {"cpu", "cores", "memory_gib", "python", "falkordb", "date", "commit"} <= set(results["machine"])
    assert [s["name"] for s in results["scales"]] == ["demo", "national"]
    for scale in results["scales"]:
        assert scale["rows"] == scale["nodes"] + scale["relationships"] > 0
        assert set(scale["loading"]) == LOADERS
        assert scale["loading"]["project"]["relative_speed"] == 1.0
        for key in ("project_cypher_path", "batched_unwind", "bulk_insert"):
            assert scale["loading"][key]["same_counts"] is True, key
        assert set(scale["analyses"]) == {*ANALYSES, "scenario-effects"}
        assert scale["memory"]["loader_peak_rss_mb"] > 0
    assert "loading: project" in results["growth"]
    markdown = (tmp_path / "results.md").read_text()
    for heading in ("## Loading", "## Peak memory", "## Analyses", "## Growth"):
        assert heading in markdown


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
