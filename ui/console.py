"""The console page's helpers: parameters from the form, results for display and as a graph."""

from __future__ import annotations

from typing import Any

import pandas as pd

from kb.graphview import View, view_of
from kb.queries import Query
from kb.store import GraphNode, GraphPath, GraphRelationship, QueryResult


def param_values(query: Query | None, texts: dict[str, str]) -> dict[str, Any]:
    """The form's texts parsed by the query's declared types; an empty field is null.

    Raises ValueError naming the parameter when a text does not fit its type.
    """
    if query is None:
        return {}
    values = {}
    for param in query.params:
        text = texts.get(param.name, "").strip()
        try:
            values[param.name] = param.parse(text) if text else None
        except ValueError:
            raise ValueError(f"${param.name} must be {param.type}, not {text!r}") from None
    return values


def shown(value: Any) -> Any:
    """A cell as a person reads it: nodes as (:Label {…}), relationships as [:TYPE {…}]."""
    if isinstance(value, GraphNode):
        return f"(:{':'.join(value.labels)} {value.properties})"
    if isinstance(value, GraphRelationship):
        return f"[:{value.type} {value.properties}]"
    if isinstance(value, GraphPath):
        return " - ".join(shown(n) for n in value.nodes)
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(str(shown(v)) for v in value) + "]"
    if isinstance(value, dict):
        return str({k: shown(v) for k, v in value.items()})
    return value


def display_frame(result: QueryResult) -> pd.DataFrame:
    """The result as a table with graph values written out."""
    frame = result.to_frame()
    return frame.apply(lambda column: column.map(shown)) if len(frame) else frame


def graph_view(result: QueryResult) -> View | None:
    """The nodes and relationships in the result as a view, or None when there are none."""
    nodes, relationships = result.graph_elements()
    if not nodes and not relationships:
        return None
    return view_of(nodes, relationships)
