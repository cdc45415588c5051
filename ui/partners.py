"""The partner page's similarity network: municipalities coloured by their partner group."""

from __future__ import annotations

import networkx as nx
import pandas as pd

GROUP_COLOURS = ("#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f",
                 "#bcbd22", "#17becf")
"""Colours of groups 1, 2, ... (repeating after ten)."""


def partner_network(pairs: pd.DataFrame, groups: pd.DataFrame, names: dict[str, str]) -> nx.Graph:
    """Every member of ``groups`` (``partner-groups``) as a node with its group and that group's
    colour, linked by the ``pairs`` (``partners``) with the score as the link's text."""
    graph = nx.Graph()
    for group, members in zip(groups["group"], groups["members"], strict=True):
        colour = GROUP_COLOURS[(int(group) - 1) % len(GROUP_COLOURS)]
        for code in members.split(", "):
            graph.add_node(code, name=names.get(code, code), group=int(group), colour=colour)
    for a, b, score in zip(pairs["municipality_a"], pairs["municipality_b"], pairs["score"], strict=True):
        graph.add_edge(a, b, type=f"{score:.2f}", score=float(score))
    return graph
