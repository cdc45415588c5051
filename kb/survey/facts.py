"""What the graph says about an assessment round, read once: the basis of making the
questionnaires and of checking the answers against them.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Any

import pandas as pd

from kb.analysis.common import current_assessments
from kb.dataset import Dataset, InvalidDataset, Problem
from kb.export import export_dataset
from kb.model import TABLES_BY_NAME
from kb.store.base import GraphStore
from kb.survey.layout import SELF_ASSESSMENT
from kb.validate import CellError, coerce

Row = dict[str, Any]


def checked_round(round: Any, where: str) -> int:
    """``round`` as the assessments table reads a round, or ``InvalidDataset`` saying why not."""
    column = TABLES_BY_NAME["assessments"].column("round")
    try:
        return coerce(column, round)
    except CellError as err:
        raise InvalidDataset([Problem(where, f"the round {err}", column="round", value=round,
                                      expected=column.expected())]) from None


@dataclass
class RoundFacts:
    """The graph as it is (``graph``), the round, and the round before it with its assessments."""

    round: int
    graph: Dataset
    previous_round: int | None
    previous: pd.DataFrame  # one assessment per municipality and capability of previous_round

    @classmethod
    def read(cls, store: GraphStore, round: int) -> RoundFacts:
        """Read the whole graph once; the previous round is the latest before ``round``."""
        graph = export_dataset(store)
        earlier = [r["round"] for r in graph.tables["assessments"] if r["round"] < round]
        previous_round = max(earlier) if earlier else None
        previous = current_assessments(store, previous_round) if previous_round else pd.DataFrame(
            columns=["municipality", "capability", "maturity", "target", "method"])
        return cls(round, graph, previous_round, previous)

    def names(self) -> dict[str, str]:
        """Municipality code -> name, by code."""
        return {r["code"]: r["name"] for r in self.graph.tables["municipalities"]}

    def capability_map(self) -> list[Row]:
        """The capabilities in questionnaire order (by area, then id), each with its area's row."""
        areas = {a["id"]: a for a in self.graph.tables["capability_areas"]}
        caps = sorted(self.graph.tables["capabilities"], key=lambda c: (c.get("area", ""), c["id"]))
        return [{**c, "area_row": areas.get(c.get("area", ""), {})} for c in caps]

    def map_version(self) -> str:
        """A short hash of the capability map (ids, areas, names): changes when the map does."""
        rows = sorted((c["id"], c.get("area", ""), c["name_sv"], c["name_en"])
                      for c in self.graph.tables["capabilities"])
        return hashlib.sha256(json.dumps(rows, ensure_ascii=False).encode()).hexdigest()[:16]

    def previous_of(self, code: str) -> dict[str, Row]:
        """Capability id -> the municipality's assessment of the previous round that counts."""
        rows = self.previous[self.previous["municipality"] == code]
        return {r["capability"]: r for r in rows.to_dict("records")}

    def assessments(self, code: str) -> list[Row]:
        """The municipality's self-assessments of the round, as the graph holds them now."""
        return [r for r in self.graph.tables["assessments"] if r["municipality"] == code
                and r["round"] == self.round and r["method"] == SELF_ASSESSMENT]

    def usage(self, code: str) -> list[Row]:
        """The municipality's system usage, as the graph holds it now."""
        return [r for r in self.graph.tables["system_usage"] if r["municipality"] == code]

    def capacity(self, code: str, year: int) -> list[Row]:
        """The municipality's IT capacity of ``year`` (none or one row)."""
        return [r for r in self.graph.tables["it_capacity"]
                if r["municipality"] == code and r["year"] == year]

    def capacity_before(self, code: str) -> Row | None:
        """The municipality's IT capacity of the latest year before the round, if any."""
        rows = [r for r in self.graph.tables["it_capacity"]
                if r["municipality"] == code and r["year"] < self.round]
        return max(rows, key=lambda r: r["year"]) if rows else None

    def systems(self) -> dict[str, Row]:
        """System id -> its row with ``supplier_name``, by id: the catalogue."""
        suppliers = {s["id"]: s["name"] for s in self.graph.tables["suppliers"]}
        return {s["id"]: {**s, "supplier_name": suppliers.get(s.get("supplier", ""), "")}
                for s in self.graph.tables["systems"]}
