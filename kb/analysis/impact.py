"""Impact: what a failing supplier or system affects, transitively.

Failure spreads supplier -> the systems it provides -> the systems they send data to
(``INTEGRATES_WITH``, any depth) -> the capabilities those support -> the capabilities that
depend on them (``DEPENDS_ON``, any depth); a system also reaches the municipalities that use it.

The reach is found in the graph with variable-length paths (queries ``analysis/impact_reach``
and ``analysis/impact_spread_from``), which end in a dependency cycle on both engines. Two
things stay in Python, because they are set arithmetic and bookkeeping rather than graph
walks: the number of distinct municipalities using any system of a reach (from one list of
users per system, ``analysis/system_user_lists``, instead of a row per use), and the shortest
spreading path to each affected node with its wording, found breadth-first by networkx on the
small subgraph one start reaches. ``spread_graph`` (the whole spreading graph) is the
networkx way the benchmark (``bench/graph_questions.py``) compares against; the scenario risks
walk only its capability part (``kb.scenario.effects.dependencies``).
"""

from __future__ import annotations

from itertools import pairwise

import networkx as nx
import pandas as pd

from kb.analysis.common import query_frame, reason_fields
from kb.queries import run_query
from kb.store.base import GraphStore

Node = tuple[str, str]
IMPACT_COLUMNS = ["kind", "id", "name", "depth", "key_capability", "municipalities",
                  "municipality_names", "via"]
RANKING_COLUMNS = ["kind", "id", "name", "systems", "capabilities", "key_capabilities",
                   "municipalities", "reason", "reason_sv"]
_REACH_COLUMNS = ["kind", "id", "name", "systems", "capabilities", "key_capabilities"]
_SPREAD_COLUMNS = ["source_kind", "source", "source_name", "target_kind", "targets", "target_names",
                   "target_keys"]
_KIND_ORDER = {"supplier": 0, "system": 1, "capability": 2, "municipality": 3}
_VERB = {
    ("supplier", "system"): "{a} provides {b}",
    ("system", "system"): "{a} sends data to {b}",
    ("system", "capability"): "{a} supports {b}",
    ("capability", "capability"): "{b} depends on {a}",
    ("system", "municipality"): "{b} uses {a}",
}


def spread_graph(store: GraphStore) -> nx.DiGraph:
    """The whole graph failure spreads on: nodes ``(kind, id)`` with ``name`` and ``key``."""
    nodes = query_frame(store, "analysis/impact_nodes", ["kind", "id", "name", "key_capability"])
    edges = query_frame(store, "analysis/impact_edges",
                        ["source_kind", "source", "target_kind", "target"])
    graph = nx.DiGraph()
    for kind, node_id, name, key in nodes.itertuples(index=False):
        graph.add_node((kind, node_id), name=name or node_id, key=bool(key))
    sources = zip(edges["source_kind"], edges["source"], strict=True)
    targets = zip(edges["target_kind"], edges["target"], strict=True)
    graph.add_edges_from(zip(sources, targets, strict=True))
    return graph


def impact(store: GraphStore, *, supplier: str | None = None,
           system: str | None = None) -> pd.DataFrame:
    """Everything a failing supplier or system affects; with neither, rank them all by reach.

    Given ``supplier`` or ``system`` (an id): one row per affected node (kind system,
    capability or municipality) with ``depth`` = the number of steps on the shortest
    spreading path and ``via`` = that path in words. ``municipalities`` counts the
    municipalities concerned: for a system, those that use it; for a capability, those
    that use an affected system from which it is reached (supports, then depends-on).
    Sorted by depth, kind (system, capability, municipality), then name.

    With neither: one row per supplier and per system, with ``systems`` = the systems its
    failure takes down (itself, the ones it provides, and everything downstream through
    integrations), ``capabilities`` (``key_capabilities``) = the capabilities they support
    plus those depending on them transitively, and ``municipalities`` = the users of those
    systems; sorted by municipalities, capabilities, systems (descending), then kind and id.
    Raises ValueError for an unknown id (the message names it) or when both are given.
    """
    if supplier is not None and system is not None:
        raise ValueError("Give a supplier or a system, not both.")
    if supplier is None and system is None:
        return _ranking(store)
    label, node_id = ("Supplier", supplier) if supplier is not None else ("System", system)
    if run_query(store, "graph/focus", {"label": label, "key": str(node_id)}).scalar() is None:
        raise ValueError(f"No {label.lower()} with id {str(node_id)!r} in the graph.")
    return _affected(_spread_from(store, label, str(node_id)), (label.lower(), str(node_id)))


