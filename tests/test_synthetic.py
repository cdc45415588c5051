"""The synthetic generator and the shipped demo dataset it produces."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from kb import synthetic
from kb.catalogue import PRODUCTS, SUPPLIERS
from kb.dataset import RawDataset
from kb.load import load_path, read_path
from kb.queries import run_query
from kb.store import GraphStore
from kb.validate import validate

DEMO = Path(__file__).resolve().parent.parent / "data" / "demo"
FYRBODAL_CODES = {"1421", "1427", "1430", "1435", "1438", "1439", "1460", "1461", "1484", "1485",
                  "1486", "1487", "1488", "1492"}


def _self_assessments(tables: dict) -> dict[tuple, int]:
    return {(r["municipality"], r["capability"], r["round"]): r["maturity"]
            for r in tables["assessments"] if r["method"] == "self_assessment"}


def test_same_seed_gives_the_same_data_and_another_seed_other_data():
    first, again, other = synthetic.generate(30, 5), synthetic.generate(30, 5), synthetic.generate(30, 6)
    assert first.tables == again.tables
    assert _self_assessments(first.tables) != _self_assessments(other.tables)
    assert first.tables["system_usage"] != other.tables["system_usage"]


def test_fourteen_are_the_fyrbodal_municipalities_with_the_catalogue():
    tables = synthetic.generate(14).tables
    assert {m["code"] for m in tables["municipalities"]} == FYRBODAL_CODES
    assert len(tables["capabilities"]) == 55
    assert sum(c["key_capability"] for c in tables["capabilities"]) == 9
    assert len(tables["suppliers"]) == len(SUPPLIERS)
    assert len(tables["systems"]) == len(PRODUCTS)
    # every capability self-assessed in both rounds; 4 of 14 (2 in 7) externally reviewed on the 9 key ones
    assert len(_self_assessments(tables)) == 14 * 55 * 2
    reviews = [r for r in tables["assessments"] if r["method"] == "external_review"]
    assert len(reviews) == 4 * 9
    assert {r["round"] for r in reviews} == {2024}


def test_290_municipalities_scale_suppliers_systems_and_usage():
    tables = synthetic.generate(290, 1).tables
    codes = [m["code"] for m in tables["municipalities"]]
    assert len(codes) == len(set(codes)) == 290
    assert all(len(c) == 4 and c.isdigit() for c in codes)
    invented = [m for m in tables["municipalities"] if m["code"] not in FYRBODAL_CODES]
    assert len(invented) == 276
    assert all(m["name"] == f"Syntetisk kommun {m['code']}" for m in invented)
    assert len(tables["suppliers"]) == len(SUPPLIERS) + 276 // 20
    assert len(tables["systems"]) == len(PRODUCTS) + 276 // 5
    per_municipality: dict[str, int] = {}
    for row in tables["system_usage"]:
        per_municipality[row["municipality"]] = per_municipality.get(row["municipality"], 0) + 1
    assert 25 <= sum(per_municipality.values()) / 290 <= 40
    assert len(_self_assessments(tables)) == 290 * 55 * 2
    reviewed = {r["municipality"] for r in tables["assessments"] if r["method"] == "external_review"}
    assert len(reviewed) == math.ceil(290 * 2 / 7)
    assert len(tables["it_capacity"]) == 290 * 2
    assert tables["collaborations"]


def test_generated_rows_are_already_validated_rows():
    dataset = synthetic.generate(290, 2)
    assert validate(RawDataset.from_records(dataset.tables)).tables == dataset.tables
    assert dataset.synthetic


def test_csv_round_trip_validates_and_keeps_every_row(tmp_path: Path):
    dataset = synthetic.generate(60, 3)
    synthetic.write(dataset, tmp_path)
    assert read_path(tmp_path).tables == dataset.tables


def test_sizes_beyond_the_four_digit_codes_are_refused():
    with pytest.raises(ValueError, match="10,000"):
        synthetic.generate(10_001)
    with pytest.raises(ValueError, match="from 1"):
        synthetic.generate(0)


def test_synthetic_codes_fill_the_four_digit_space_without_fyrbodal():
    codes = synthetic._synthetic_codes(synthetic.MAX_MUNICIPALITIES - 14)
    assert len(set(codes) | FYRBODAL_CODES) == 10_000
    assert codes[:2] == ["0001", "0002"]


def test_external_reviews_are_usually_lower_than_self_assessments():
    tables = synthetic.demo().tables
    own = _self_assessments(tables)
    gaps = [own[(r["municipality"], r["capability"], r["round"])] - r["maturity"]
            for r in tables["assessments"] if r["method"] == "external_review"]
    assert sum(g > 0 for g in gaps) > len(gaps) / 2
    assert sum(g < 0 for g in gaps) < len(gaps) / 10


def test_demo_folder_is_what_the_generator_makes():
    assert read_path(DEMO).tables == synthetic.demo().tables


def test_demo_loads_with_expected_counts_and_says_it_is_synthetic(store: GraphStore):
    report = load_path(store, DEMO)
    assert report.synthetic
    labels = {r["label"]: r["count"] for r in run_query(store, "graph/label_counts").records()}
    assert labels["Municipality"] == 14
    assert labels["Capability"] == 55
    assert labels["CapabilityArea"] == 7
    assert 20 <= labels["Supplier"] <= 30
    assert 60 <= labels["System"] <= 100
    key = store.read("MATCH (c:Capability) WHERE c.key_capability = true RETURN count(c)").scalar()
    assert key == 9
    (info,) = run_query(store, "graph/dataset").records()
    assert info["name"] == "fyrbodal-demo"
    assert info["synthetic"] is True
    assert "SYNTHETIC" in info["description"]
