"""Graph views: the neighbourhood of one node as a networkx graph, drawn with pyvis.

``neighbourhood(store, label, key, depth)`` walks out from the focus one step at a time
(query ``graph/neighbourhood``, once per step) and keeps every node within ``depth``
steps whose label is allowed. Beyond ``max_nodes`` it keeps the nearest nodes and folds
the rest into one node per label ("12 more System"), so a browser is never asked to
draw more than it can (pyvis stalls at about 1,500 nodes). ``view_of_graph`` makes a view of
any networkx graph (a similarity network, say), ``view_of_paths`` of the paths between two
nodes (``kb.paths``); ``to_html`` draws a view.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from html import escape
from typing import Any

import networkx as nx
import pandas as pd

from kb.analysis.common import pick_current
from kb.queries import run_query
from kb.store.base import GraphNode, GraphRelationship, GraphStore

MAX_NODES = 300
"""Most nodes a view draws; the rest are folded into one node per label."""
FETCH_CAP = 20_000
"""Most relationships read per step; a step that reaches it is marked as cut short."""
FOCUS_LABELS = ("Municipality", "Capability", "Supplier", "System")
LABEL_COLOURS = {
    "Municipality": "#1f77b4", "Region": "#17becf", "CapabilityArea": "#9467bd",
    "Capability": "#2ca02c", "Supplier": "#ff7f0e", "System": "#8c564b",
    "ItCapacity": "#7f7f7f", "Collaboration": "#e377c2", "Dataset": "#bcbd22",
}
MATURITY_COLOURS = {1: "#d73027", 2: "#fc8d59", 3: "#fee08b", 4: "#91cf60", 5: "#1a9850"}
AGGREGATE = "Aggregate"


def node_key(node: GraphNode) -> str:
    """The node's key as a person knows it: a municipality's code, else its id or name."""
    props = node.properties
    if "code" in props or "id" in props:
        return str(props.get("code", props.get("id")))
    if "municipality" in props and "year" in props:
        return f"{props['municipality']}|{props['year']}"
    return str(props.get("name", node.id))


def node_name(node: GraphNode, language: str = "sv") -> str:
    """A short display name: the name in ``language`` where there are two, else name or key."""
    props = node.properties
    return str(props.get(f"name_{language}") or props.get("name") or node_key(node))


@dataclass
class View:
    """A drawn neighbourhood: the graph, its focus and what was folded away.

    Nodes carry ``label``, ``key``, ``name``, ``depth`` and ``props`` (aggregates carry
    ``label`` = 'Aggregate', ``of`` = the folded label and ``count``); edges carry ``type``
    and ``props``. ``hidden`` counts the folded nodes per label.
    """

    graph: nx.Graph
    focus: Any
    hidden: dict[str, int] = field(default_factory=dict)
    cut_short: bool = False

    @property
    def total_nodes(self) -> int:
        """Nodes found within the depth, drawn or folded."""
        drawn = sum(1 for _, d in self.graph.nodes(data=True) if d["label"] != AGGREGATE)
        return drawn + sum(self.hidden.values())


def find_focus(store: GraphStore, label: str, key: str) -> GraphNode | None:
    """The node with ``label`` and key ``key`` (code or id), or None."""
    result = run_query(store, "graph/focus", {"label": label, "key": str(key)})
    return result.scalar()


def _reference(node: GraphNode) -> list[Any] | None:
    """``[label, key]``, how query ``graph/neighbourhood`` names a node on every engine; None for a
    node without a single key (it is drawn but not expanded: an ItCapacity's only neighbour is its
    municipality)."""
    key = node.properties.get("code", node.properties.get("id"))
    return [node.labels[0], key] if node.labels and key is not None else None


def _expand(store: GraphStore, nodes: list[GraphNode]) -> tuple[list[tuple[Any, GraphNode]], bool]:
    """(relationship, neighbour) pairs of ``nodes``, and whether the cap cut them."""
    refs = [ref for ref in map(_reference, nodes) if ref is not None]
    if not refs:
        return [], False
    result = run_query(store, "graph/neighbourhood", {"nodes": refs}, row_cap=FETCH_CAP)
    return [(rel, node) for rel, node in result.rows], result.truncated


def _add_node(graph: nx.MultiDiGraph, node: GraphNode, depth: int, language: str) -> None:
    graph.add_node(node.id, label=node.labels[0] if node.labels else "", key=node_key(node),
                   name=node_name(node, language), depth=depth, props=dict(node.properties))


def neighbourhood(store: GraphStore, label: str, key: str, depth: int = 1,
                  labels: Iterable[str] | None = None, max_nodes: int = MAX_NODES,
                  language: str = "sv") -> View:
    """Every node within ``depth`` steps of the focus (``label``, ``key``), as a ``View``.

    Only nodes whose label is in ``labels`` (default: all) are kept or walked through;
    the focus is always kept. Raises KeyError when there is no such focus node.
    """
    focus = find_focus(store, label, key)
    if focus is None:
        raise KeyError(f"No {label} with key {key!r}")
    allowed = set(labels) if labels is not None else None
    graph = nx.MultiDiGraph()
    _add_node(graph, focus, 0, language)
    frontier, cut_short = [focus], False
    for step in range(1, depth + 1):
        if not frontier:
            break
        pairs, truncated = _expand(store, frontier)
        cut_short = cut_short or truncated
        frontier = []
        for rel, node in pairs:
            if allowed is not None and not allowed.intersection(node.labels):
                continue
            if node.id not in graph:
                _add_node(graph, node, step, language)
                frontier.append(node)
            if not graph.has_edge(rel.start, rel.end, key=rel.id):
                graph.add_edge(rel.start, rel.end, key=rel.id, type=rel.type, props=dict(rel.properties))
    view = View(graph, focus.id, cut_short=cut_short)
    return fold(view, max_nodes)


def view_of(nodes: Iterable[GraphNode], relationships: Iterable[GraphRelationship],
            max_nodes: int = MAX_NODES, language: str = "sv") -> View:
    """A view of query results: the given nodes and the relationships between them.

    A relationship whose end is not among ``nodes`` brings that end in as a bare node.
    """
    graph = nx.MultiDiGraph()
    for node in nodes:
        _add_node(graph, node, 0, language)
    for rel in relationships:
        for end in (rel.start, rel.end):
            if end not in graph:
                graph.add_node(end, label="", key=str(end), name=str(end), depth=1, props={})
        graph.add_edge(rel.start, rel.end, key=rel.id, type=rel.type, props=dict(rel.properties))
    return fold(View(graph, None), max_nodes)


def view_of_paths(nodes_per_path: Iterable[Iterable[GraphNode]],
                  relationships: Iterable[GraphRelationship], language: str = "sv") -> View:
    """A view of paths that start at one node: each path's nodes in order (the first is the
    focus) and all their relationships. A node's ``depth`` is its least position on any path,
    so a hierarchical layout runs from the first node to the last."""
    graph = nx.MultiDiGraph()
    focus = None
    for nodes in nodes_per_path:
        for position, node in enumerate(nodes):
            focus = node.id if focus is None else focus
            if node.id not in graph or graph.nodes[node.id]["depth"] > position:
                _add_node(graph, node, position, language)
    for rel in relationships:
        if not graph.has_edge(rel.start, rel.end, key=rel.id):
            graph.add_edge(rel.start, rel.end, key=rel.id, type=rel.type, props=dict(rel.properties))
    return View(graph, focus)


def view_of_graph(graph: nx.Graph, label: str, max_nodes: int = MAX_NODES) -> View:
    """A view of any networkx graph, every node a ``label`` (an undirected graph stays undirected).

    Node attribute ``name`` is drawn (default: the node) and ``colour`` fills it (default: the
    label's colour); the other attributes show on hover. Edge attribute ``type`` is its text.
    """
    drawn = nx.Graph() if not graph.is_directed() else nx.DiGraph()
    for node, data in graph.nodes(data=True):
        props = {k: v for k, v in data.items() if k not in ("name", "colour")}
        colour = {"colour": data["colour"]} if "colour" in data else {}
        drawn.add_node(node, label=label, key=str(node), name=str(data.get("name", node)), depth=0,
                       props=props, **colour)
    for start, end, data in graph.edges(data=True):
        drawn.add_edge(start, end, type=str(data.get("type", "")),
                       props={k: v for k, v in data.items() if k != "type"})
    return fold(View(drawn, None), max_nodes)


def fold(view: View, max_nodes: int) -> View:
    """Keep the ``max_nodes`` - (labels folded) nearest nodes; fold the rest per label.

    Nodes are ranked by depth, then by degree (most connected first). Each folded label
    becomes one aggregate node linked to every kept node that touched a folded node.
    """
    graph = view.graph
    if graph.number_of_nodes() <= max_nodes:
        return view
    ranked = sorted(graph.nodes, key=lambda n: (graph.nodes[n]["depth"], -graph.degree(n)))
    budget = max(max_nodes - len({graph.nodes[n]["label"] for n in ranked[max_nodes:]}), 1)
    keep, drop = set(ranked[:budget]), ranked[budget:]
    hidden: dict[str, int] = {}
    folded = graph.subgraph(keep).copy()
    for node in drop:
        label = graph.nodes[node]["label"]
        hidden[label] = hidden.get(label, 0) + 1
        aggregate = f"{AGGREGATE}:{label}"
        if aggregate not in folded:
            folded.add_node(aggregate, label=AGGREGATE, of=label, key=aggregate, name=label,
                            depth=graph.nodes[node]["depth"], props={}, count=0)
        folded.nodes[aggregate]["count"] += 1
        for neighbour in nx.all_neighbors(graph, node):
            if neighbour in keep and not folded.has_edge(neighbour, aggregate):
                folded.add_edge(neighbour, aggregate, type="", props={})
    return View(folded, view.focus, hidden, view.cut_short)


def maturity_of(view: View, node: Any) -> int | None:
    """Rounded mean maturity, over the municipalities drawn with an assessment into ``node``,
    of each one's assessment that counts (``kb.analysis.common.pick_current``: its latest
    round, the external review before the self-assessment), as every analysis counts it."""
    assessed = [{"municipality": start, "capability": node, "round": d["props"].get("round", 0),
                 "method": d["props"].get("method"), "maturity": d["props"]["maturity"]}
                for start, _, d in view.graph.in_edges(node, data=True)
                if d["type"] == "ASSESSED" and "maturity" in d["props"]]
    if not assessed:
        return None
    return round(float(pick_current(pd.DataFrame(assessed))["maturity"].mean()))


def _title(data: Mapping[str, Any]) -> str:
    lines = [f"{data['label']}: {data['name']}"]
    lines += [f"{k}: {v}" for k, v in sorted(data["props"].items()) if k not in ("name",)]
    return "\n".join(lines)


def _colour(view: View, node: Any, data: Mapping[str, Any], by_maturity: bool) -> str:
    if "colour" in data:
        return data["colour"]
    if by_maturity:
        level = maturity_of(view, node)
        if level is not None:
            return MATURITY_COLOURS[level]
    return LABEL_COLOURS.get(data.get("of", data["label"]), "#aaaaaa")


def _legend(view: View, names: Mapping[str, str], by_maturity: bool) -> str:
    labels = sorted({d.get("of", d["label"]) for _, d in view.graph.nodes(data=True)})
    items = [(LABEL_COLOURS.get(label, "#aaaaaa"), names.get(label, label)) for label in labels]
    if by_maturity:
        items += [(colour, f"{names.get('maturity', 'maturity')} {level}")
                  for level, colour in MATURITY_COLOURS.items()]
    spans = "".join(
        f'<span style="margin-right:12px;white-space:nowrap"><span style="display:inline-block;'
        f'width:11px;height:11px;border-radius:6px;background:{escape(c)};margin-right:4px"></span>'
        f"{escape(n)}</span>" for c, n in items)
    return (f'<div id="legend" style="font:13px sans-serif;padding:4px 8px;'
            f'position:absolute;top:0;left:0;background:rgba(255,255,255,.85);z-index:10">{spans}</div>')


def _options(physics: bool, hierarchical: bool, directed: bool = True) -> dict[str, Any]:
    options: dict[str, Any] = {
        "physics": {"enabled": physics, "stabilization": {"iterations": 150},
                    "barnesHut": {"gravitationalConstant": -6000, "springLength": 120}},
        "edges": {"arrows": {"to": {"enabled": directed, "scaleFactor": 0.4}},
                  "color": {"color": "#bbbbbb"}, "font": {"size": 9}},
        "interaction": {"hover": True, "navigationButtons": True},
    }
    if hierarchical:
        options["layout"] = {"hierarchical": {"enabled": True, "direction": "UD",
                                              "sortMethod": "directed", "levelSeparation": 140}}
    return options


_HTML_TOOLTIP = "popup.innerHTML = nodeData[0].title;"
_TEXT_TOOLTIP = "popup.innerText = nodeData[0].title;"
"""pyvis switches to its own tooltip when any title holds the text 'href', and that one sets
the title as HTML: a property such as ``<img src=x onerror=...> href`` would run as script.
vis-network's own tooltip sets text; ``to_html`` makes pyvis's do the same."""


def to_html(view: View, names: Mapping[str, str] | None = None, by_maturity: bool = False,
            physics: bool = True, hierarchical: bool = False, height_px: int = 640) -> str:
    """The view as a self-contained pyvis HTML page (scripts inlined) with a legend.

    ``names`` translates labels (and the word 'maturity') for the legend and the
    aggregate nodes ("12 more System"). Nothing from the graph is ever read as HTML: node
    and edge data go to the page as JSON (pyvis's ``tojson`` escapes ``<``), labels are
    drawn on a canvas, tooltips are set as text and the legend is escaped.
    """
    from pyvis.network import Network

    names = names or {}
    net = Network(height=f"{height_px}px", width="100%", directed=view.graph.is_directed(),
                  cdn_resources="in_line")
    for node, data in view.graph.nodes(data=True):
        if data["label"] == AGGREGATE:
            text = f"+{data['count']} {names.get(data['of'], data['of'])}"
            net.add_node(str(node), label=text, title=text, shape="box",
                         color=_colour(view, node, data, False), level=data["depth"])
            continue
        net.add_node(str(node), label=data["name"][:40], title=_title(data),
                     color=_colour(view, node, data, by_maturity), level=data["depth"],
                     size=28 if node == view.focus else 14,
                     shape="star" if node == view.focus else "dot")
    for start, end, data in view.graph.edges(data=True):
        net.add_edge(str(start), str(end), title=data["type"], label=data["type"].lower())
    net.set_options(json.dumps(_options(physics, hierarchical, view.graph.is_directed())))
    html = net.generate_html().replace(_HTML_TOOLTIP, _TEXT_TOOLTIP)
    if _HTML_TOOLTIP in html or "innerHTML = nodeData" in html:
        raise RuntimeError("pyvis's template shows tooltips as HTML in a way this module does not know")
    return html.replace("<body>", "<body>" + _legend(view, names, by_maturity), 1)
