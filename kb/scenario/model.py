"""A scenario and its arrangements as Python values, and as the rows of the dataset's tables."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

import pandas as pd

from kb.model import TABLES_BY_NAME

SCENARIO_TABLES = ("scenarios", "arrangements", "arrangement_capabilities", "arrangement_members")
"""The dataset tables that hold scenarios."""


@dataclass(frozen=True)
class Arrangement:
    """Who delivers which capabilities for whom, by which path (see ``kb.model``'s
    ``arrangements`` table for what each field means)."""

    id: str
    path: str
    capabilities: tuple[str, ...]
    members: tuple[str, ...]
    lead: str | None = None
    provider: str | None = None
    provider_maturity: int | None = None
    form: str | None = None
    start_year: int | None = None
    comment: str | None = None

    def row(self, scenario: str) -> dict[str, Any]:
        """The ``arrangements`` row (empty fields left out)."""
        columns = TABLES_BY_NAME["arrangements"].column_names
        values = {"id": self.id, "scenario": scenario, **{c: getattr(self, c) for c in columns
                                                           if c not in ("id", "scenario")}}
        return {k: v for k, v in values.items() if v is not None and v != ""}


@dataclass(frozen=True)
class Scenario:
    """A named set of arrangements."""

    id: str
    title: str
    arrangements: tuple[Arrangement, ...] = ()
    description: str | None = None
    author: str | None = None
    created: str | None = None
    source: str | None = None

    def tables(self) -> dict[str, list[dict[str, Any]]]:
        """The scenario as rows of the four scenario tables."""
        head = {"id": self.id, "title": self.title, "description": self.description,
                "author": self.author, "created": self.created, "source": self.source}
        return {
            "scenarios": [{k: v for k, v in head.items() if v is not None and v != ""}],
            "arrangements": [a.row(self.id) for a in self.arrangements],
            "arrangement_capabilities": [{"arrangement": a.id, "capability": c}
                                         for a in self.arrangements for c in a.capabilities],
            "arrangement_members": [{"municipality": m, "arrangement": a.id}
                                    for a in self.arrangements for m in a.members],
        }

    def frame(self) -> pd.DataFrame:
        """The arrangements as a table: one row each, capabilities and members joined by ', '."""
        columns = ["id", "path", "capabilities", "members", "lead", "provider", "provider_maturity",
                   "form", "start_year", "comment"]
        rows = [{c: ", ".join(v) if isinstance(v := getattr(a, c), tuple) else v for c in columns}
                for a in self.arrangements]
        return pd.DataFrame(rows, columns=columns)

    def with_arrangement(self, arrangement: Arrangement) -> Scenario:
        """This scenario with ``arrangement`` added, or replacing the one with its id."""
        kept = [a for a in self.arrangements if a.id != arrangement.id]
        order = [a.id for a in self.arrangements]
        arrangements = sorted([*kept, arrangement],
                              key=lambda a: order.index(a.id) if a.id in order else len(order))
        return replace(self, arrangements=tuple(arrangements))

    def without_arrangement(self, ident: str) -> Scenario:
        """This scenario without the arrangement ``ident``."""
        return replace(self, arrangements=tuple(a for a in self.arrangements if a.id != ident))

    def next_arrangement_id(self) -> str:
        """An arrangement id not used in this scenario: '<scenario>-<n>'."""
        taken = {a.id for a in self.arrangements}
        return next(f"{self.id}-{n}" for n in range(1, len(taken) + 2) if f"{self.id}-{n}" not in taken)
