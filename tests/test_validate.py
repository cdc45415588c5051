"""Validation: cells read by kind, every problem reported at once, keys, references, cycles."""

from __future__ import annotations

import random
from datetime import date, datetime

import networkx as nx
import pytest

from kb.dataset import InvalidDataset, Problem, RawDataset
from kb.model import Column, Kind
from kb.validate import CellError, coerce, find_cycle, validate

AREA = {"id": "infra", "name_sv": "Infrastruktur", "name_en": "Infrastructure"}
CAPABILITY = {"id": "network", "area": "infra", "name_sv": "Nätverk", "name_en": "Network"}
MUNICIPALITY = {"code": "1485", "name": "Uddevalla"}


def minimal(**extra: list[dict]) -> dict[str, list[dict]]:
    """The smallest valid tables, plus ``extra``."""
    return {"municipalities": [dict(MUNICIPALITY)], "capability_areas": [dict(AREA)],
            "capabilities": [dict(CAPABILITY)], **extra}


def problems_of(tables: dict[str, list[dict]]) -> list[Problem]:
    with pytest.raises(InvalidDataset) as caught:
        validate(RawDataset.from_records(tables, origin="t"))
    return caught.value.problems


MATURITY = Column("maturity", Kind.INT, "", minimum=1, maximum=5)
COST = Column("cost", Kind.FLOAT, "", minimum=0)


@pytest.mark.parametrize(("column", "value", "expected"), [
    (Column("c", Kind.CODE, ""), 1485, "1485"),
    (Column("c", Kind.CODE, ""), 114.0, "0114"),  # Excel drops the leading zero
    (Column("c", Kind.CODE, ""), " 0180 ", "0180"),
    (Column("t", Kind.TEXT, ""), 2024.0, "2024"),
    (Column("t", Kind.TEXT, ""), "  padded  ", "padded"),
    (Column("t", Kind.TEXT, ""), datetime(2024, 5, 1), "2024-05-01"),
    (MATURITY, "3", 3),
    (MATURITY, 5.0, 5),
    (Column("n", Kind.INT, ""), "57 000", 57000),
    (COST, "1 234,5", 1234.5),  # Swedish thousands separator and decimal comma
    (COST, 7, 7.0),
    (Column("b", Kind.BOOL, ""), "Ja", True),
    (Column("b", Kind.BOOL, ""), "nej", False),
    (Column("b", Kind.BOOL, ""), 1, True),
    (Column("d", Kind.DATE, ""), "2026-12-31", "2026-12-31"),
    (Column("d", Kind.DATE, ""), "2026-12-31 00:00:00", "2026-12-31"),
    (Column("d", Kind.DATE, ""), datetime(2026, 12, 31), "2026-12-31"),
    (Column("d", Kind.DATE, ""), date(2026, 12, 31), "2026-12-31"),
    (Column("m", Kind.ENUM, "", choices=("self_assessment", "external_review")), "Self assessment",
     "self_assessment"),
    (Column("m", Kind.ENUM, "", choices=("on_premise", "saas")), "on-premise", "on_premise"),
])
def test_cells_are_read_by_kind(column: Column, value: object, expected: object) -> None:
    result = coerce(column, value)
    assert result == expected and type(result) is type(expected)


@pytest.mark.parametrize(("column", "value", "reason"), [
    (Column("c", Kind.CODE, ""), "148", "not a municipality code"),
    (Column("c", Kind.CODE, ""), 14850, "not a municipality code"),
    (MATURITY, 7, "too large"),
    (MATURITY, 0, "too small"),
    (MATURITY, 2.5, "not a whole number"),
    (MATURITY, True, "true/false"),
    (COST, -1, "too small"),
    (COST, "nan", "not a finite number"),
    (COST, "ten", "not a number"),
    (Column("b", Kind.BOOL, ""), "maybe", "not true or false"),
    (Column("d", Kind.DATE, ""), "2026-02-30", "not a date"),
    (Column("d", Kind.DATE, ""), "31/12/2026", "not a date"),
    (Column("t", Kind.TEXT, ""), ["a"], "nested"),
    (Column("m", Kind.ENUM, "", choices=("a", "b")), "c", "not one of the allowed values"),
])
def test_bad_cells_say_why(column: Column, value: object, reason: str) -> None:
    with pytest.raises(CellError, match=reason):
        coerce(column, value)


