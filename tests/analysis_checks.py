"""Checks that hold for every analysis with a ``level`` parameter."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import pytest

from kb.store import GraphStore


def assert_levels_on_an_empty_graph(analysis: Callable[..., pd.DataFrame], store: GraphStore,
                                    columns: dict[str, list[str]]) -> None:
    """On an empty graph each level gives an empty table with its ``columns``; an unknown level
    is a ValueError."""
    for level, names in columns.items():
        rows = analysis(store, level=level)
        assert rows.empty and list(rows.columns) == names
    with pytest.raises(ValueError, match="level must be"):
        analysis(store, level="nope")
