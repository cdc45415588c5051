"""Partners: how alike two municipalities are (systems, suppliers, weaknesses), and the
natural partner groups that this similarity forms.

Each municipality is three sets: the systems it uses, their suppliers, and the capabilities it
is weak in (current assessments; weak as in ``kb.analysis.weak``). Similarities are Jaccard
indices of those sets, computed as matrix products of 0/1 matrices in chunks of rows (memory
O(n), only the pairs asked for kept); the groups are Louvain communities of the projected
similarity graph.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import networkx as nx
import numpy as np
import pandas as pd

from kb.analysis.common import (
    bilingual,
    current_by_capability,
    municipalities,
    municipality_code,
    query_frame,
    reason_fields,
)
from kb.analysis.defaults import (
    ASSESSMENT_METHOD,
    PARTNER_NEIGHBOURS,
    PARTNER_RESOLUTION,
    PARTNER_SEED,
    PARTNER_WEIGHTS,
    STRONG_MATURITY,
    WEAK_GAP,
    WEAK_MATURITY,
)
from kb.store.base import GraphStore

DIMENSIONS = ("systems", "suppliers", "weak")
_WORDS = {"systems": ("systems", "system"), "suppliers": ("suppliers", "leverantörer"),
          "weak": ("weak capabilities", "svaga förmågor")}
_SHARED = (" shared", " gemensamma")
PARTNER_COLUMNS = ["municipality_a", "municipality_a_name", "municipality_b", "municipality_b_name",
                   "score", "systems_jaccard", "suppliers_jaccard", "weak_jaccard", "shared_systems",
                   "shared_suppliers", "shared_weak", "reason", "reason_sv"]
GROUP_COLUMNS = ["group", "size", "members", "member_names", "cohesion", "common_systems",
                 "common_suppliers", "common_weak", "reason", "reason_sv"]


@dataclass
class Profiles:
    """Each municipality's sets per dimension, and the names of the items in them."""

    codes: list[str]
    names: dict[str, str]
    items: dict[str, dict[str, set[str]]]  # dimension -> municipality code -> item ids
    labels: dict[str, dict[str, str]]  # dimension -> item id -> item name


def profiles(store: GraphStore, threshold: int = WEAK_MATURITY, min_gap: int = WEAK_GAP,
             method: str = ASSESSMENT_METHOD) -> Profiles:
    """The systems, suppliers and weak capabilities of every municipality (two queries: one row
    per system with its users and suppliers, and the weak ones counted by the engine,
    ``current_by_capability``)."""
    region = municipalities(store)
    used = query_frame(store, "analysis/system_users_suppliers",
                       ["system", "system_name", "municipalities", "suppliers"])
    by_capability = current_by_capability(store, threshold=threshold, min_gap=min_gap,
                                          strong_maturity=STRONG_MATURITY, method=method)
    items: dict[str, dict[str, set[str]]] = {dim: {} for dim in DIMENSIONS}
    labels: dict[str, dict[str, str]] = {dim: {} for dim in DIMENSIONS}
    for system, name, users, suppliers in zip(used["system"].tolist(), used["system_name"].tolist(),
                                              used["municipalities"].tolist(), used["suppliers"].tolist(),
                                              strict=True):
        labels["systems"][system] = name
        labels["suppliers"].update((supplier, supplier_name) for supplier, supplier_name in suppliers)
        for code in users:
            items["systems"].setdefault(code, set()).add(system)
            if suppliers:
                items["suppliers"].setdefault(code, set()).update(supplier for supplier, _ in suppliers)
    weak = by_capability[["capability", "capability_en", "weak_codes"]].itertuples(index=False)
    for capability, name, codes in weak:
        for code in codes:
            items["weak"].setdefault(code, set()).add(capability)
            labels["weak"][capability] = name
    return Profiles(region["municipality"].tolist(),
                    dict(zip(region["municipality"], region["municipality_name"], strict=True)),
                    items, labels)


