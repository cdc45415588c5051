"""Property-based tests (hypothesis) of the loaders and the validation.

Random CSV text, random cell values and random JSON/YAML documents either load or raise
``InvalidDataset``; nothing else escapes. Random valid datasets built from the model's
tables survive load then export unchanged.
"""

from __future__ import annotations

import json
import unicodedata
import uuid
from pathlib import Path
from typing import Any

import yaml
from bad_inputs import sorted_tables
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kb.dataset import InvalidDataset, RawDataset
from kb.export import export_dataset
from kb.load import read_path, write_dataset
from kb.model import LIFECYCLES, TABLES_BY_NAME
from kb.store import GraphStore
from kb.validate import validate

FAST = settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

SCALARS = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True),
                    st.text(max_size=30), st.dates(), st.datetimes())
JSON = st.recursive(st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False),
                              st.text(max_size=20)),
                    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=15), inner,
                                                                                max_size=4),
                    max_leaves=25)
TABLE_NAMES = st.sampled_from([*TABLES_BY_NAME, "unknown"])


def _loads_or_invalid(path: Path) -> None:
    try:
        read_path(path)
    except InvalidDataset as err:
        assert err.problems and str(err)


def _fresh(tmp_path: Path) -> Path:
    folder = tmp_path / uuid.uuid4().hex[:8]
    folder.mkdir()
    return folder


@FAST
@given(text=st.text(max_size=300), name=TABLE_NAMES)
def test_random_csv_text(tmp_path: Path, text: str, name: str) -> None:
    folder = _fresh(tmp_path)
    (folder / f"{name}.csv").write_text(text, encoding="utf-8")
    (folder / "extra.csv").write_bytes(text.encode("utf-8", "surrogatepass")[:50])
    _loads_or_invalid(folder)


@FAST
@given(table=st.sampled_from(list(TABLES_BY_NAME)),
       rows=st.lists(st.dictionaries(st.sampled_from(["id", "code", "name", "municipality", "maturity",
                                                      "round", "end_of_support", "synthetic", "kind",
                                                      "area", "population", "annual_cost_sek", "x"]),
                                     SCALARS | st.lists(SCALARS, max_size=2), max_size=6), max_size=4))
def test_random_cell_values(table: str, rows: list[dict[str, Any]]) -> None:
    try:
        validate(RawDataset.from_records({table: rows}))
    except InvalidDataset as err:
        assert str(err)


@FAST
@given(document=JSON, as_yaml=st.booleans())
def test_random_json_and_yaml_documents(tmp_path: Path, document: Any, as_yaml: bool) -> None:
    path = _fresh(tmp_path) / ("data.yaml" if as_yaml else "data.json")
    text = yaml.safe_dump(document, allow_unicode=True) if as_yaml else json.dumps(document)
    path.write_text(text, encoding="utf-8")
    _loads_or_invalid(path)


@FAST
@given(document=st.dictionaries(TABLE_NAMES, st.lists(st.dictionaries(st.text(max_size=12), JSON, max_size=5),
                                                     max_size=3), max_size=4))
def test_random_table_shaped_documents(tmp_path: Path, document: dict[str, Any]) -> None:
    path = _fresh(tmp_path) / "data.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    _loads_or_invalid(path)


TEXT = st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=20) \
    .map(str.strip).filter(bool)
IDS = TEXT.map(lambda text: unicodedata.normalize("NFC", text)) \
    .filter(lambda text: not any(unicodedata.category(c) == "Cf" for c in text))
"""Identifiers as the validation keeps them: composed (NFC), no invisible characters."""
CODES = st.integers(0, 9999).map(lambda n: f"{n:04d}")
COSTS = st.floats(0, 1e9).map(lambda x: float(f"{x:.15g}"))
"""The engine returns a double with 15 significant digits, so a cost keeps at most 15."""


@st.composite
def valid_tables(draw: Any) -> dict[str, list[dict[str, Any]]]:
    """A small valid dataset: municipalities, one area, capabilities, systems and assessments."""
    codes = draw(st.lists(CODES, min_size=1, max_size=4, unique=True))
    ids = draw(st.lists(IDS, min_size=1, max_size=4, unique=True))
    systems = draw(st.lists(IDS, max_size=3, unique=True))
    assessments = draw(st.lists(st.tuples(st.sampled_from(codes), st.sampled_from(ids),
                                          st.integers(1990, 2100), st.integers(1, 5)),
                                max_size=6, unique_by=lambda a: a[:3]))
    return {
        "municipalities": [{"code": c, "name": draw(TEXT), "population": draw(st.integers(0, 10**7))}
                           for c in codes],
        "capability_areas": [{"id": "area", "name_sv": draw(TEXT), "name_en": draw(TEXT)}],
        "capabilities": [{"id": i, "area": "area", "name_sv": draw(TEXT), "name_en": i,
                          "key_capability": draw(st.booleans())} for i in ids],
        "systems": [{"id": s, "name": draw(TEXT), "lifecycle": draw(st.sampled_from(LIFECYCLES)),
                     "end_of_support": draw(st.dates()).isoformat()} for s in systems],
        "system_capabilities": [{"system": s, "capability": draw(st.sampled_from(ids))} for s in systems],
        "system_usage": [{"municipality": draw(st.sampled_from(codes)), "system": s,
                          "annual_cost_sek": draw(COSTS)} for s in systems],
        "assessments": [{"municipality": m, "capability": c, "round": r, "method": "self_assessment",
                         "maturity": level, "comment": draw(TEXT)} for m, c, r, level in assessments],
    }


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(tables=valid_tables())
def test_random_valid_datasets_round_trip(store: GraphStore, tables: dict[str, list[dict[str, Any]]]) -> None:
    dataset = validate(RawDataset.from_records(tables))
    write_dataset(store, dataset)
    assert export_dataset(store).tables == sorted_tables(dataset.tables)