def test_a_valid_dataset_is_typed_and_blank_optional_cells_are_absent() -> None:
    dataset = validate(RawDataset.from_records(minimal(
        municipalities=[{"code": 1485, "name": "Uddevalla", "population": "", "county_code": None}])))
    assert dataset.tables["municipalities"] == [{"code": "1485", "name": "Uddevalla"}]
    assert dataset.tables["systems"] == [] and set(dataset.tables) >= {"assessments", "dataset"}
    assert not dataset.synthetic


def test_every_problem_is_reported_at_once() -> None:
    problems = problems_of(minimal(
        assessments=[{"municipality": "1485", "capability": "network", "round": 2024,
                      "method": "guess", "maturity": 9},
                     {"municipality": "1499", "capability": "network", "round": 2024,
                      "method": "self_assessment"}],
        systems=[{"id": "x", "name": "X", "colour": "red"}]))
    found = {(p.file, p.row, p.column, p.message) for p in problems}
    assert found == {
        ("t, table 'assessments'", 1, "method", "the value is not one of the allowed values"),
        ("t, table 'assessments'", 1, "maturity", "the value is too large"),
        ("t, table 'assessments'", 2, "maturity", "a required value is missing"),
        ("t, table 'assessments'", 2, "municipality",
         "refers to a municipalities entry that does not exist"),
        ("t, table 'systems'", 1, "colour", "unknown column"),
    }


def test_required_tables_and_unknown_tables() -> None:
    problems = problems_of({"municipalities": [MUNICIPALITY], "kommuner": [MUNICIPALITY]})
    messages = {p.message for p in problems}
    assert "unknown table 'kommuner'" in messages
    assert {"the table 'capability_areas' is missing or empty",
            "the table 'capabilities' is missing or empty"} <= messages
    assert "the table 'municipalities' is missing or empty" not in messages


def test_composite_keys_are_unique() -> None:
    row = {"municipality": "1485", "capability": "network", "round": 2024, "method": "self_assessment",
           "maturity": 2}
    problems = problems_of(minimal(assessments=[row, {**row, "method": "external_review"}, dict(row)]))
    assert [(p.row, p.message) for p in problems] == [
        (3, "duplicate key municipality=1485, capability=network, round=2024, method=self_assessment "
            "(first on row 1)")]


def test_only_one_dataset_row() -> None:
    problems = problems_of(minimal(dataset=[{"name": "a", "synthetic": True},
                                            {"name": "b", "synthetic": False}]))
    assert [p.message for p in problems] == ["more than one row"]


def test_dependency_cycles_are_found() -> None:
    capabilities = [dict(CAPABILITY, id=name) for name in ("a", "b", "c")]
    deps = [{"capability": x, "depends_on": y} for x, y in (("a", "b"), ("b", "c"), ("c", "a"))]
    problems = problems_of(minimal(capabilities=capabilities, capability_dependencies=deps))
    assert [p.message for p in problems] == ["capability dependencies form a cycle: a -> b -> c -> a"]


@pytest.mark.parametrize(("edges", "cycle"), [
    ([], None),
    ([("a", "b"), ("b", "c"), ("a", "c")], None),  # a diamond is not a cycle
    ([("a", "a")], ["a", "a"]),
    ([("x", "a"), ("a", "b"), ("b", "a")], ["a", "b", "a"]),
])
def test_find_cycle(edges: list[tuple[str, str]], cycle: list[str] | None) -> None:
    assert find_cycle(edges) == cycle


def test_find_cycle_finds_the_cycle_networkx_finds() -> None:
    """On random small graphs (most with a cycle, many with several): the same cycle, from the same node."""
    rng = random.Random(7)
    for _ in range(3000):
        nodes = [f"n{i}" for i in range(rng.randint(1, 8))]
        edges = [(rng.choice(nodes), rng.choice(nodes)) for _ in range(rng.randint(0, 12))]
        try:
            found = nx.find_cycle(nx.DiGraph(edges))
            expected = [a for a, _ in found] + [found[0][0]]
        except nx.NetworkXNoCycle:
            expected = None
        assert find_cycle(edges) == expected, edges


def test_a_problem_reads_as_a_person_would_look_for_it() -> None:
    problem = Problem("kb.xlsx, sheet 'assessments'", "the value is too large", "a whole number from 1 to 5",
                      row=7, column="maturity", value=7)
    assert str(problem) == ("kb.xlsx, sheet 'assessments', row 7, column 'maturity': the value is too "
                            "large (value: '7'); expected a whole number from 1 to 5")
    assert str(Problem("f.csv", "the file is empty")) == "f.csv: the file is empty"