def _weights(systems: float, suppliers: float, weak: float) -> dict[str, float]:
    weights = {"systems": systems, "suppliers": suppliers, "weak": weak}
    if min(weights.values()) < 0 or sum(weights.values()) <= 0:
        raise ValueError(f"Partner weights must be >= 0 and not all 0, got {weights}")
    return weights


def _incidence(profile: Profiles, dim: str) -> tuple[np.ndarray, np.ndarray]:
    """One dimension as a 0/1 matrix municipality x item over ``profile.codes`` (float32: its
    products count shared items exactly, whole numbers far below 2^24) and each municipality's
    set size."""
    found = sorted({i for s in profile.items[dim].values() for i in s})
    column = {item: k for k, item in enumerate(found)}
    x = np.zeros((len(profile.codes), len(found)), dtype=np.float32)
    for row, code in enumerate(profile.codes):
        x[row, [column[i] for i in profile.items[dim].get(code, ())]] = 1
    return x, x.sum(axis=1, dtype=float)


def _ratio(shared: np.ndarray, union: np.ndarray) -> np.ndarray:
    """shared / union, 0 where the union is empty (there shared is 0 too, and 0 / 1 is 0)."""
    return shared / np.maximum(union, 1)


class Similarity:
    """The municipalities' sets as matrices and the weights: scores any block of pairs on
    demand, never all n x n at once."""

    def __init__(self, profile: Profiles, weights: dict[str, float]) -> None:
        self.n = len(profile.codes)
        self.weights = weights
        self.sets = {dim: _incidence(profile, dim) for dim in DIMENSIONS}

    def union(self, dim: str, a: np.ndarray, b: np.ndarray, shared: np.ndarray) -> np.ndarray:
        """|A_d | B_d| = |A_d| + |B_d| - |A_d & B_d| (a, b and shared broadcast together)."""
        size = self.sets[dim][1]
        return size[a] + size[b] - shared

    def side(self, cols: np.ndarray) -> dict[str, tuple[np.ndarray, np.ndarray]]:
        """Per dimension the transposed matrix and the set sizes of ``cols``: the column side of
        the blocks, made once for all of them."""
        return {dim: (np.ascontiguousarray(x[cols].T), size[cols]) for dim, (x, size) in self.sets.items()}

    def block(self, rows: np.ndarray, side: dict[str, tuple[np.ndarray, np.ndarray]]
              ) -> tuple[dict[str, np.ndarray], np.ndarray]:
        """For rows x the columns of ``side``: the shared counts |A_d & B_d| per dimension, and
        ``score`` = round(sum(w_d * J_d) / sum(w_d), 3) with
        J_d = |A_d & B_d| / |A_d | B_d| (0 when both are empty), summed in the order of
        ``DIMENSIONS``."""
        shared: dict[str, np.ndarray] = {}
        score = None
        for dim in DIMENSIONS:
            (x, size), (across, across_size) = self.sets[dim], side[dim]
            shared[dim] = (x[rows] @ across).astype(float)
            part = _ratio(shared[dim], size[rows][:, None] + across_size[None, :] - shared[dim])
            part *= self.weights[dim]
            score = part if score is None else np.add(score, part, out=score)
        score /= sum(self.weights.values())
        return shared, np.round(score, 3, out=score)


@dataclass
class Pairs:
    """Pairs of municipalities (a[i], b[i]: indices into ``Profiles.codes``) with their shared
    counts per dimension and score."""

    a: np.ndarray
    b: np.ndarray
    shared: dict[str, np.ndarray]
    score: np.ndarray

    def take(self, index: np.ndarray) -> Pairs:
        return Pairs(self.a[index], self.b[index], {d: s[index] for d, s in self.shared.items()},
                     self.score[index])

    def undirected(self) -> Pairs:
        """Each pair once as (lower index, higher index), by a then b (the counts and score of
        (a, b) and (b, a) are the same)."""
        ends = np.stack([np.minimum(self.a, self.b), np.maximum(self.a, self.b)])
        first = np.unique(ends, axis=1, return_index=True)[1] if len(self.a) else np.array([], dtype=int)
        return Pairs(ends[0], ends[1], self.shared, self.score).take(first)

    @staticmethod
    def joined(parts: list[Pairs]) -> Pairs:
        """The pairs of ``parts`` one after the other."""
        if not parts:
            empty = np.array([], dtype=int)
            return Pairs(empty, empty, {d: np.array([]) for d in DIMENSIONS}, np.array([]))
        return Pairs(np.concatenate([p.a for p in parts]), np.concatenate([p.b for p in parts]),
                     {d: np.concatenate([p.shared[d] for p in parts]) for d in DIMENSIONS},
                     np.concatenate([p.score for p in parts]))


