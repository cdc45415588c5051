"""Scenario tables in the data model: every format, the graph, export and re-import, bad rows."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from scenario_fixture import CODES, records
from test_loaders import WRITERS, assert_problem, write_csv

from kb.dataset import InvalidDataset, RawDataset
from kb.export import export_dataset
from kb.info import graph_info
from kb.load import load_path, read_path
from kb.model import TABLES
from kb.store import GraphStore
from kb.validate import validate
from loaders import write_dataset


def _sorted(tables: dict[str, list[dict[str, Any]]]) -> dict[str, list[dict[str, Any]]]:
    return {t.name: sorted(tables[t.name], key=lambda r, t=t: tuple(str(r[k]) for k in t.key))
            for t in TABLES}


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "json", "yaml"])
def test_every_format_loads_the_scenarios_and_exports_them_unchanged(store: GraphStore, tmp_path: Path,
                                                                     fmt: str) -> None:
    expected = _sorted(validate(RawDataset.from_records(records())).tables)
    load_path(store, WRITERS[fmt](tmp_path, records()))
    exported = export_dataset(store)
    assert exported.tables == expected
    # re-import of the export: the same graph again
    write_dataset(exported, tmp_path / "again.json")
    load_path(store, tmp_path / "again.json")
    assert export_dataset(store).tables == expected


def test_scenarios_are_nodes_and_relationships(store: GraphStore, tmp_path: Path) -> None:
    load_path(store, write_csv(tmp_path / "csv", records()))
    facts = graph_info(store)
    labels, rels = facts["labels"], facts["relationships"]
    assert (labels["Scenario"], labels["Arrangement"]) == (2, 6)
    # members a1 3 + a2 4 + a3 4 + a4 3 + b1 2 + b2 2 = 18; leads of a1 and b1
    assert (rels["HAS_ARRANGEMENT"], rels["DELIVERS"], rels["JOINS"], rels["LEADS"]) == (6, 6, 18, 2)


def _spoil(change) -> dict[str, list[dict[str, Any]]]:
    tables = records()
    change(tables)
    return tables


BAD = {
    "unknown municipality": (
        lambda t: t["arrangement_members"].append({"municipality": "1499", "arrangement": "a1"}),
        dict(file="arrangement_members.csv", row=20, column="municipality", value="1499",
             expected="a key listed in municipalities")),
    "lead not a participant": (
        lambda t: t["arrangements"][0].update(lead=CODES["A"]),
        dict(file="arrangements.csv", row=2, column="lead", value=CODES["A"],
             message="the lead is not a participant", expected="1438, 1488, 1492")),
    "unknown path": (
        lambda t: t["arrangements"][1].update(path="merger"),
        dict(file="arrangements.csv", row=3, column="path", value="merger",
             expected="one of samverkan, omfordelning, sammanlaggning, asymmetrisk")),
    "a capability twice": (
        lambda t: t["arrangement_capabilities"].append({"arrangement": "a2", "capability": "backup"}),
        dict(file="arrangement_capabilities.csv", row=8, column="arrangement", value="a2",
             message="duplicate key arrangement=a2, capability=backup")),
    "asymmetrisk without a lead": (
        lambda t: t["arrangements"][4].pop("lead"),
        dict(file="arrangements.csv", row=6, column="lead", message="needs a lead")),
    "omfordelning without the provider's maturity": (
        lambda t: t["arrangements"][2].pop("provider_maturity"),
        dict(file="arrangements.csv", row=4, column="provider_maturity", expected="from 1 to 5")),
}


@pytest.mark.parametrize("case", BAD)
def test_bad_scenario_rows_are_refused_with_their_place_and_nothing_is_written(
        store: GraphStore, tmp_path: Path, case: str) -> None:
    load_path(store, write_csv(tmp_path / "good", records()))
    before = export_dataset(store).tables
    change, where = BAD[case]
    with pytest.raises(InvalidDataset) as caught:
        load_path(store, write_csv(tmp_path / "bad", _spoil(change)))
    assert_problem(caught.value.problems, **where)
    assert export_dataset(store).tables == before


def test_a_dataset_without_scenarios_still_loads(store: GraphStore, tmp_path: Path) -> None:
    dataset = read_path(write_csv(tmp_path / "csv", records(with_scenarios=False)))
    assert not dataset.tables["scenarios"] and not dataset.tables["arrangements"]
