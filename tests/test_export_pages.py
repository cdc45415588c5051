"""Reading the graph one table and one page at a time (``kb.export.table_rows``), and the change
report built on it (``kb.diff.diff_graph``): the same rows as the dataset, whatever the page size,
each read holding one page, and a graph replaced mid-read reported, not mixed."""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest

from kb.dataset import key_of
from kb.diff import diff_datasets, diff_graph
from kb.export import ATTEMPTS, GraphChanged, export_dataset, table_rows
from kb.load import read_path, write_dataset
from kb.model import TABLES, TABLES_BY_NAME
from kb.store import GraphStore
from tests.conftest import DEMO

PAGE = 7


def _by_key(table, rows: list[dict[str, Any]]) -> dict[tuple, dict[str, Any]]:
    return {key_of(table, row): row for row in rows}


def _counting_reads(store: GraphStore, monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Record the number of rows of every read the store answers from now on."""
    sizes: list[int] = []
    read = store.read

    def counted(*args: Any, **kwargs: Any):
        result = read(*args, **kwargs)
        sizes.append(len(result.rows))
        return result

    monkeypatch.setattr(store, "read", counted)
    return sizes


def test_every_table_read_in_small_pages_is_the_dataset(store: GraphStore,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    dataset = read_path(DEMO)
    write_dataset(store, dataset)
    sizes = _counting_reads(store, monkeypatch)
    for table in TABLES:
        del sizes[:]
        rows = list(table_rows(store, table, page_rows=PAGE))
        expected = dataset.tables[table.name]
        assert len(rows) == len(expected), table.name
        assert _by_key(table, rows) == _by_key(table, expected), table.name
        if table.is_node:  # a page of nodes is at most PAGE rows; the last read is empty
            assert max(sizes) <= PAGE and sizes[-1] == 0, (table.name, sizes)
            assert len(sizes) == len(expected) // PAGE + 1 + (len(expected) % PAGE > 0), table.name


def test_a_relationship_page_holds_about_the_page_size(store: GraphStore,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """Assessments: each of the demo's 14 municipalities has 110 or 119. Pages of 220 rows begin
    with 2 municipalities (the guess of 100 per start node) and then take as many as gave about
    220 rows before: no read holds more than twice the page; with pages of 100,000 one read
    holds every row."""
    dataset = read_path(DEMO)
    write_dataset(store, dataset)
    table = TABLES_BY_NAME["assessments"]
    per_municipality = Counter(key_of(table, row)[0] for row in dataset.tables["assessments"])
    assert len(per_municipality) == 14 and set(per_municipality.values()) == {110, 119}
    total = sum(per_municipality.values())
    sizes = _counting_reads(store, monkeypatch)
    assert len(list(table_rows(store, table, page_rows=220))) == total
    assert sum(sizes) == total and sizes[-1] == 0
    assert sizes[0] in (220, 229, 238) and max(sizes) <= 2 * 220, sizes
    del sizes[:]
    assert len(list(table_rows(store, table, page_rows=100_000))) == total
    assert sizes == [total, 0]


def test_the_change_report_from_the_graph_equals_the_one_from_two_datasets(store: GraphStore) -> None:
    old = read_path(DEMO)
    write_dataset(store, old)
    new = read_path(DEMO)
    new.tables["assessments"][0] = dict(new.tables["assessments"][0], maturity=5 if
                                        new.tables["assessments"][0]["maturity"] != 5 else 1)
    removed = new.tables["systems"].pop()
    new.tables["system_usage"] = [r for r in new.tables["system_usage"] if r["system"] != removed["id"]]
    new.tables["system_capabilities"] = [r for r in new.tables["system_capabilities"]
                                         if r["system"] != removed["id"]]
    new.tables["system_integrations"] = [r for r in new.tables["system_integrations"]
                                         if removed["id"] not in (r["system"], r["integrates_with"])]
    from_graph = diff_graph(store, new)
    assert from_graph == diff_datasets(old, new)
    assert (from_graph["assessments"].changed, from_graph["systems"].removed) == (1, 1)
    assert from_graph["systems"].examples == {"removed": [removed["id"]]}


def test_a_graph_replaced_while_it_is_read_is_reported(store: GraphStore,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """Every version() call sees a new token, as when loads keep landing between the pages."""
    write_dataset(store, read_path(DEMO))
    tokens = iter(range(1000))
    monkeypatch.setattr(store, "version", lambda: str(next(tokens)))
    with pytest.raises(GraphChanged, match="replaced while it was being read"):
        export_dataset(store)
    assert next(tokens) == 2 * ATTEMPTS  # read twice per attempt, ATTEMPTS attempts
    with pytest.raises(GraphChanged):
        diff_graph(store, read_path(DEMO))
