"""Analyses: plain functions ``(store, **params) -> pandas.DataFrame``, one module per family.

Each returned table carries its reasons as columns, not only numbers. Defaults live in
``kb.analysis.defaults``; the Cypher behind every number lives in ``queries/analysis/``.
``ANALYSES`` names each analysis for the CLI (``kb analyse NAME``) and the app.
"""

from __future__ import annotations

import importlib
import inspect
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, get_args, get_origin, get_type_hints

import pandas as pd

from kb.queries import Param
from kb.store.base import GraphStore

AnalysisFunction = Callable[..., pd.DataFrame]

ANALYSES: dict[str, str] = {
    "shared": "kb.analysis.shared:shared",
    "weak": "kb.analysis.weak:weak",
    "weak-municipalities": "kb.analysis.weak:weak_municipalities",
    "candidates": "kb.analysis.candidates:candidates",
    "suppliers": "kb.analysis.suppliers:suppliers",
    "contract-windows": "kb.analysis.suppliers:contract_windows",
    "impact": "kb.analysis.impact:impact",
    "legacy": "kb.analysis.legacy:legacy",
    "partners": "kb.analysis.partners:partners",
    "partner-groups": "kb.analysis.partners:partner_groups",
    "rounds": "kb.analysis.rounds:rounds",
    "rounds-municipalities": "kb.analysis.rounds:rounds_by_municipality",
    "profile": "kb.analysis.profile:profile",
    "capacity": "kb.analysis.capacity:capacity",
    "realism": "kb.analysis.realism:realism",
    "capability-maturity": "kb.analysis.overview:capability_maturity",
}
"""Analysis name -> ``module:function``."""


def param_type_of(hint: Any) -> str:
    """The query-parameter type (``kb.queries.PARAM_TYPES``) of an annotation: ``int | None`` is
    'int', ``list[str]`` is 'list', anything else 'str'."""
    kinds = [kind for kind in get_args(hint) if kind is not type(None)] if get_args(hint) else [hint]
    kind = (get_origin(kinds[0]) or kinds[0]) if len(kinds) == 1 else str
    return {bool: "bool", int: "int", float: "float", list: "list", tuple: "list"}.get(kind, "str")


@dataclass(frozen=True)
class Analysis:
    """An analysis: its name, function, one-line summary and keyword parameters."""

    name: str
    function: AnalysisFunction
    summary: str
    params: dict[str, inspect.Parameter]

    def param_type(self, name: str) -> str:
        """The query-parameter type of parameter ``name``, from the function's annotation."""
        return param_type_of(get_type_hints(self.function).get(name, str))

    def parse(self, name: str, text: str) -> Any:
        """``text`` read as parameter ``name``'s annotated type; ``ValueError`` in words if it is not one."""
        return Param(name, self.param_type(name)).parse(text)


def get_analysis(name: str) -> Analysis:
    """The analysis called ``name``; KeyError names the known ones."""
    if name not in ANALYSES:
        raise KeyError(f"No analysis {name!r}; known: {', '.join(ANALYSES)}")
    module_name, function_name = ANALYSES[name].split(":")
    function = getattr(importlib.import_module(module_name), function_name)
    doc = inspect.getdoc(function) or ""
    params = dict(list(inspect.signature(function).parameters.items())[1:])
    return Analysis(name, function, doc.splitlines()[0] if doc else "", params)


def run_analysis(store: GraphStore, name: str, **params: Any) -> pd.DataFrame:
    """Run the analysis ``name`` on ``store`` with ``params``."""
    return get_analysis(name).function(store, **params)
