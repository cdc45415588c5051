"""Scenarios in the graph: read them (queries ``scenario/``), save and delete them.

Saving is a load: the graph is read back as a dataset (``kb.export``), the scenario's rows
replace its old ones, the whole is validated like any dataset and written with
``kb.load.write_dataset``, which swaps the new graph in at once. A bad scenario is refused
with every problem located (its rows come first in each table, so item 1 of
``arrangements`` is its first arrangement) and nothing is written.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from kb.analysis.common import query_frame
from kb.dataset import RawDataset
from kb.export import export_dataset
from kb.load import LoadReport, write_dataset
from kb.scenario.model import SCENARIO_TABLES, Arrangement, Scenario
from kb.store.base import GraphStore
from kb.validate import validate

_ARRANGEMENT_FIELDS = ("lead", "provider", "provider_maturity", "form", "start_year", "comment")


def _value(value: Any) -> Any:
    return None if value is None or (isinstance(value, float) and pd.isna(value)) else value


def _arrangement(row: dict[str, Any]) -> Arrangement:
    extra = {k: _value(row.get(k)) for k in _ARRANGEMENT_FIELDS}
    if extra["provider_maturity"] is not None:
        extra["provider_maturity"] = int(extra["provider_maturity"])
    if extra["start_year"] is not None:
        extra["start_year"] = int(extra["start_year"])
    return Arrangement(row["id"], row["path"], tuple(sorted(row["capabilities"])),
                       tuple(sorted(row["members"])), **extra)


def scenarios(store: GraphStore) -> list[Scenario]:
    """Every scenario in the graph with its arrangements, by id."""
    heads = query_frame(store, "scenario/scenarios", ["id", "title"])
    rows = query_frame(store, "scenario/arrangements", ["scenario", "id"])
    by_scenario: dict[str, list[Arrangement]] = {}
    for row in rows.to_dict("records"):
        by_scenario.setdefault(row["scenario"], []).append(_arrangement(row))
    out = []
    for head in heads.to_dict("records"):
        fields = {k: _value(head.get(k)) for k in ("description", "author", "created", "source")}
        out.append(Scenario(head["id"], head["title"], tuple(by_scenario.get(head["id"], [])), **fields))
    return out


def scenario_list(store: GraphStore) -> pd.DataFrame:
    """One row per scenario: id, title, arrangements, participants, author, created."""
    rows = [{"id": s.id, "title": s.title, "arrangements": len(s.arrangements),
             "participants": len({m for a in s.arrangements for m in a.members}),
             "author": s.author, "created": s.created} for s in scenarios(store)]
    return pd.DataFrame(rows, columns=["id", "title", "arrangements", "participants", "author", "created"])


def get_scenario(store: GraphStore, name: str) -> Scenario:
    """The scenario ``name``; KeyError names the known ones."""
    found = {s.id: s for s in scenarios(store)}
    if name not in found:
        raise KeyError(f"No scenario {name!r}; known: {', '.join(found) or 'none'}")
    return found[name]


def _without(tables: dict[str, list[dict[str, Any]]], name: str) -> dict[str, list[dict[str, Any]]]:
    """``tables`` without the scenario ``name``'s rows."""
    gone = {a["id"] for a in tables["arrangements"] if a.get("scenario") == name}
    return tables | {
        "scenarios": [r for r in tables["scenarios"] if r["id"] != name],
        "arrangements": [r for r in tables["arrangements"] if r["id"] not in gone],
        "arrangement_capabilities": [r for r in tables["arrangement_capabilities"]
                                     if r["arrangement"] not in gone],
        "arrangement_members": [r for r in tables["arrangement_members"] if r["arrangement"] not in gone],
    }


def _replace(store: GraphStore, name: str, scenario: Scenario | None) -> LoadReport:
    tables = _without(export_dataset(store).tables, name)
    if scenario is not None:
        own = scenario.tables()
        tables |= {t: own[t] + tables[t] for t in SCENARIO_TABLES}
    origin = f"scenario '{scenario.id if scenario else name}'"
    dataset = validate(RawDataset.from_records(tables, origin=origin))
    return write_dataset(store, dataset)


def save_scenario(store: GraphStore, scenario: Scenario, replaces: str | None = None) -> LoadReport:
    """Write ``scenario`` into the graph, replacing the scenario of the same id (or ``replaces``,
    when it is renamed). Raises ``kb.dataset.InvalidDataset`` and writes nothing when a row is
    wrong (an unknown municipality, a lead that does not take part, ...)."""
    return _replace(store, replaces or scenario.id, scenario)


def delete_scenario(store: GraphStore, name: str) -> LoadReport:
    """Remove the scenario ``name`` and its arrangements from the graph."""
    get_scenario(store, name)
    return _replace(store, name, None)
