"""Partial, atomic updates of the graph: one municipality's rows of one round at a time.

``replace_round_rows(store, answers)`` replaces, for each ``RoundAnswer``, the
municipality's assessments of the round (of one method), its system usage and its IT
capacity of the round's year with the rows given, and changes nothing else: every other
node, relationship and property stays as it was. All the answers go in as one change
(``GraphStore.update_graph``): all of them or, if anything fails, none. The rows must be
valid (``kb.validate``) and refer to capabilities and systems that exist; a row whose
capability or system is missing fails the whole update.

A part given as None is left as it is in the graph; an empty tuple removes the rows.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from kb.load import row_properties
from kb.model import TABLES_BY_NAME
from kb.queries import get_query
from kb.store.base import GraphStore, WriteRunner

Row = dict[str, Any]


class UpdateError(RuntimeError):
    """An update that could not be applied as given; nothing was written."""


@dataclass(frozen=True)
class RoundAnswer:
    """What replaces one municipality's rows of one round; a part that is None stays as it is."""

    municipality: str
    round: int
    assessments: Sequence[Row] | None = None  # typed rows of the assessments table
    usage: Sequence[Row] | None = None  # typed rows of system_usage: all the municipality's usage
    capacity: Sequence[Row] | None = None  # typed rows of it_capacity of year ``round``
    method: str = "self_assessment"

    @property
    def changes_anything(self) -> bool:
        """True when some part is to be replaced."""
        return any(part is not None for part in (self.assessments, self.usage, self.capacity))


def _run(run: WriteRunner, name: str, **params: Any) -> list[tuple]:
    return run(get_query(name).cypher, params)


def _create(run: WriteRunner, name: str, municipality: str, rows: list[Row]) -> None:
    """Create ``rows`` with query ``name``; raise ``UpdateError`` unless every one was made."""
    if not rows:
        return
    created = _run(run, name, municipality=municipality, rows=rows)[0][0]
    if created != len(rows):
        raise UpdateError(f"{name}: made {created} of {len(rows)} rows for municipality {municipality}; "
                          "a capability, system or the municipality is missing from the graph")


def _payload(table: str, rows: Iterable[Row], end: str | None) -> list[Row]:
    model = TABLES_BY_NAME[table]
    return [{**({end: row[end]} if end else {}), "p": row_properties(model, row)} for row in rows]


def _replace(run: WriteRunner, answer: RoundAnswer) -> None:
    code = answer.municipality
    if answer.assessments is not None:
        _run(run, "update/delete_round_assessments", municipality=code, round=answer.round,
             method=answer.method)
        _create(run, "update/create_assessments", code,
                _payload("assessments", answer.assessments, "capability"))
    if answer.usage is not None:
        _run(run, "update/delete_usage", municipality=code)
        _create(run, "update/create_usage", code, _payload("system_usage", answer.usage, "system"))
    if answer.capacity is not None:
        _run(run, "update/delete_capacity", municipality=code, year=answer.round)
        _create(run, "update/create_capacity", code, _payload("it_capacity", answer.capacity, None))


def _check(answer: RoundAnswer) -> None:
    """Raise ``UpdateError`` when a row does not belong to the answer's municipality and round."""
    expected = {"assessments": {"municipality": answer.municipality, "round": answer.round,
                                "method": answer.method},
                "usage": {"municipality": answer.municipality},
                "capacity": {"municipality": answer.municipality, "year": answer.round}}
    for part, values in expected.items():
        for row in getattr(answer, part) or ():
            if any(row.get(k) != v for k, v in values.items()):
                raise UpdateError(f"a row of {part} is not of municipality {answer.municipality}, "
                                  f"round {answer.round}: {row}")


def replace_round_rows(store: GraphStore, answers: Iterable[RoundAnswer]) -> int:
    """Replace each answer's rows in one atomic change; return how many municipalities changed.

    Raises ``UpdateError`` (or the store's ``QueryError``) with the graph unchanged when a
    row belongs to another municipality or round, or cannot be written.
    """
    todo = [a for a in answers if a.changes_anything]
    for answer in todo:
        _check(answer)

    def fill(run: WriteRunner) -> None:
        for answer in todo:
            _replace(run, answer)

    if todo:
        store.update_graph(fill)
    return len(todo)