def _spread_from(store: GraphStore, label: str, node_id: str) -> nx.DiGraph:
    """The part of the spreading graph that a failure of (``label``, ``node_id``) reaches."""
    edges = query_frame(store, "analysis/impact_spread_from", _SPREAD_COLUMNS, start=[label, node_id])
    graph = nx.DiGraph()
    graph.add_node((label.lower(), node_id), name=node_id, key=False)
    for row in edges.itertuples(index=False):
        source = (row.source_kind, row.source)
        graph.add_node(source, name=row.source_name or row.source)
        for target, name, key in zip(row.targets, row.target_names, row.target_keys, strict=True):
            graph.add_node((row.target_kind, target), name=name or target, key=bool(key))
            graph.add_edge(source, (row.target_kind, target))
    for _, data in graph.nodes(data=True):
        data.setdefault("key", False)
    return graph


def _name(graph: nx.DiGraph, node: Node) -> str:
    return str(graph.nodes[node]["name"])


def _users(graph: nx.DiGraph, systems: set[Node]) -> set[Node]:
    return {n for s in systems for n in graph.successors(s) if n[0] == "municipality"}


def _via(graph: nx.DiGraph, path: list[Node]) -> str:
    steps = [_VERB[(a[0], b[0])].format(a=_name(graph, a), b=_name(graph, b))
             for a, b in pairwise(path)]
    return "; ".join(steps)


def _concerned(graph: nx.DiGraph, rests: nx.DiGraph, node: Node) -> set[Node]:
    if node[0] == "municipality":
        return {node}
    if node[0] == "system":
        return _users(graph, {node})
    return _users(graph, {n for n in nx.ancestors(rests, node) if n[0] == "system"})


def _affected(graph: nx.DiGraph, start: Node) -> pd.DataFrame:
    paths = nx.single_source_shortest_path(graph, start)
    # capabilities rest on the affected systems that support them, directly or through
    # the capabilities they depend on
    affected = set(paths)
    rests = nx.subgraph_view(graph, filter_node=affected.__contains__,
                             filter_edge=lambda a, b: b[0] == "capability")
    del paths[start]
    rows = []
    for node, path in paths.items():
        concerned = _concerned(graph, rests, node)
        names = sorted(_name(graph, m) for m in concerned)
        rows.append({"kind": node[0], "id": node[1], "name": _name(graph, node),
                     "depth": len(path) - 1, "key_capability": graph.nodes[node]["key"],
                     "municipalities": len(concerned), "municipality_names": ", ".join(names),
                     "via": _via(graph, path)})
    frame = pd.DataFrame(rows, columns=IMPACT_COLUMNS)
    order = frame["kind"].map(_KIND_ORDER)
    return frame.assign(_o=order).sort_values(["depth", "_o", "name"]).drop(columns="_o") \
        .reset_index(drop=True)


def _reason(name: str, systems: int, caps: int, key: int, users: int) -> dict[str, str]:
    return reason_fields((
        f"if {name} fails, {systems} system(s), {caps} "
        f"capabilit{'y' if caps == 1 else 'ies'} ({key} key) and {users} "
        "municipality(ies) are affected",
        f"om {name} faller bort påverkas {systems} system, {caps} "
        f"förmåg{'a' if caps == 1 else 'or'} ({key} nyckelförmåg{'a' if key == 1 else 'or'}) "
        f"och {users} kommun{'' if users == 1 else 'er'}"))


def _user_masks(store: GraphStore) -> dict[str, int]:
    """Per system id, the municipalities using it as the bits of one integer (bit i = the i-th
    municipality met), so the users of a reach are counted by OR-ing and counting bits."""
    lists = query_frame(store, "analysis/system_user_lists", ["system", "municipalities"])
    bit: dict[str, int] = {}
    masks = {}
    for system, codes in zip(lists["system"], lists["municipalities"], strict=True):
        mask = 0
        for code in codes:
            mask |= 1 << bit.setdefault(code, len(bit))
        masks[system] = mask
    return masks


def _ranking(store: GraphStore) -> pd.DataFrame:
    reach = query_frame(store, "analysis/impact_reach", _REACH_COLUMNS)
    masks = _user_masks(store)
    rows = []
    for kind, node_id, name, systems, caps, key in reach[_REACH_COLUMNS].itertuples(index=False):
        mask = 0
        for system in systems:
            mask |= masks.get(system, 0)
        users, caps, key, name = mask.bit_count(), int(caps), int(key), name or node_id
        rows.append({"kind": kind, "id": node_id, "name": name, "systems": len(systems),
                     "capabilities": caps, "key_capabilities": key, "municipalities": users,
                     **_reason(name, len(systems), caps, key, users)})
    frame = pd.DataFrame(rows, columns=RANKING_COLUMNS)
    frame = frame.sort_values(["municipalities", "capabilities", "systems", "kind", "id"],
                              ascending=[False, False, False, True, True])
    return frame.reset_index(drop=True)
