"""A load that fails inside the write leaves the graph exactly as it was.

The malformed datasets of ``bad_inputs`` never reach the store (validation refuses them
first), so their "graph unchanged" cannot fail. Here the dataset is valid and the failure
comes while the new graph is being built: the fill raises, or the engine refuses a
statement, at the first, a middle and the last statement of the load. The write goes
through the public ``replace_graph`` (the Cypher load path that Neo4j uses), with the
store's own runner wrapped.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

import pytest
from test_loaders import expected_tables, good

from kb.dataset import RawDataset
from kb.export import export_dataset
from kb.load import write_dataset
from kb.store import GraphStore, QueryError
from kb.store.base import WriteRunner
from kb.synthetic import generate
from kb.validate import validate


class _FailingStore:
    """The real store seen through the Cypher load path, failing at statement ``fail_at``.

    ``how`` is 'raise' (the fill raises, as a bug or a dying connection would) or 'engine'
    (the engine is sent a statement it refuses).
    """

    def __init__(self, store: GraphStore, fail_at: int, how: str) -> None:
        self.store, self.fail_at, self.how, self.statements = store, fail_at, how, 0

    def replace_graph(self, fill: Callable[[WriteRunner], None], indexes: Iterable[tuple[str, str]],
                      labels: Iterable[str] = ()) -> None:
        def failing_fill(run: WriteRunner) -> None:
            def counted(cypher: str, params: dict[str, Any]) -> list[tuple]:
                self.statements += 1
                if self.statements == self.fail_at:
                    if self.how == "raise":
                        raise RuntimeError(f"failed at statement {self.fail_at}")
                    return run("UNWIND $rows AS row CREATE (n:Broken {p: row.p.}) RETURN n", params)
                return run(cypher, params)
            fill(counted)

        self.store.replace_graph(failing_fill, indexes, labels)


def _statements(store: GraphStore, dataset: Any) -> int:
    counting = _FailingStore(store, fail_at=0, how="raise")
    write_dataset(counting, dataset)  # type: ignore[arg-type]
    return counting.statements


@pytest.mark.parametrize("how", ["raise", "engine"])
def test_a_load_failing_inside_the_write_leaves_the_graph_as_it_was(any_store: GraphStore, how: str) -> None:
    new = generate(60)
    total = _statements(any_store, new)
    assert total > 20  # nodes and relationships of every table, some in several batches
    write_dataset(any_store, validate(RawDataset.from_records(good())))
    assert export_dataset(any_store).tables == expected_tables()
    for fail_at in (1, total // 2, total):
        failing = _FailingStore(any_store, fail_at, how)
        with pytest.raises(QueryError if how == "engine" else RuntimeError):
            write_dataset(failing, new)  # type: ignore[arg-type]
        assert failing.statements == fail_at
        assert export_dataset(any_store).tables == expected_tables(), (how, fail_at)
    write_dataset(any_store, new)  # and the next load goes through
    assert export_dataset(any_store).counts() == new.counts()