CHUNK_CELLS = 2_000_000
"""Pairs scored at once: rows are taken in chunks of about this many cells (memory O(n))."""


Pick = Callable[[int, np.ndarray, np.ndarray], tuple[np.ndarray, np.ndarray]]


def _scored(sim: Similarity, rows: np.ndarray, cols: np.ndarray, pick: Pick) -> Pairs:
    """The pairs of rows x cols that ``pick(start, chunk, score)`` chooses, scored chunk by
    chunk of rows (``chunk`` = rows[start:...]); ``pick`` gives (positions in the chunk,
    positions in cols), kept in its order."""
    found = []
    step = max(1, CHUNK_CELLS // max(len(cols), 1))
    side = sim.side(cols)
    for start in range(0, len(rows), step):
        chunk = rows[start:start + step]
        shared, score = sim.block(chunk, side)
        r, c = pick(start, chunk, score)
        found.append(Pairs(chunk[r], cols[c], {d: s[r, c] for d, s in shared.items()}, score[r, c]))
    return Pairs.joined(found)


def top_neighbours(sim: Similarity, k: int) -> Pairs:
    """Each municipality's ``k`` highest-scoring others with score > 0, as directed pairs by
    municipality, then score (highest first); ties broken by the lower index."""
    n = sim.n
    if n < 2 or k <= 0:
        return Pairs.joined([])
    top = min(k, n)

    def pick(_: int, chunk: np.ndarray, score: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        masked = score.copy()
        masked[np.arange(len(chunk)), chunk] = -np.inf
        kth = np.partition(masked, n - top, axis=1)[:, n - top]  # each row's top-th highest
        r, c = np.nonzero(masked >= kth[:, None])
        order = np.lexsort((c, -masked[r, c], r))
        r, c = r[order], c[order]
        rank = np.arange(len(r)) - np.searchsorted(r, r)
        keep = (rank < top) & (masked[r, c] > 0)
        return r[keep], c[keep]

    everyone = np.arange(n)
    return _scored(sim, everyone, everyone, pick)


def upper_pairs(sim: Similarity, members: np.ndarray) -> Pairs:
    """Every pair of ``members`` (i before j in ``members``), in the order of
    ``np.triu_indices(len(members), k=1)``."""
    def pick(start: int, chunk: np.ndarray, score: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        return np.nonzero(np.arange(len(members))[None, :] > np.arange(start, start + len(chunk))[:, None])

    return _scored(sim, members, members, pick)


def pairs_with(sim: Similarity, i: int) -> Pairs:
    """Every pair of municipality ``i`` with another, as (lower index, higher index)."""
    others = np.delete(np.arange(sim.n), i)
    pairs = _scored(sim, np.array([i]), others, lambda _, chunk, score: np.nonzero(score > -np.inf))
    return Pairs(np.minimum(pairs.a, pairs.b), np.maximum(pairs.a, pairs.b), pairs.shared, pairs.score)


def pair_table(sim: Similarity, pairs: Pairs) -> pd.DataFrame:
    """The pairs with their shared and union counts, Jaccards and score."""
    a, b = pairs.a, pairs.b
    columns: dict[str, np.ndarray] = {"a": a, "b": b}
    for dim in DIMENSIONS:
        shared = pairs.shared[dim]
        union = sim.union(dim, a, b, shared)
        columns |= {f"{dim}_n": shared.astype(int), f"{dim}_of": union.astype(int),
                    f"{dim}_jaccard": _ratio(shared, union).round(3)}
    return pd.DataFrame(columns).assign(score=pairs.score if len(a) else 0.0)


def _shared_names(profile: Profiles, dim: str, a: list[str], b: list[str]) -> list[str]:
    """Per pair (a[i], b[i]), the names of the items both hold, sorted and comma-separated."""
    held, label, none = profile.items[dim], profile.labels[dim], set()
    return [", ".join(sorted([label[i] for i in held.get(x, none) & held.get(y, none)]))
            for x, y in zip(a, b, strict=True)]


def _pair_reasons(pairs: pd.DataFrame, lang: int) -> pd.Series:
    """Shared/union counts per dimension in English (``lang`` 0) or Swedish (1)."""
    parts = [_WORDS[d][lang] + " " + pairs[f"{d}_n"].astype(str) + "/" + pairs[f"{d}_of"].astype(str)
             + _SHARED[lang] for d in DIMENSIONS]
    return parts[0].str.cat(parts[1:], sep=", ")


def partners(store: GraphStore, *, municipality: str | None = None, min_score: float = 0.0,
             per_municipality: int | None = PARTNER_NEIGHBOURS,
             systems_weight: float = PARTNER_WEIGHTS["systems"],
             suppliers_weight: float = PARTNER_WEIGHTS["suppliers"],
             weak_weight: float = PARTNER_WEIGHTS["weak"], threshold: int = WEAK_MATURITY,
             min_gap: int = WEAK_GAP, method: str = ASSESSMENT_METHOD) -> pd.DataFrame:
    """Pairs of similar municipalities, most similar first.

    For municipalities A and B and each dimension d (systems used, their suppliers,
    capabilities weak in: maturity <= ``threshold`` or gap >= ``min_gap``), the Jaccard
    index J_d = |A_d & B_d| / |A_d | B_d| (0 when both are empty);
    ``score`` = sum(w_d * J_d) / sum(w_d) with the three weights. Keeps pairs with
    score > 0 and score >= ``min_score`` and, unless ``per_municipality`` is None or 0, one
    of the two among the other's ``per_municipality`` most similar (fewer rows at national
    scale); with ``municipality`` (code or name; one not in the graph is a ValueError), only
    its pairs (it is A).
    The shared items are named; ``reason`` gives shared/union counts per dimension.
    Ties: by score, then municipality codes.
    """
    municipality = None if municipality is None else municipality_code(store, municipality)
    profile = profiles(store, threshold, min_gap, method)
    sim = Similarity(profile, _weights(systems_weight, suppliers_weight, weak_weight))
    if per_municipality:
        found = top_neighbours(sim, per_municipality).undirected()
    elif municipality is not None:
        found = pairs_with(sim, profile.codes.index(municipality))
    else:
        found = upper_pairs(sim, np.arange(sim.n))
    pairs = pair_table(sim, found)
    codes = np.array(profile.codes, dtype=object)
    pairs = pairs.assign(municipality_a=codes[pairs["a"].to_numpy()],
                         municipality_b=codes[pairs["b"].to_numpy()])
    pairs = pairs[(pairs["score"] > 0) & (pairs["score"] >= min_score)]
    if municipality is not None:
        flip = pairs["municipality_b"] == municipality
        pairs = pairs[flip | (pairs["municipality_a"] == municipality)].copy()
        pairs.loc[flip, ["municipality_a", "municipality_b"]] = \
            pairs.loc[flip, ["municipality_b", "municipality_a"]].to_numpy()
    pairs = pairs.sort_values(["score", "municipality_a", "municipality_b"], ascending=[False, True, True])
    return _named(profile, pairs)


def _named(profile: Profiles, pairs: pd.DataFrame) -> pd.DataFrame:
    if pairs.empty:
        return pd.DataFrame(columns=PARTNER_COLUMNS)
    a, b = pairs["municipality_a"], pairs["municipality_b"]
    named = {f"shared_{dim}": _shared_names(profile, dim, a.tolist(), b.tolist()) for dim in DIMENSIONS}
    return pairs.assign(municipality_a_name=a.map(profile.names), municipality_b_name=b.map(profile.names),
                        reason=_pair_reasons(pairs, 0),
                        reason_sv=_pair_reasons(pairs, 1), **named)[PARTNER_COLUMNS] \
        .reset_index(drop=True)


def _neighbour_graph(sim: Similarity, neighbours: int) -> nx.Graph:
    """Every municipality, linked to its ``neighbours`` most similar ones (score > 0)."""
    found = top_neighbours(sim, neighbours)
    graph = nx.Graph()
    graph.add_nodes_from(range(sim.n))
    graph.add_weighted_edges_from(zip(found.a.tolist(), found.b.tolist(), found.score.tolist(), strict=True),
                                  weight="score")
    return graph


def _common(profile: Profiles, dim: str, members: list[str], top: int = 3) -> str:
    """The ``top`` items most members hold (at least two), as 'name (n/size)'."""
    counts = pd.Series([i for m in members for i in profile.items[dim].get(m, ())], dtype=object)
    counts = counts.value_counts()
    counts = counts[counts >= 2].rename(index=profile.labels[dim])
    counts = counts.sort_index().sort_values(ascending=False, kind="stable").head(top)
    return ", ".join(f"{name} ({n}/{len(members)})" for name, n in counts.items())


def _group_row(profile: Profiles, sim: Similarity, members: list[int]) -> dict[str, object]:
    codes = sorted(profile.codes[i] for i in members)
    inside = upper_pairs(sim, np.array(members, dtype=int)).score
    common = {f"common_{dim}": _common(profile, dim, codes) for dim in DIMENSIONS}
    held = [d for d in DIMENSIONS if common[f"common_{d}"]]
    binds = bilingual((f"{_WORDS[d][0]}: {common[f'common_{d}']}", f"{_WORDS[d][1]}: {common[f'common_{d}']}")
                      for d in held)
    size = len(codes)
    reason = ((f"{size} municipalities bound by {binds[0]}", f"{size} kommuner förenade av {binds[1]}")
              if held and size > 1 else ("alike no other municipality enough to join a group",
                                         "liknar ingen annan kommun nog för att bilda en grupp"))
    return {"size": len(codes), "members": ", ".join(codes),
            "member_names": ", ".join(sorted(profile.names[c] for c in codes)),
            "cohesion": round(float(np.mean(inside)), 3) if len(inside) else 0.0, **common,
            **reason_fields(reason)}


def partner_groups(store: GraphStore, *, neighbours: int = PARTNER_NEIGHBOURS,
                   resolution: float = PARTNER_RESOLUTION, seed: int = PARTNER_SEED,
                   systems_weight: float = PARTNER_WEIGHTS["systems"],
                   suppliers_weight: float = PARTNER_WEIGHTS["suppliers"],
                   weak_weight: float = PARTNER_WEIGHTS["weak"], threshold: int = WEAK_MATURITY,
                   min_gap: int = WEAK_GAP, method: str = ASSESSMENT_METHOD) -> pd.DataFrame:
    """Natural partner groups: Louvain communities of the municipality similarity graph.

    The graph links each municipality to its ``neighbours`` most similar ones (the
    ``partners`` score, > 0) with the score as weight; ``networkx.louvain_communities``
    (``resolution``, fixed ``seed``) splits it. One row per group, largest first, then
    by ``cohesion`` = mean pair score among its members; ``common_*`` name what binds
    it: the systems, suppliers and weak capabilities most members share (held by >= 2).
    A municipality alike no other is a group of its own.
    """
    profile = profiles(store, threshold, min_gap, method)
    if not profile.codes:
        return pd.DataFrame(columns=GROUP_COLUMNS)
    sim = Similarity(profile, _weights(systems_weight, suppliers_weight, weak_weight))
    graph = _neighbour_graph(sim, neighbours)
    found = nx.community.louvain_communities(graph, weight="score", resolution=resolution, seed=seed)
    rows = [_group_row(profile, sim, sorted(group)) for group in found]
    frame = pd.DataFrame(rows).sort_values(["size", "cohesion", "members"], ascending=[False, False, True])
    return frame.assign(group=range(1, len(frame) + 1))[GROUP_COLUMNS].reset_index(drop=True)
