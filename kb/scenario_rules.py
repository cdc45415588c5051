"""The rules a scenario's rows must follow beyond their cells, keys and references.

``kb.validate.validate`` calls ``check_arrangements`` with the typed tables, so a bad
arrangement is refused like any other bad row: with file, row, column and value, and
nothing written.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from kb.dataset import Problem

Tables = dict[str, list[dict[str, Any]]]


def _parts(tables: Tables, table: str, column: str) -> dict[str, set[str]]:
    """Arrangement id -> the values of ``column`` in ``table`` (its members or capabilities)."""
    out: dict[str, set[str]] = {}
    for row in tables[table]:
        if "arrangement" in row and column in row:
            out.setdefault(row["arrangement"], set()).add(row[column])
    return out


def check_arrangements(tables: Tables, origins: dict[str, str],
                       numbers: dict[str, list[int]]) -> list[Problem]:
    """Problems with the arrangements: a lead that is not a participant, an asymmetrisk
    arrangement without a lead, an omfördelning without the receiving level's maturity,
    an arrangement without capabilities or participants."""
    members = _parts(tables, "arrangement_members", "municipality")
    delivered = _parts(tables, "arrangement_capabilities", "capability")
    origin = origins["arrangements"]
    return [Problem(origin, message, row=number, column=column, value=value, expected=expected)
            for row, number in zip(tables["arrangements"], numbers["arrangements"], strict=True)
            for message, column, value, expected in _row_problems(row, members, delivered)]


def _row_problems(row: dict[str, Any], members: dict[str, set[str]],
                  delivered: dict[str, set[str]]) -> Iterator[tuple[str, str, Any, str]]:
    ident, lead, path = row.get("id"), row.get("lead"), row.get("path")
    if ident is None:
        return
    joined = members.get(ident, set())
    if lead is not None and lead not in joined:
        yield ("the lead is not a participant of the arrangement", "lead", lead,
               f"one of its participants in arrangement_members ({', '.join(sorted(joined)) or 'none'})")
    if path == "asymmetrisk" and lead is None:
        yield ("an asymmetrisk arrangement needs a lead", "lead", None,
               "the code of the participant that delivers to the others")
    if path == "omfordelning" and row.get("provider_maturity") is None:
        yield ("an omfordelning arrangement needs the maturity the receiving level delivers",
               "provider_maturity", None, "a whole number from 1 to 5")
    if not joined:
        yield ("the arrangement has no participants", "id", ident,
               "at least one row in arrangement_members")
    if not delivered.get(ident):
        yield ("the arrangement delivers no capability", "id", ident,
               "at least one row in arrangement_capabilities")
