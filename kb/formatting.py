"""Turn query and analysis results into tables, CSV and JSON for people and programs."""

from __future__ import annotations

import json
from dataclasses import asdict, is_dataclass
from typing import Any, TextIO

import pandas as pd

from kb.safe_cells import spreadsheet_safe

FORMATS = ("table", "csv", "json")


def to_plain(value: Any) -> Any:
    """A JSON-ready copy of ``value``: graph nodes, relationships and paths become dicts."""
    if is_dataclass(value) and not isinstance(value, type):
        return {k: to_plain(v) for k, v in asdict(value).items()}
    if isinstance(value, (list, tuple)):
        return [to_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): to_plain(v) for k, v in value.items()}
    if isinstance(value, float) and value != value:  # NaN
        return None
    if hasattr(value, "item"):  # numpy scalars
        return value.item()
    return value


def plain_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with graph values turned into plain dicts and lists."""
    return frame.apply(lambda column: column.map(to_plain)) if len(frame) else frame


def spreadsheet_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with text a spreadsheet would run as a formula neutralised (``kb.safe_cells``)."""
    return frame.apply(lambda column: column.map(spreadsheet_safe)) if len(frame) else frame


def write_frame(frame: pd.DataFrame, fmt: str, out: TextIO) -> None:
    """Write ``frame`` to ``out`` as an aligned table, CSV or a JSON list of records.

    CSV cells a spreadsheet would run as formulas get a protective quote (``kb.safe_cells``).
    """
    frame = plain_frame(frame)
    if fmt == "csv":
        spreadsheet_frame(frame).to_csv(out, index=False)
    elif fmt == "json":
        # a second pass: pandas turns the None of a float column back into NaN
        records = [{k: to_plain(v) for k, v in row.items()} for row in frame.to_dict("records")]
        json.dump(records, out, ensure_ascii=False, indent=2, default=str)
        out.write("\n")
    elif frame.empty:
        out.write("(no rows)\n")
    else:
        with pd.option_context("display.max_colwidth", 60, "display.width", 200):
            out.write(frame.to_string(index=False) + "\n")
