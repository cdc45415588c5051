"""Paths between two chosen nodes: "how does this supplier reach that capability?"

``find_paths(store, source, target, depth, limit)`` asks the graph (query ``graph/paths``)
for the shortest ways from one node to another through the architecture: who provides which
system, which systems send data to which, which systems support which capabilities and which
capabilities depend on which. ``path_text`` says a path in words, ``path_rows`` lists them and
``paths_view`` draws them as one graph.
"""

from __future__ import annotations

from dataclasses import dataclass

from kb.graphview import FOCUS_LABELS, View, node_key, node_name, view_of_paths
from kb.queries import run_query
from kb.store.base import GraphNode, GraphRelationship, GraphStore

MAX_DEPTH = 4
"""Most steps in a path: the bound written in ``queries/graph/paths.cypher``."""
DEFAULT_DEPTH = 3
MAX_PATHS = 100
"""Most paths one call may ask for."""
DEFAULT_LIMIT = 20
PATH_RELATIONSHIPS = ("PROVIDES", "INTEGRATES_WITH", "SUPPORTS", "DEPENDS_ON")
"""Followed in either direction; ``USES`` only as the first or last step, from a municipality."""


@dataclass(frozen=True)
class Path:
    """One path: ``nodes[i]`` and ``nodes[i + 1]`` are joined by ``relationships[i]``."""

    nodes: tuple[GraphNode, ...]
    relationships: tuple[GraphRelationship, ...]

    @property
    def steps(self) -> int:
        """The number of relationships on the path."""
        return len(self.relationships)


@dataclass(frozen=True)
class Paths:
    """What ``find_paths`` found: the two end nodes, the limits asked for and the paths.

    ``capped`` is True when more paths than ``limit`` exist within the depth (only the first
    ``limit`` are kept).
    """

    source: GraphNode
    target: GraphNode
    depth: int
    limit: int
    paths: list[Path]
    capped: bool


def _node(store: GraphStore, label: str, key: str) -> GraphNode:
    if label not in FOCUS_LABELS:
        raise ValueError(f"A path runs between nodes labelled {', '.join(FOCUS_LABELS)}, not {label!r}.")
    node = run_query(store, "graph/focus", {"label": label, "key": str(key)}).scalar()
    if node is None:
        raise ValueError(f"No {label} with key {str(key)!r} in the graph.")
    return node


def _whole(name: str, value: int, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise ValueError(f"{name} must be a whole number from {low} to {high}, not {value!r}.")
    return value


def find_paths(store: GraphStore, source: tuple[str, str], target: tuple[str, str],
               depth: int = DEFAULT_DEPTH, limit: int = DEFAULT_LIMIT) -> Paths:
    """The shortest paths from ``source`` to ``target``, each given as (label, key).

    - Ends: a Municipality (key: its code), Capability, Supplier or System (key: its id).
    - Relationships: PROVIDES, INTEGRATES_WITH, SUPPORTS and DEPENDS_ON, each in either
      direction (a capability's supplier is reached through the system that supports it,
      a dependent capability through the one it depends on). A municipality joins only at an
      end, through a system it USES (one more step); no path passes through a municipality,
      so paths show the architecture rather than every municipality sharing a system.
    - Paths are simple (no node twice) and have 1 to ``depth`` steps; ``depth`` is 1 to
      ``MAX_DEPTH`` (4).
    - At most ``limit`` paths (1 to ``MAX_PATHS``), shortest first, equal lengths in order
      of the node keys along them; ``capped`` says whether more exist.

    Raises ValueError, naming the value, for an unknown node, a label other than those four,
    the same node at both ends, or a depth or limit out of range.
    """
    depth = _whole("depth", depth, 1, MAX_DEPTH)
    limit = _whole("limit", limit, 1, MAX_PATHS)
    start, end = _node(store, *source), _node(store, *target)
    if (source[0], str(source[1])) == (target[0], str(target[1])):
        raise ValueError("Choose two different nodes: a path needs two ends.")
    params = {"source": [source[0], str(source[1])], "target": [target[0], str(target[1])],
              "depth": depth, "limit": limit + 1}
    rows = run_query(store, "graph/paths", params, row_cap=None).rows
    found = [_path(*row) for row in rows[:limit]]
    return Paths(start, end, depth, limit, found, capped=len(rows) > limit)


def _path(steps: int, a: GraphNode, first: GraphRelationship | None, nodes: list[GraphNode],
          relationships: list[GraphRelationship], last: GraphRelationship | None,
          b: GraphNode) -> Path:
    """The query's row as one path: the municipality steps (when there are) around the middle."""
    all_nodes, all_rels = list(nodes), list(relationships)
    if first is not None:
        all_nodes, all_rels = [a, *all_nodes], [first, *all_rels]
    if last is not None:
        all_nodes, all_rels = [*all_nodes, b], [*all_rels, last]
    path = Path(tuple(all_nodes), tuple(all_rels))
    if path.steps != steps:
        raise RuntimeError(f"graph/paths counted {steps} steps in a path of {path.steps}")
    return path


def path_text(path: Path, language: str = "sv") -> str:
    """The path in one line: names joined by arrows in each relationship's own direction,
    e.g. ``Alfa AB -PROVIDES-> SysA -SUPPORTS-> Ekonomi <-DEPENDS_ON- Lön``."""
    parts = [node_name(path.nodes[0], language)]
    for before, rel, after in zip(path.nodes, path.relationships, path.nodes[1:], strict=False):
        arrow = f"-{rel.type}->" if rel.start == before.id else f"<-{rel.type}-"
        parts += [arrow, node_name(after, language)]
    return " ".join(parts)


def path_rows(found: Paths, language: str = "sv") -> list[dict[str, object]]:
    """One row per path for a table or the CLI: its ``number`` (1 = shortest), ``steps``, the
    ``route`` in words and the ``nodes`` on it as 'Label:key' joined by ' | '."""
    return [{"number": number, "steps": path.steps, "route": path_text(path, language),
             "nodes": " | ".join(f"{n.labels[0] if n.labels else ''}:{node_key(n)}" for n in path.nodes)}
            for number, path in enumerate(found.paths, start=1)]


def paths_view(found: Paths, language: str = "sv") -> View:
    """The paths drawn as one graph, the source as its focus (``kb.graphview.view_of_paths``)."""
    if not found.paths:
        return view_of_paths([[found.source], [found.target]], [], language)
    return view_of_paths([p.nodes for p in found.paths],
                         [r for p in found.paths for r in p.relationships], language)
