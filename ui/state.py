"""The app's shared resources: one store per database, results cached per data version.

The store is opened once per (URL, graph name) with ``st.cache_resource``. Results are
cached with ``st.cache_data`` keyed on the database and its *data version*, the store's
version token (``GraphStore.version``), which every load or update changes, in this process
or another (``kb load`` while the app runs), so a change shows at the next run.
"""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from kb.analysis import run_analysis
from kb.analysis.common import all_assessments, current_assessments, query_frame
from kb.model import graph_labels, relationship_types
from kb.queries import trace_queries
from kb.settings import Settings
from kb.store import GraphStore, open_store
from ui.texts import language

CACHE_SECONDS = 120
"""How long a cached result is kept when nothing has changed the data."""
Version = str | None
"""What cached results are keyed on: the database's version token."""


@st.cache_resource(show_spinner=False)
def _open(graph_url: str, graph_name: str) -> GraphStore:
    return open_store(Settings.from_env())


def _where() -> tuple[str, str]:
    settings = Settings.from_env()
    return settings.graph_url, settings.graph_name


def settings() -> Settings:
    """The settings from the environment (limits of the console, the database)."""
    return Settings.from_env()


def get_store() -> GraphStore:
    """The store named by KB_GRAPH_URL and KB_GRAPH_NAME, opened once per process."""
    return _open(*_where())


def data_version() -> Version:
    """The current database's version token, which every load or update changes."""
    return get_store().version()


@st.cache_data(show_spinner=False, max_entries=256, ttl=CACHE_SECONDS)
def _query(where: tuple[str, str], version: Version, name: str, params: tuple) -> pd.DataFrame:
    return query_frame(get_store(), name, **dict(params))


def query(name: str, **params: Any) -> pd.DataFrame:
    """Rows of the saved query ``name`` (no row cap), cached."""
    return _query(_where(), data_version(), name, tuple(sorted(params.items())))


@st.cache_data(show_spinner=False, max_entries=64, ttl=CACHE_SECONDS)
def _assessments(where: tuple[str, str], version: Version, round: int | None, method: str,
                 current: bool) -> tuple[pd.DataFrame, list[str]]:
    with trace_queries() as used:
        if current:
            frame = current_assessments(get_store(), round, method)
        else:
            frame = all_assessments(get_store(), round)
    return frame, used


def assessments(round: int | None = None, method: str = "preferred") -> pd.DataFrame:
    """One assessment per municipality and capability (``current_assessments``), cached."""
    return _assessments(_where(), data_version(), round, method, True)[0]


def assessments_queries(round: int | None = None, method: str = "preferred") -> list[str]:
    """The query files behind ``assessments(round, method)``."""
    return _assessments(_where(), data_version(), round, method, True)[1]


def every_assessment() -> pd.DataFrame:
    """Every assessment of every round and method, cached."""
    return _assessments(_where(), data_version(), None, "", False)[0]


def assessment_rounds() -> list[int]:
    """The assessment rounds in the graph, latest first."""
    rows = query("analysis/assessment_rounds")
    return [] if rows.empty else sorted(rows["round"].dropna().astype(int).unique(), reverse=True)


@st.cache_data(show_spinner=False, max_entries=128, ttl=CACHE_SECONDS)
def _analysis(where: tuple[str, str], version: Version, name: str,
              params: tuple) -> tuple[pd.DataFrame, list[str]]:
    with trace_queries() as used:
        frame = run_analysis(get_store(), name, **dict(params))
    return frame, used


def analysis(name: str, **params: Any) -> pd.DataFrame:
    """The result of analysis ``name`` with ``params``, cached."""
    return _analysis(_where(), data_version(), name, tuple(sorted(params.items())))[0]


def analysis_queries(name: str, **params: Any) -> list[str]:
    """The query files the analysis ``name`` ran for that result (see ``trace_queries``)."""
    return _analysis(_where(), data_version(), name, tuple(sorted(params.items())))[1]


def dataset() -> dict[str, Any] | None:
    """The loaded Dataset node's properties, or None when no dataset is loaded."""
    rows = query("graph/dataset")
    return None if rows.empty else rows.iloc[0].to_dict()


def names(label: str) -> dict[str, str]:
    """Key -> name in the chosen language of every node with ``label``, by Swedish name."""
    rows = query("graph/nodes_of_label", label=label)
    return {} if rows.empty else dict(zip(rows["key"], rows[f"name_{language()}"], strict=True))


def label_counts() -> dict[str, int]:
    """Nodes per label."""
    rows = query("graph/label_counts", labels=graph_labels())
    return {} if rows.empty else dict(zip(rows["label"], rows["count"]))


def relationship_counts() -> dict[str, int]:
    """Relationships per type."""
    rows = query("graph/relationship_counts", types=relationship_types())
    return {} if rows.empty else dict(zip(rows["type"], rows["count"]))


@st.cache_data(show_spinner=False, max_entries=32, ttl=CACHE_SECONDS)
def _scenario(where: tuple[str, str], version: Version, kind: str, names: tuple[str, ...]) -> Any:
    from kb import scenario

    if kind == "list":
        return scenario.scenario_list(get_store())
    if kind == "effects":
        return scenario.effects(get_store(), names[0])
    return scenario.compare(get_store(), list(names))


def scenario_list() -> pd.DataFrame:
    """The scenarios in the graph (``kb.scenario.scenario_list``), cached."""
    return _scenario(_where(), data_version(), "list", ())


def scenario_effects(name: str) -> Any:
    """The effects of scenario ``name`` (``kb.scenario.effects``), cached."""
    return _scenario(_where(), data_version(), "effects", (name,))


def scenario_comparison(names: list[str]) -> pd.DataFrame:
    """Today and the scenarios ``names`` side by side (``kb.scenario.compare``), cached."""
    return _scenario(_where(), data_version(), "compare", tuple(names))
