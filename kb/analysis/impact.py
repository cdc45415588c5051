"""Impact: what a failing supplier or system affects, transitively.

Failure spreads along the edges of a small projected graph (queries ``analysis/impact_nodes``
and ``analysis/impact_edges``): supplier -> the systems it provides -> the systems they send
data to (``INTEGRATES_WITH``, any depth) -> the capabilities those support -> the capabilities
that depend on them (``DEPENDS_ON``, any depth); a system also reaches the municipalities that
use it. networkx walks it breadth-first, so cycles are harmless.
"""

from __future__ import annotations

from itertools import pairwise

import networkx as nx
import pandas as pd

from kb.analysis.common import query_frame, reason_fields
from kb.store.base import GraphStore

Node = tuple[str, str]
IMPACT_COLUMNS = ["kind", "id", "name", "depth", "key_capability", "municipalities",
                  "municipality_names", "via"]
RANKING_COLUMNS = ["kind", "id", "name", "systems", "capabilities", "key_capabilities",
                   "municipalities", "reason", "reason_sv"]
_KIND_ORDER = {"supplier": 0, "system": 1, "capability": 2, "municipality": 3}
_VERB = {
    ("supplier", "system"): "{a} provides {b}",
    ("system", "system"): "{a} sends data to {b}",
    ("system", "capability"): "{a} supports {b}",
    ("capability", "capability"): "{b} depends on {a}",
    ("system", "municipality"): "{b} uses {a}",
}


def spread_graph(store: GraphStore) -> nx.DiGraph:
    """The graph failure spreads on: nodes ``(kind, id)`` with ``name`` and ``key``."""
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

    With neither: one row per supplier and per system, with ``systems`` = the systems its
    failure takes down (itself, the ones it provides, and everything downstream through
    integrations), ``capabilities`` (``key_capabilities``) = the capabilities they support
    plus those depending on them transitively, and ``municipalities`` = the users of those
    systems; sorted by municipalities, capabilities, systems (descending), then kind and id.
    Raises ValueError for an unknown id or when both are given.
    """
    if supplier is not None and system is not None:
        raise ValueError("Give a supplier or a system, not both.")
    graph = spread_graph(store)
    if supplier is None and system is None:
        return _ranking(graph)
    start = ("supplier", supplier) if supplier is not None else ("system", system)
    if start not in graph:
        raise ValueError(f"No {start[0]} with id {start[1]!r} in the graph.")
    return _affected(graph, start)


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


def _reach(graph: nx.DiGraph, core: nx.DiGraph, node: Node) -> dict[str, object]:
    reached = nx.descendants(core, node) | {node}
    systems = {n for n in reached if n[0] == "system"}
    capabilities = [n for n in reached if n[0] == "capability"]
    key = sum(graph.nodes[c]["key"] for c in capabilities)
    users = len(_users(graph, systems))
    name, caps = _name(graph, node), len(capabilities)
    reason = (f"if {name} fails, {len(systems)} system(s), {caps} "
              f"capabilit{'y' if caps == 1 else 'ies'} ({key} key) and {users} "
              "municipality(ies) are affected",
              f"om {name} faller bort påverkas {len(systems)} system, {caps} "
              f"förmåg{'a' if caps == 1 else 'or'} ({key} nyckelförmåg{'a' if key == 1 else 'or'}) "
              f"och {users} kommun{'' if users == 1 else 'er'}")
    return {"kind": node[0], "id": node[1], "name": _name(graph, node), "systems": len(systems),
            "capabilities": len(capabilities), "key_capabilities": key, "municipalities": users,
            **reason_fields(reason)}


def _ranking(graph: nx.DiGraph) -> pd.DataFrame:
    core = graph.subgraph(n for n in graph if n[0] != "municipality")
    rows = [_reach(graph, core, n) for n in core if n[0] in ("supplier", "system")]
    frame = pd.DataFrame(rows, columns=RANKING_COLUMNS)
    frame = frame.sort_values(["municipalities", "capabilities", "systems", "kind", "id"],
                              ascending=[False, False, False, True, True])
    return frame.reset_index(drop=True)
